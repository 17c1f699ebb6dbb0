import Foundation
import Store

/// What allows a caller to look people up in the register.
public enum CheckAuthorization: Sendable {
    /// A logged-in parent.
    case session(AuthenticatedSession)
    /// A phone confirmation from `verifyPhoneCode`, as in the application flow.
    case phoneConfirmation(String)
}

/// The answer to "Check IIN".
public struct IdentityCheck: Sendable {
    public let iin: IIN
    /// The register's record, or nil when the register has none.
    public let person: RegisterPerson?
    /// How the given parent represents this person, when a parent IIN was given; nil otherwise.
    public let representation: Representation?
    /// True when a parent IIN was given.
    public let checkedRepresentation: Bool
}

extension IdentityService {
    /// Validates an IIN and looks the person up in the register; with `parentIIN`, also checks that
    /// the parent is the person's legal representative.
    ///
    /// The register returns personal data, so only a logged-in parent or a caller with a phone
    /// confirmation may ask, within `identityChecksPerHour` per client address and per authorization.
    /// - Throws: "invalid_iin" (field "iin" or "parent_iin"), "confirmation_required", "rate_limited", "register_unavailable".
    public func checkIIN(_ text: String, parentIIN parentText: String?, authorization: CheckAuthorization?,
                         client: ClientContext) throws(EnrollmentError) -> IdentityCheck {
        let iin = try IIN(text)
        var parent: IIN? = nil
        if let parentText {
            do {
                parent = try IIN(parentText)
            } catch {
                var renamed = error
                renamed.field = "parent_iin"
                throw renamed
            }
        }

        let now = time.now()
        let subject: String
        switch authorization {
        case .session(let session):
            subject = "account:\(session.accountID)"
        case .phoneConfirmation(let token):
            let phone = try storage(client, "read confirmation") { try database.read { try confirmedPhone(token, now: now, in: $0) } }
            guard phone != nil else { throw EnrollmentError(.unauthorized, code: "confirmation_required", field: "confirmation") }
            subject = "confirmation:\(token)"
        case .none:
            throw EnrollmentError(.unauthorized, code: "confirmation_required", field: "confirmation")
        }
        try consumeLimits([hourly("check-address", client.address, max: policy.identityChecksPerHour, interval: nil),
                           hourly("check-subject", subject, max: policy.identityChecksPerHour, interval: nil)],
                          field: nil, client: client, [("iin", iin.masked)])

        let person = try register.person(iin)
        var representation: Representation? = nil
        if let parent { representation = try register.representation(parent: parent, child: iin) }
        log.info("identity checked", client, [("iin", iin.masked), ("found", String(person != nil)),
                                              ("parent_iin", parent?.masked ?? "-"), ("representative", String(representation != nil))])
        return IdentityCheck(iin: iin, person: person, representation: representation, checkedRepresentation: parent != nil)
    }
}
