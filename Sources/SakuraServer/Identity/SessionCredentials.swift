import Enrollment
import HTTPServer

/// Reads and writes the session credentials of a request: the bearer token or the cookies.
enum SessionCredentials {
    static let sessionCookie = "sakura_session"
    static let csrfCookie = "sakura_csrf"
    static let csrfHeader = "X-CSRF-Token"

    /// The session token and whether it came from the cookie (which calls for CSRF checks).
    static func token(_ request: HTTPRequest) -> (token: String, fromCookie: Bool)? {
        if let authorization = request.headers["Authorization"] {
            let parts = authorization.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "bearer" { return (String(parts[1]).trimmingCharacters(in: .whitespaces), false) }
        }
        if let value = cookie(sessionCookie, in: request) { return (value, true) }
        return nil
    }

    /// Returns the value of a cookie (RFC 6265 §5.4 `Cookie` header), or nil.
    static func cookie(_ name: String, in request: HTTPRequest) -> String? {
        for header in request.headers where header.name.lowercased() == "cookie" {
            for pair in header.value.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == name {
                    return parts[1].trimmingCharacters(in: .whitespaces)
                }
            }
        }
        return nil
    }

    /// Authenticates the request's session; for a state-changing request authenticated by the
    /// cookie, also requires the CSRF token in `X-CSRF-Token`.
    static func session(_ request: HTTPRequest, _ identity: IdentityServices, stateChanging: Bool) throws(EnrollmentError) -> AuthenticatedSession {
        let credentials = token(request)
        let session = try identity.service.authenticate(token: credentials?.token, client: IdentityAPI.client(request))
        if stateChanging && credentials?.fromCookie == true {
            try identity.service.checkCSRF(session, token: request.headers[csrfHeader])
        }
        return session
    }

    /// Sets the session cookie (HttpOnly, for the server only) and the CSRF cookie (readable by
    /// page scripts, which copy it into `X-CSRF-Token`).
    static func setCookies(_ session: NewSession, on response: inout HTTPResponse, secure: Bool, maxAge: Int) {
        let flags = "; Path=/; Max-Age=\(maxAge); SameSite=Lax" + (secure ? "; Secure" : "")
        response.headers.add("Set-Cookie", "\(sessionCookie)=\(session.token)\(flags); HttpOnly")
        response.headers.add("Set-Cookie", "\(csrfCookie)=\(session.csrfToken)\(flags)")
    }

    /// Expires both cookies.
    static func clearCookies(on response: inout HTTPResponse, secure: Bool) {
        let flags = "; Path=/; Max-Age=0; SameSite=Lax" + (secure ? "; Secure" : "")
        response.headers.add("Set-Cookie", "\(sessionCookie)=\(flags); HttpOnly")
        response.headers.add("Set-Cookie", "\(csrfCookie)=\(flags)")
    }
}
