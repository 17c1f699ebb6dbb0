/// Structured log lines of the identity layer, written through the server's log.
///
/// Callers pass only masked values (`IIN.masked`, `PhoneNumber.masked`, account ids), never a
/// full IIN, phone, code, password or token. Thread safety: the sink must be thread-safe.
public struct IdentityLog: Sendable {
    /// Receives level, message and fields in order.
    public let sink: @Sendable (_ level: String, _ message: String, _ fields: [(String, String)]) -> Void

    public init(sink: @escaping @Sendable (_ level: String, _ message: String, _ fields: [(String, String)]) -> Void) {
        self.sink = sink
    }

    /// A log that drops every line.
    public static let discard = IdentityLog { _, _, _ in }

    func info(_ message: String, _ client: ClientContext?, _ fields: [(String, String)] = []) {
        sink("info", message, Self.fields(client, fields))
    }

    func warning(_ message: String, _ client: ClientContext?, _ fields: [(String, String)] = []) {
        sink("warn", message, Self.fields(client, fields))
    }

    func error(_ message: String, _ client: ClientContext?, _ fields: [(String, String)] = []) {
        sink("error", message, Self.fields(client, fields))
    }

    private static func fields(_ client: ClientContext?, _ fields: [(String, String)]) -> [(String, String)] {
        guard let client, !client.requestID.isEmpty else { return fields }
        return [("request_id", client.requestID)] + fields
    }
}

/// Who sent a request, for rate limits and log lines.
public struct ClientContext: Sendable {
    /// The client's network address, used only as a rate-limit key and never logged.
    public var address: String
    /// The server's request id, copied into log lines.
    public var requestID: String
    /// The language of the request, used for messages when the account has none.
    public var language: String

    public init(address: String, requestID: String = "", language: String = "ru") {
        self.address = address
        self.requestID = requestID
        self.language = language
    }
}
