import HTTPServer
import JSON
import Localization

/// An error answered to an API client in the one error shape
/// `{"error": {"code", "message", "field"}}`, with the message in the request's language.
public struct APIError: Error, Sendable {
    public var status: Int
    /// Stable machine-readable code, also the message catalogue key unless `messageKey` is set.
    public var code: String
    /// The parameter or field at fault, when there is one.
    public var field: String?
    public var arguments: [String: String]
    public var messageKey: String?
    /// Extra members of the error object, for example the list of geometry problems.
    public var details: JSONObject = JSONObject()
    /// Extra response headers, for example `WWW-Authenticate` on a 401.
    public var headers: [String: String] = [:]

    public init(status: Int, code: String, field: String? = nil, arguments: [String: String] = [:], messageKey: String? = nil,
                details: JSONObject = JSONObject(), headers: [String: String] = [:]) {
        self.status = status
        self.code = code
        self.field = field
        self.arguments = arguments
        self.messageKey = messageKey
        self.details = details
        self.headers = headers
    }

    public func response(language: Language) -> HTTPResponse {
        var arguments = self.arguments
        if let field, arguments["field"] == nil { arguments["field"] = field }
        let message = MessageCatalogue.text(messageKey ?? code, language, arguments)
        var error = JSONObject(["code": .string(code), "message": .string(message), "field": .optional(field)])
        for (name, value) in details.members { error[name] = value }
        var response = HTTPResponse.json(["error": .object(error)], status: status)
        for (name, value) in headers { response.headers.set(name, value) }
        response.headers.set("Content-Language", language.rawValue)
        return response
    }

    static func missing(_ field: String) -> APIError {
        APIError(status: 400, code: "missing_parameter", field: field)
    }

    static func unknownCode(_ field: String, _ value: String, allowed: [String]) -> APIError {
        APIError(status: 400, code: "unknown_code", field: field, arguments: ["value": value, "allowed": allowed.joined(separator: ", ")])
    }
}

extension HTTPResponse {
    /// A JSON response; `isCacheable` lets the server add an ETag and answer 304.
    public static func json(_ value: JSONValue, status: Int = 200, isCacheable: Bool = false, contentType: String = "application/json; charset=utf-8") -> HTTPResponse {
        var response = HTTPResponse(status: status, body: JSONWriter.encode(value), isCacheable: isCacheable)
        response.headers.set("Content-Type", contentType)
        return response
    }
}

/// Returns the language of a request: the `lang` parameter, else Accept-Language, else Russian.
func language(of request: HTTPRequest) -> Language {
    Language.negotiate(explicit: request.queryValue("lang"), acceptLanguage: request.headers["Accept-Language"])
}

/// Maps the HTTP layer's own failures (404, 405, 408, 413 …) to the API error shape.
public func apiErrorResponder(status: Int, reason: String, request: HTTPRequest?) -> HTTPResponse {
    let language = request.map(language(of:)) ?? .default
    let error: APIError
    switch status {
    case 404: error = APIError(status: 404, code: "route_not_found", arguments: ["path": request?.path ?? "-"])
    case 405: error = APIError(status: 405, code: "method_not_allowed", arguments: ["method": request?.method ?? "-"])
    case 408: error = APIError(status: 408, code: "request_timeout")
    case 413: error = APIError(status: 413, code: "payload_too_large", arguments: ["reason": reason])
    case 414: error = APIError(status: 414, code: "uri_too_long")
    case 431: error = APIError(status: 431, code: "headers_too_large")
    case 505: error = APIError(status: 505, code: "http_version_not_supported")
    case 501: error = APIError(status: 501, code: "bad_request", arguments: ["reason": reason])
    case 500...: error = APIError(status: status, code: "internal_error", arguments: ["request_id": request?.requestID ?? "-"])
    default: error = APIError(status: status, code: "bad_request", arguments: ["reason": reason])
    }
    return error.response(language: language)
}
