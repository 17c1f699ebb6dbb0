import Foundation
import Store

/// The credential that lets a caller look people up in the register.
public enum CheckAuthorization: Sendable {
    /// A logged-in parent.
    case session(AuthenticatedSession)
    /// A phone confirmation from `verifyPhoneCode`, as in the application flow.
    case phoneConfirmation(String)
}

/// The result of "Check IIN".
public struct IdentityCheck: Sendable {
    public let iin: IIN
    /// True when the register has the person.
    public let found: Bool
    /// The register's record, given only for the caller and for a person the caller legally represents.
    /// The caller is the session's IIN, or the person whose phone on record the caller confirmed.
    public let person: RegisterPerson?
    /// The given parent's legal relation to this person; nil without a parent IIN or without a relation.
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
    /// The record comes back only for the caller and for a person the caller represents.
    /// - Throws: "invalid_iin" (field "iin" or "parent_iin"), "confirmation_required", "parent_not_caller"
    ///   (a parent IIN other than the caller's), "rate_limited", "register_unavailable".
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
        var callerIIN: String? = nil
        var callerPhone: PhoneNumber? = nil
        switch authorization {
        case .session(let session):
            subject = "account:\(session.accountID)"
            callerIIN = try storage(client, "read account") { try database.read { try $0.account(id: session.accountID)?.iin } }
        case .phoneConfirmation(let token):
            let phone = try storage(client, "read confirmation") { try database.read { try confirmedPhone(token, now: now, in: $0) } }
            guard phone != nil else { throw EnrollmentError(.unauthorized, code: "confirmation_required", field: "confirmation") }
            callerPhone = phone
            subject = "confirmation:\(token)"
        case .none:
            throw EnrollmentError(.unauthorized, code: "confirmation_required", field: "confirmation")
        }
        try consumeLimits([hourly("check-address", client.address, max: policy.identityChecksPerHour, interval: nil),
                           hourly("check-subject", subject, max: policy.identityChecksPerHour, interval: nil)],
                          field: nil, client: client, [("iin", iin.masked)])

        // The register contains other people's personal data. A caller reads their own record, and
        // a child's only as the child's legal representative.
        func isCaller(_ person: RegisterPerson?) -> Bool {
            guard let person else { return false }
            return person.iin.digits == callerIIN || (callerPhone != nil && person.phone == callerPhone)
        }
        let person = try register.person(iin)
        var representation: Representation? = nil
        if let parent {
            guard isCaller(try register.person(parent)) else {
                throw EnrollmentError(.forbidden, code: "parent_not_caller", field: "parent_iin")
            }
            representation = try register.representation(parent: parent, child: iin)
        }
        let mayRead = isCaller(person) || representation != nil
        log.info("identity checked", client, [("iin", iin.masked), ("found", String(person != nil)), ("details", mayRead ? "shown" : "withheld"),
                                              ("parent_iin", parent?.masked ?? "-"), ("representative", String(representation != nil))])
        return IdentityCheck(iin: iin, found: person != nil, person: mayRead ? person : nil, representation: representation,
                             checkedRepresentation: parent != nil)
    }
}
