import Crypto
import Foundation
import Store

/// API tokens of staff accounts: 256 random bits from the system CSPRNG, shown once and stored
/// only as their SHA-256 hash.
///
/// A slow password hash is not needed here: the token has full entropy, so its SHA-256 cannot be
/// reversed by guessing, and a fast hash keeps the check of every write request cheap.
public enum StaffTokens {
    /// The prefix that marks a Sakura staff token, so a leaked one is easy to recognise in a scan.
    public static let prefix = "skt_"

    /// Creates a new token; returns the token to give to the person and the hash to store.
    public static func issue() throws -> (token: String, hash: String) {
        let token = prefix + base64URL(try SecureRandom.bytes(32))
        return (token, hash(token))
    }

    /// The stored form of a token: the lowercase hex SHA-256 of its UTF-8 bytes.
    public static func hash(_ token: String) -> String {
        Hex.encode(SHA256.hash(Array(token.utf8)))
    }

    /// Creates a staff account with a new token; returns the account and the token, which is not stored.
    public static func addUser(name: String, role: StaffUser.Role, cityID: String?, store: SakuraStore) throws -> (user: StaffUser, token: String) {
        let (token, hash) = try issue()
        let user = try store.database.transaction {
            let user = try store.addStaffUser(name: name, role: role, cityID: cityID, tokenHash: hash)
            try store.recordAudit(user: nil, userName: "command line", cityID: cityID, action: "user.add", target: "user \(user.id)",
                                  detail: "{\"role\":\"\(role.rawValue)\"}")
            return user
        }
        return (user, token)
    }

    /// Returns the active account of a bearer token, or nil for an unknown or disabled one.
    public static func authenticate(_ token: String, store: SakuraStore) throws -> StaffUser? {
        guard token.hasPrefix(prefix), token.utf8.count < 200 else { return nil }
        return try store.staffUser(tokenHash: hash(token))
    }

    private static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}

extension StaffUser {
    /// True when the account may write the catchment plans of `cityID`: planners and admins of that city, and admins of every city.
    public func mayPlan(cityID: String) -> Bool {
        guard disabledAt == nil, role == .planner || role == .admin else { return false }
        return self.cityID == nil ? role == .admin : self.cityID == cityID
    }
}
