import Enrollment
import Foundation
import HTTPServer
import JSON
import Store

/// The identity service and the HTTP settings of its endpoints.
public struct IdentityServices: Sendable {
    public let service: IdentityService
    /// Adds `Secure` to session cookies; turn on when the server is reached over TLS (behind a proxy).
    public let secureCookies: Bool

    public init(service: IdentityService, secureCookies: Bool) {
        self.service = service
        self.secureCookies = secureCookies
    }
}

/// The parent identity endpoints: `/api/v1/auth/…`, `/api/v1/identity/check-iin` and `/api/v1/me/settings`.
///
/// Requests and answers are JSON. Every answer carries `Cache-Control: no-store`, because many hold
/// tokens or personal data. Session tokens come in `Authorization: Bearer` (API clients) or the
/// `sakura_session` cookie (pages), and a state-changing request authenticated by the cookie must
/// carry the session's CSRF token in `X-CSRF-Token`.
///
/// Every route runs on a worker thread, because handlers write to SQLite and login, set-password
/// and password changes hash with PBKDF2 (about 100 ms at the default cost); the event loops keep
/// serving other connections meanwhile.
public enum IdentityAPI {
    /// The largest accepted request body, in bytes: the fields are short strings.
    static let maxBodyBytes = 16 * 1024

    /// Adds the identity routes to `router`.
    public static func register(into router: inout Router, _ identity: IdentityServices) {
        router.add("POST", "/api/v1/auth/request-code", maxBodyBytes: maxBodyBytes, runsOnWorker: true) { request in
            respond(request) { try requestCode($0, identity) }
        }
        router.add("POST", "/api/v1/auth/verify-code", maxBodyBytes: maxBodyBytes, runsOnWorker: true) { request in
            respond(request) { try verifyCode($0, identity) }
        }
        router.add("POST", "/api/v1/auth/set-password", maxBodyBytes: maxBodyBytes, runsOnWorker: true) { request in
            respond(request) { try setPassword($0, identity) }
        }
        router.add("POST", "/api/v1/auth/login", maxBodyBytes: maxBodyBytes, runsOnWorker: true) { request in
            respond(request) { try login($0, identity) }
        }
        router.add("POST", "/api/v1/auth/logout", maxBodyBytes: maxBodyBytes, runsOnWorker: true) { request in
            respond(request) { try logout($0, identity) }
        }
        router.add("POST", "/api/v1/auth/reset", maxBodyBytes: maxBodyBytes, runsOnWorker: true) { request in
            respond(request) { try reset($0, identity) }
        }
        router.add("POST", "/api/v1/identity/check-iin", maxBodyBytes: maxBodyBytes, runsOnWorker: true) { request in
            respond(request) { try checkIIN($0, identity) }
        }
        router.add("GET", "/api/v1/me/settings", runsOnWorker: true) { request in
            respond(request) { try settings($0, identity) }
        }
        router.add("PUT", "/api/v1/me/settings", maxBodyBytes: maxBodyBytes, runsOnWorker: true) { request in
            respond(request) { try updateSettings($0, identity) }
        }
    }

    /// Runs a handler: maps `EnrollmentError` to the error shape with `Retry-After` where it
    /// applies, and marks every answer as not to be cached.
    static func respond(_ request: HTTPRequest, _ body: (HTTPRequest) throws -> HTTPResponse) -> HTTPResponse {
        var retryAfter: Int? = nil
        var response = SakuraAPI.handle(request) { request in
            do {
                return try body(request)
            } catch let error as EnrollmentError {
                retryAfter = error.retryAfter
                throw error.apiError(requestID: request.requestID)
            }
        }
        if let retryAfter { response.headers.set("Retry-After", String(retryAfter)) }
        response.headers.set("Cache-Control", "no-store")
        return response
    }

    /// The client context of a request, for limits and log lines.
    ///
    /// NOTE: behind a reverse proxy every client has the proxy's address, so the per-address limits
    /// count all clients together; trusting `X-Forwarded-For` from a configured proxy is not built yet.
    static func client(_ request: HTTPRequest) -> ClientContext {
        ClientContext(address: request.remoteAddress, requestID: request.requestID, language: language(of: request).rawValue)
    }

    static func timestamp(_ date: Date) -> JSONValue {
        .string(Timestamp.string(from: date))
    }
}

extension EnrollmentError {
    /// The API error with the status of this error's kind; internal failures keep their detail out of the body.
    func apiError(requestID: String) -> APIError {
        let status: Int
        switch kind {
        case .invalidInput: status = 400
        case .unauthorized: status = 401
        case .forbidden: status = 403
        case .rateLimited: status = 429
        case .unavailable: status = 503
        case .internalFailure:
            return APIError(status: 500, code: "internal_error", arguments: ["request_id": requestID.isEmpty ? "-" : requestID])
        }
        return APIError(status: status, code: code, field: field, arguments: arguments, messageKey: messageKey)
    }
}
