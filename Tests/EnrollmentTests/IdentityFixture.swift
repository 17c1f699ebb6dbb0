import Enrollment
import Foundation
import Store
import TestSupport

/// A real identity service over SQLite in a temporary folder, with a manual clock, the outbox
/// gateway and the embedded register holding a few people.
final class IdentityFixture: @unchecked Sendable {
    // @unchecked Sendable: every stored property is set in init and then only read; `lines` is a Mutex.
    let path: String
    let database: IdentityDatabase
    let time = ManualTime()
    let service: IdentityService
    let outbox: OutboxGateway
    let capture = LineCapture()

    /// A parent with a phone on record, her child, and a person without a phone.
    static let parent = makeIIN("850412", centuryDigit: 4, serial: "0001")
    static let child = makeIIN("190305", centuryDigit: 5, serial: "0002")
    static let noPhone = makeIIN("900101", centuryDigit: 3, serial: "0003")
    static let unknown = makeIIN("800101", centuryDigit: 3, serial: "0004")
    static let parentPhone = "+77011234567"

    init(policy: IdentityPolicy = IdentityPolicy(), iterations: Int = 1000) throws {
        path = Fixtures.temporaryFolder().appendingPathComponent("identity.sqlite").path
        database = try IdentityDatabase(path: path)
        let capture = self.capture
        let log = IdentityLog { level, message, fields in
            capture.append("level=\(level) msg=\"\(message)\" " + fields.map { "\($0.0)=\"\($0.1)\"" }.joined(separator: " "))
        }
        outbox = OutboxGateway(database: database, time: time, log: log)
        service = IdentityService(database: database, secret: try IdentitySecret(key: Array(repeating: 7, count: 32)), policy: policy,
                                  hasher: PasswordHasher(iterations: iterations), time: time, sms: outbox, email: outbox,
                                  register: SQLitePopulationRegister(database: database, log: log), log: log)
        try database.write { store in
            try store.upsertPeople([
                RegisterPersonRecord(iin: Self.parent, surname: "Демоева", givenName: "Айгерим", patronymic: "Серікқызы",
                                     birthDate: "1985-04-12", sex: "female", citizenship: "KZ", phone: Self.parentPhone, isDemo: true),
                RegisterPersonRecord(iin: Self.child, surname: "Демоев", givenName: "Нұрлан", patronymic: nil,
                                     birthDate: "2019-03-05", sex: "male", citizenship: "KZ", phone: nil, isDemo: true),
                RegisterPersonRecord(iin: Self.noPhone, surname: "Тестов", givenName: "Олжас", patronymic: nil,
                                     birthDate: "1990-01-01", sex: "male", citizenship: "KZ", phone: nil, isDemo: true),
            ])
            try store.upsertLinks([RegisterLinkRecord(parentIIN: Self.parent, childIIN: Self.child, relation: "parent")])
        }
    }

    /// Every identity log line written so far.
    var logLines: [String] { capture.lines }

    func client(_ address: String = "192.0.2.10") -> ClientContext {
        ClientContext(address: address, requestID: "test", language: "ru")
    }

    /// Returns the outbox messages to `recipient`, newest first.
    func messages(to recipient: String) throws -> [OutboxMessage] {
        try database.read { try $0.outboxMessages(limit: 100, recipient: recipient) }
    }

    /// Returns the six-digit code in the newest SMS to `phone`, or nil.
    func latestCode(to phone: String = IdentityFixture.parentPhone) throws -> String? {
        try messages(to: phone).lazy.filter { $0.channel == "sms" }.compactMap { Self.code(in: $0.body) }.first
    }

    static func code(in text: String) -> String? {
        guard let range = text.range(of: #"\b\d{6}\b"#, options: .regularExpression) else { return nil }
        return String(text[range])
    }

    /// Returns a valid IIN: the date, the century digit, a serial of 4 digits, and the check digit.
    /// The serial moves on until the checksum has a digit.
    static func makeIIN(_ date: String, centuryDigit: Int, serial: String) -> String {
        var number = Int(serial)!
        while true {
            let serialText = String(format: "%04d", number)
            let prefix = date + String(centuryDigit) + serialText
            let values = prefix.map { Int(String($0))! }
            if let check = IIN.checkDigit(values) { return prefix + String(check) }
            number += 1
        }
    }

    /// Logs in for the first time by code and sets `password`; returns the session.
    func firstLogin(password: String = "Sakura-2026x") throws -> NewSession {
        _ = try service.requestLoginCode(iin: Self.parent, purpose: .login, client: client())
        let code = try XCTUnwrapValue(try latestCode())
        let setup = try service.verifyLoginCode(iin: Self.parent, purpose: .login, code: code, client: client())
        return try service.setPassword(setupToken: setup.token, password: password, client: client())
    }
}

struct MissingValue: Error {}

func XCTUnwrapValue<T>(_ value: T?) throws -> T {
    guard let value else { throw MissingValue() }
    return value
}
