import Enrollment
import Foundation
import HTTPServer
import JSON

/// What `sakura serve` needs to build the identity services.
public struct IdentityOptions: Sendable {
    /// The SQLite database, shared with the catalog; the identity layer opens its own connection.
    public var databasePath: String
    /// The file with the server secret; created on first start. Default: the database path plus ".secret".
    public var secretPath: String?
    /// A JSON file configuring gateways, the register and the password cost; nil for development defaults.
    public var configurationFile: String?
    /// Adds `Secure` to the session cookies.
    public var secureCookies = false

    public init(databasePath: String, secretPath: String? = nil, configurationFile: String? = nil, secureCookies: Bool = false) {
        self.databasePath = databasePath
        self.secretPath = secretPath
        self.configurationFile = configurationFile
        self.secureCookies = secureCookies
    }
}

/// A bad identity configuration file, naming the member and the fix.
public struct IdentitySetupError: Error, CustomStringConvertible {
    public let member: String
    public let reason: String

    public var description: String { "identity configuration, \(member): \(reason)" }
}

/// Builds the identity services from options and an optional JSON configuration file:
///
/// ```json
/// {"password_iterations": 600000,
///  "sms_gateway": {"url": "http://127.0.0.1:9000/sms", "username": "…", "password": "…",
///                  "body_template": "{\"to\": \"{to}\", \"text\": \"{text}\"}", "content_type": "application/json",
///                  "retries": 2, "retry_delay_seconds": 1, "connect_timeout_seconds": 3, "read_timeout_seconds": 10},
///  "email_gateway": {… the same members …},
///  "register": {"url": "http://127.0.0.1:9001/", "bearer_token": "…", "connect_timeout_seconds": 2,
///               "read_timeout_seconds": 5, "retries": 1}}
/// ```
///
/// Without a gateway, messages go to the development outbox; without a register, the embedded
/// SQLite register answers. HTTP gateways send from a background queue.
public enum IdentitySetup {
    public static func make(_ options: IdentityOptions, log: ServerLog) throws -> IdentityServices {
        let identityLog = IdentityLog { level, message, fields in log.event(level, message, fields: fields) }
        let database = try IdentityDatabase(path: options.databasePath)
        let secret = try IdentitySecret.loadOrCreate(path: options.secretPath ?? options.databasePath + ".secret")

        var configuration = JSONObject()
        if let file = options.configurationFile {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw IdentitySetupError(member: file, reason: "cannot read the file")
            }
            guard let object = (try? JSONParser.parse(data))?.objectValue else {
                throw IdentitySetupError(member: file, reason: "the file must hold one JSON object")
            }
            configuration = object
        }

        var hasher = PasswordHasher()
        if let value = configuration["password_iterations"] {
            guard let iterations = value.intValue, iterations >= 100_000, iterations <= PasswordHasher.iterationRange.upperBound else {
                throw IdentitySetupError(member: "password_iterations", reason: "must be a whole number from 100000 to 10000000")
            }
            hasher.iterations = iterations
        }

        let outbox = OutboxGateway(database: database, log: identityLog)
        var sms: any SMSGateway = outbox
        var email: any EmailGateway = outbox
        if let member = configuration["sms_gateway"] {
            sms = HTTPMessageGateway(configuration: try gateway(member, name: "sms_gateway"), log: identityLog)
        }
        if let member = configuration["email_gateway"] {
            email = HTTPMessageGateway(configuration: try gateway(member, name: "email_gateway"), log: identityLog)
        }
        if configuration["sms_gateway"] == nil || configuration["email_gateway"] == nil {
            log.event("warn", "development outbox in use: messages are stored in the database, not sent",
                      fields: [("sms", configuration["sms_gateway"] == nil ? "outbox" : "http"),
                               ("email", configuration["email_gateway"] == nil ? "outbox" : "http")])
        }
        if configuration["sms_gateway"] != nil || configuration["email_gateway"] != nil {
            let background = BackgroundGateway(sms: sms, email: email)
            sms = background
            email = background
        }

        var register: any PopulationRegister = SQLitePopulationRegister(database: database, log: identityLog)
        if let member = configuration["register"] {
            register = try httpRegister(member, log: identityLog)
        }

        let service = IdentityService(database: database, secret: secret, hasher: hasher, sms: sms, email: email, register: register,
                                      log: identityLog)
        log.event("info", "identity ready", fields: [("password_iterations", String(hasher.iterations)),
                                                     ("register", configuration["register"] == nil ? "embedded" : "http"),
                                                     ("secure_cookies", String(options.secureCookies))])
        return IdentityServices(service: service, secureCookies: options.secureCookies)
    }

    static func gateway(_ value: JSONValue, name: String) throws -> HTTPGatewayConfiguration {
        guard let object = value.objectValue else { throw IdentitySetupError(member: name, reason: "must be an object") }
        let url = try clientURL(object, name)
        var configuration = HTTPGatewayConfiguration(url: url)
        configuration.username = try text(object, "username", name)
        configuration.password = try text(object, "password", name)
        configuration.bearerToken = try text(object, "bearer_token", name)
        if let template = try text(object, "body_template", name) { configuration.bodyTemplate = template }
        if let type = try text(object, "content_type", name) { configuration.contentType = type }
        if let retries = try number(object, "retries", name, range: 0...10) { configuration.retries = Int(retries) }
        if let delay = try number(object, "retry_delay_seconds", name, range: 0...60) { configuration.retryDelay = delay }
        if let timeout = try number(object, "connect_timeout_seconds", name, range: 0.1...60) { configuration.connectTimeout = timeout }
        if let timeout = try number(object, "read_timeout_seconds", name, range: 0.1...120) { configuration.readTimeout = timeout }
        return configuration
    }

    static func httpRegister(_ value: JSONValue, log: IdentityLog) throws -> HTTPPopulationRegister {
        guard let object = value.objectValue else { throw IdentitySetupError(member: "register", reason: "must be an object") }
        let url = try clientURL(object, "register")
        var client = HTTPClient(connectTimeout: 2, readTimeout: 5)
        if let timeout = try number(object, "connect_timeout_seconds", "register", range: 0.1...60) { client.connectTimeout = timeout }
        if let timeout = try number(object, "read_timeout_seconds", "register", range: 0.1...120) { client.readTimeout = timeout }
        let retries = try number(object, "retries", "register", range: 0...5).map { Int($0) } ?? 1
        return HTTPPopulationRegister(baseURL: url, bearerToken: try text(object, "bearer_token", "register"), client: client,
                                      retries: retries, log: log)
    }

    private static func clientURL(_ object: JSONObject, _ name: String) throws -> ClientURL {
        guard let text = object["url"]?.stringValue else { throw IdentitySetupError(member: "\(name).url", reason: "missing; give an http:// URL") }
        do {
            return try ClientURL(text)
        } catch {
            throw IdentitySetupError(member: "\(name).url", reason: error.description)
        }
    }

    private static func text(_ object: JSONObject, _ key: String, _ name: String) throws -> String? {
        guard let value = object[key], !value.isNull else { return nil }
        guard let text = value.stringValue else { throw IdentitySetupError(member: "\(name).\(key)", reason: "must be a string") }
        return text
    }

    private static func number(_ object: JSONObject, _ key: String, _ name: String, range: ClosedRange<Double>) throws -> Double? {
        guard let value = object[key], !value.isNull else { return nil }
        guard let number = value.doubleValue, range.contains(number) else {
            throw IdentitySetupError(member: "\(name).\(key)", reason: "must be a number from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }
}
