/// A staff account that authenticates with an API token.
public struct StaffUser: Sendable, Equatable {
    public enum Role: String, Sendable, CaseIterable {
        /// Edits, checks and publishes the catchment plans of one city.
        case planner
        /// Reviews applications of one city; no catchment writes.
        case staff
        /// Everything a planner may do, in one city or, without a city, in every city.
        case admin
    }

    public var id: Int
    public var name: String
    public var role: Role
    /// The city the account is limited to; nil only for an admin of every city.
    public var cityID: String?
    public var createdAt: String
    public var disabledAt: String?
}

/// One recorded write: who, when, what, and the versions before and after.
public struct AuditEntry: Sendable, Equatable {
    public var id: Int
    public var at: String
    public var userID: Int?
    public var userName: String
    public var cityID: String?
    public var action: String
    public var target: String
    public var beforeVersion: Int?
    public var afterVersion: Int?
    /// A JSON object with details of the change, for example the comment or an override reason.
    public var detail: String
}
