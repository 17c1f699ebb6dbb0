import Crypto
import Foundation
import Store

/// The two random tokens of a session before it is stored.
struct SessionTokens {
    let token: String
    let csrfToken: String

    func issued(accountID: Int64, now: Date, policy: IdentityPolicy) -> NewSession {
        NewSession(token: token, csrfToken: csrfToken, accountID: accountID, expiresAt: now.addingTimeInterval(policy.sessionIdleLifetime),
                   absoluteExpiresAt: now.addingTimeInterval(policy.sessionMaxLifetime))
    }
}

extension IdentityService {
    static let sessionRequired = EnrollmentError(.unauthorized, code: "session_required")
    static let sessionExpired = EnrollmentError(.unauthorized, code: "session_expired")

    func newSessionTokens() throws(EnrollmentError) -> SessionTokens {
        SessionTokens(token: try SecretToken.generate(), csrfToken: try SecretToken.generate())
    }

    func storeSession(_ tokens: SessionTokens, accountID: Int64, now: Date, in store: SakuraStore) throws {
        try store.insertSession(SessionRecord(tokenHash: SecretToken.hash(tokens.token)!, accountID: accountID,
                                              csrfHash: SecretToken.hash(tokens.csrfToken)!, createdAt: now, lastSeenAt: now,
                                              expiresAt: now.addingTimeInterval(policy.sessionIdleLifetime),
                                              absoluteExpiresAt: now.addingTimeInterval(policy.sessionMaxLifetime)))
    }

    /// Checks a session token and moves its sliding expiry forward.
    ///
    /// The token is looked up by its SHA-256, so comparison timing can reveal at most bits of a
    /// hash, not of the token. The expiry is written at most once per `sessionTouchInterval`.
    /// - Throws: "session_required" for a missing or unknown token, "session_expired" for an ended session.
    public func authenticate(token: String?, client: ClientContext) throws(EnrollmentError) -> AuthenticatedSession {
        guard let token, let hash = SecretToken.hash(token) else { throw Self.sessionRequired }
        let now = time.now()
        let session = try storage(client, "read session") { try database.read { try $0.session(tokenHash: hash) } }
        guard let session else { throw Self.sessionRequired }

        if session.expiresAt <= now || session.absoluteExpiresAt <= now {
            _ = try storage(client, "delete session") { try database.write { try $0.deleteSession(tokenHash: hash) } }
            log.info("session expired", client, [("account_id", String(session.accountID))])
            throw Self.sessionExpired
        }

        var expiresAt = session.expiresAt
        if now.timeIntervalSince(session.lastSeenAt) >= policy.sessionTouchInterval {
            expiresAt = min(now.addingTimeInterval(policy.sessionIdleLifetime), session.absoluteExpiresAt)
            let newExpiry = expiresAt
            try storage(client, "touch session") {
                try database.write { try $0.touchSession(tokenHash: hash, lastSeenAt: now, expiresAt: newExpiry) }
            }
        }
        return AuthenticatedSession(accountID: session.accountID, expiresAt: expiresAt, tokenHash: hash, csrfHash: session.csrfHash)
    }

    /// Checks the CSRF token a page sent with a state-changing request, in constant time.
    /// - Throws: "csrf_rejected" (403) when it is missing or does not belong to the session.
    public func checkCSRF(_ session: AuthenticatedSession, token: String?) throws(EnrollmentError) {
        guard let token, let hash = SecretToken.hash(token), ConstantTime.equals(hash, session.csrfHash) else {
            throw EnrollmentError(.forbidden, code: "csrf_rejected")
        }
    }

    /// Ends the session; ending one that is already gone is not an error.
    public func logout(_ session: AuthenticatedSession, client: ClientContext) throws(EnrollmentError) {
        try storage(client, "delete session") { _ = try database.write { try $0.deleteSession(tokenHash: session.tokenHash) } }
        log.info("logout", client, [("account_id", String(session.accountID))])
    }
}
