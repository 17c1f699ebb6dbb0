import Enrollment
import HTTPServer
import JSON
import Localization

extension IdentityAPI {
    /// `POST /api/v1/auth/request-code` with `{"purpose": "phone", "phone"}` or `{"purpose": "login"|"reset", "iin"}`.
    ///
    /// Answers 200 with the code lifetime and resend delay. For login and reset the answer is
    /// the same whether or not the IIN is known and a message went out.
    static func requestCode(_ request: HTTPRequest, _ identity: IdentityServices) throws -> HTTPResponse {
        let body = try RequestBody(request, allowed: ["purpose", "phone", "iin"])
        let purpose = try purpose(body)
        let client = client(request)
        let receipt: CodeReceipt
        if purpose == .phone {
            receipt = try identity.service.requestPhoneCode(phone: try body.string("phone"), client: client)
        } else {
            receipt = try identity.service.requestLoginCode(iin: try body.string("iin"), purpose: purpose, client: client)
        }
        return receiptResponse(receipt, purpose: purpose, request: request)
    }

    /// `POST /api/v1/auth/reset` with `{"iin"}`: a reset code to the phone on record, answered like `request-code`.
    static func reset(_ request: HTTPRequest, _ identity: IdentityServices) throws -> HTTPResponse {
        let body = try RequestBody(request, allowed: ["iin"])
        let receipt = try identity.service.requestLoginCode(iin: try body.string("iin"), purpose: .reset, client: client(request))
        return receiptResponse(receipt, purpose: .reset, request: request)
    }

    /// `POST /api/v1/auth/verify-code` with the fields of the request plus `"code"`.
    ///
    /// A phone code returns `confirmation_token` (for the application flow, identity checks and
    /// settings); a login or reset code returns `setup_token` for `set-password`.
    static func verifyCode(_ request: HTTPRequest, _ identity: IdentityServices) throws -> HTTPResponse {
        let body = try RequestBody(request, allowed: ["purpose", "phone", "iin", "code"])
        let purpose = try purpose(body)
        let code = try body.string("code")
        let client = client(request)
        if purpose == .phone {
            let token = try identity.service.verifyPhoneCode(phone: try body.string("phone"), code: code, client: client)
            return .json(["confirmation_token": .string(token.token), "expires_at": timestamp(token.expiresAt)])
        }
        let token = try identity.service.verifyLoginCode(iin: try body.string("iin"), purpose: purpose, code: code, client: client)
        return .json(["setup_token": .string(token.token), "expires_at": timestamp(token.expiresAt)])
    }

    /// `POST /api/v1/auth/set-password` with `{"setup_token", "password"}`: sets the password and starts a session.
    static func setPassword(_ request: HTTPRequest, _ identity: IdentityServices) throws -> HTTPResponse {
        let body = try RequestBody(request, allowed: ["setup_token", "password"])
        let session = try identity.service.setPassword(setupToken: try body.string("setup_token"), password: try body.string("password"),
                                                       client: client(request))
        return sessionResponse(session, identity)
    }

    /// `POST /api/v1/auth/login` with `{"iin", "password"}`: starts a session.
    static func login(_ request: HTTPRequest, _ identity: IdentityServices) throws -> HTTPResponse {
        let body = try RequestBody(request, allowed: ["iin", "password"])
        let session = try identity.service.login(iin: try body.string("iin"), password: try body.string("password"), client: client(request))
        return sessionResponse(session, identity)
    }

    /// `POST /api/v1/auth/logout`: ends the session of the request and expires the cookies.
    static func logout(_ request: HTTPRequest, _ identity: IdentityServices) throws -> HTTPResponse {
        let session = try SessionCredentials.session(request, identity, stateChanging: true)
        try identity.service.logout(session, client: client(request))
        var response = HTTPResponse.json(["status": "logged_out"])
        SessionCredentials.clearCookies(on: &response, secure: identity.secureCookies)
        return response
    }

    private static func purpose(_ body: RequestBody) throws -> CodePurpose {
        let text = try body.string("purpose")
        guard let purpose = CodePurpose(rawValue: text) else {
            throw APIError(status: 400, code: "unknown_purpose", field: "purpose")
        }
        return purpose
    }

    private static func receiptResponse(_ receipt: CodeReceipt, purpose: CodePurpose, request: HTTPRequest) -> HTTPResponse {
        let key = purpose == .phone ? "code_sent.phone" : "code_sent.account"
        return .json(["status": "accepted", "expires_in": .number(Double(receipt.expiresIn)),
                      "resend_after": .number(Double(receipt.resendAfter)),
                      "message": .string(MessageCatalogue.text(key, language(of: request)))])
    }

    private static func sessionResponse(_ session: NewSession, _ identity: IdentityServices) -> HTTPResponse {
        var response = HTTPResponse.json([
            "token": .string(session.token), "token_type": "Bearer", "csrf_token": .string(session.csrfToken),
            "expires_at": timestamp(session.expiresAt), "absolute_expires_at": timestamp(session.absoluteExpiresAt),
        ])
        let maxAge = Int(session.absoluteExpiresAt.timeIntervalSince(session.expiresAt) + identity.service.policy.sessionIdleLifetime)
        SessionCredentials.setCookies(session, on: &response, secure: identity.secureCookies, maxAge: maxAge)
        return response
    }
}
