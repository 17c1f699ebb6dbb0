import Foundation
import HTTPServer
import JSON

/// How to reach an HTTP message gateway (an SMS provider or a mail relay with an HTTP API).
public struct HTTPGatewayConfiguration: Sendable {
    public var url: ClientURL
    /// HTTP Basic credentials, when the provider uses them.
    public var username: String?
    public var password: String?
    /// A bearer token, when the provider uses one instead.
    public var bearerToken: String?
    /// The request body with placeholders `{to}` (E.164 phone or e-mail address), `{text}` and
    /// `{subject}`. Values are escaped for the content type: as JSON string contents for a JSON
    /// type, percent-encoded for `application/x-www-form-urlencoded`, and as is otherwise.
    public var bodyTemplate: String
    public var contentType: String
    /// Extra attempts after a network error, a timeout, 429 or a 5xx status.
    public var retries: Int
    /// Seconds before the first retry; each further retry waits twice as long.
    public var retryDelay: TimeInterval
    public var connectTimeout: TimeInterval
    public var readTimeout: TimeInterval

    public init(url: ClientURL, username: String? = nil, password: String? = nil, bearerToken: String? = nil,
                bodyTemplate: String = #"{"to": "{to}", "text": "{text}"}"#, contentType: String = "application/json",
                retries: Int = 2, retryDelay: TimeInterval = 1, connectTimeout: TimeInterval = 3, readTimeout: TimeInterval = 10) {
        self.url = url
        self.username = username
        self.password = password
        self.bearerToken = bearerToken
        self.bodyTemplate = bodyTemplate
        self.contentType = contentType
        self.retries = retries
        self.retryDelay = retryDelay
        self.connectTimeout = connectTimeout
        self.readTimeout = readTimeout
    }
}

/// Sends messages by HTTP POST to a provider, retrying transient failures with growing pauses.
///
/// A 2xx status is success. A network error, a timeout, 429 or a 5xx status is retried up to
/// `retries` times; any other status fails at once, because sending the same request again
/// cannot fix a rejected credential or template. The calling thread sleeps between attempts,
/// so wrap the gateway in `BackgroundGateway` when a request handler sends.
public struct HTTPMessageGateway: SMSGateway, EmailGateway {
    public let configuration: HTTPGatewayConfiguration
    let log: IdentityLog
    let sleep: @Sendable (TimeInterval) -> Void

    public init(configuration: HTTPGatewayConfiguration, log: IdentityLog = .discard,
                sleep: @escaping @Sendable (TimeInterval) -> Void = { Thread.sleep(forTimeInterval: $0) }) {
        self.configuration = configuration
        self.log = log
        self.sleep = sleep
    }

    public func send(_ message: SMSMessage) throws(EnrollmentError) {
        try post(to: message.phone.e164, subject: "", text: message.text, channel: "sms", maskedRecipient: message.phone.masked)
    }

    public func send(_ message: EmailMessage) throws(EnrollmentError) {
        try post(to: message.address.address, subject: message.subject, text: message.body, channel: "email",
                 maskedRecipient: message.address.masked)
    }

    /// Fills the body template for one message.
    public func body(to recipient: String, subject: String, text: String) -> [UInt8] {
        let escape: (String) -> String
        let type = configuration.contentType.lowercased()
        if type.contains("json") {
            escape = { value in
                let encoded = String(decoding: JSONWriter.encode(.string(value)), as: UTF8.self)
                return String(encoded.dropFirst().dropLast())
            }
        } else if type.hasPrefix("application/x-www-form-urlencoded") {
            escape = { $0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "" }
        } else {
            escape = { $0 }
        }
        // One pass over the template, so a placeholder inside a value is not replaced again.
        var output = ""
        var rest = Substring(configuration.bodyTemplate)
        let values = ["{to}": recipient, "{text}": text, "{subject}": subject]
        while let open = rest.firstIndex(of: "{") {
            output += rest[rest.startIndex..<open]
            let candidate = values.first { rest[open...].hasPrefix($0.key) }
            if let (placeholder, value) = candidate {
                output += escape(value)
                rest = rest[rest.index(open, offsetBy: placeholder.count)...]
            } else {
                output += "{"
                rest = rest[rest.index(after: open)...]
            }
        }
        output += rest
        return Array(output.utf8)
    }

    private func post(to recipient: String, subject: String, text: String, channel: String, maskedRecipient: String) throws(EnrollmentError) {
        var headers = HTTPHeaders()
        headers.set("Content-Type", configuration.contentType)
        if let username = configuration.username {
            let credentials = Data("\(username):\(configuration.password ?? "")".utf8).base64EncodedString()
            headers.set("Authorization", "Basic \(credentials)")
        } else if let token = configuration.bearerToken {
            headers.set("Authorization", "Bearer \(token)")
        }
        let client = HTTPClient(connectTimeout: configuration.connectTimeout, readTimeout: configuration.readTimeout, maxResponseBytes: 64 * 1024)
        let payload = body(to: recipient, subject: subject, text: text)
        let fields = [("channel", channel), ("to", maskedRecipient)]

        var attempt = 0
        var pause = configuration.retryDelay
        while true {
            attempt += 1
            var failure: String
            do {
                let response = try client.send(method: "POST", url: configuration.url, headers: headers, body: payload)
                if (200..<300).contains(response.status) {
                    log.info("message sent", nil, fields + [("attempts", String(attempt))])
                    return
                }
                failure = "status \(response.status)"
                guard response.status == 429 || response.status >= 500 else {
                    log.error("gateway rejected the message", nil, fields + [("status", String(response.status))])
                    throw EnrollmentError.unavailable("message_not_sent")
                }
            } catch let error as HTTPClientError {
                failure = error.description
                guard error.isTransient else {
                    log.error("gateway request failed", nil, fields + [("error", failure)])
                    throw EnrollmentError.unavailable("message_not_sent")
                }
            } catch let error as EnrollmentError {
                throw error
            } catch {
                failure = String(describing: error)
            }

            guard attempt <= configuration.retries else {
                log.error("message not sent; attempts used up", nil, fields + [("error", failure), ("attempts", String(attempt))])
                throw EnrollmentError.unavailable("message_not_sent")
            }
            log.warning("gateway attempt failed; retrying", nil, fields + [("error", failure), ("attempt", String(attempt)),
                                                                        ("retry_in_seconds", String(pause))])
            sleep(pause)
            pause *= 2
        }
    }
}
