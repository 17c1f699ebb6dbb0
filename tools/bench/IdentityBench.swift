// sakura-bench identity: the cost of password hashing, code verification and session checks.

import Crypto
import Enrollment
import Foundation
import Store

/// Milliseconds at the given fraction of `values` (seconds), sorted.
private func percentileMilliseconds(_ values: [Double], _ fraction: Double) -> Double {
    let sorted = values.sorted()
    return sorted[min(sorted.count - 1, Int(Double(sorted.count) * fraction))] * 1000
}

private func report(_ label: String, _ values: [Double]) {
    print(String(format: "%@ %6d calls, p50 %.3f ms, p99 %.3f ms, max %.3f ms", label, values.count,
                 percentileMilliseconds(values, 0.5), percentileMilliseconds(values, 0.99), (values.max() ?? 0) * 1000))
}

func runIdentityBenchmark(_ arguments: [String]) throws {
    // PBKDF2-HMAC-SHA256 per hash, one core, median of five hashes per count.
    var millisecondsPer100k: [Double] = []
    for iterations in [100_000, 200_000, 400_000, 600_000, 800_000] {
        let hasher = PasswordHasher(iterations: iterations)
        var times: [Double] = []
        for _ in 0..<5 { times.append(try seconds { _ = try hasher.hash("Sakura-2026x") }) }
        let median = times.sorted()[2] * 1000
        millisecondsPer100k.append(median / Double(iterations) * 100_000)
        print(String(format: "PBKDF2-HMAC-SHA256 %7d iterations: median %7.1f ms per hash", iterations, median))
    }
    let per100k = millisecondsPer100k.sorted()[millisecondsPer100k.count / 2]
    let forTarget = Int((100 / per100k * 100_000 / 10_000).rounded()) * 10_000
    print(String(format: "about %.1f ms per 100,000 iterations, so about %d iterations take 100 ms", per100k, forTarget))

    // Code verification and session checks through the service, on SQLite in a temporary folder.
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sakura-bench-identity-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let database = try IdentityDatabase(path: folder.appendingPathComponent("identity.sqlite").path)
    var policy = IdentityPolicy()
    policy.codeResendInterval = 0
    policy.codesPerHour = 1_000_000
    policy.codesPerHourPerAddress = 1_000_000
    policy.codeMaxAttempts = 1_000_000
    policy.sessionMaxLifetime = 1_000_000_000
    let time = ManualTime()
    let outbox = OutboxGateway(database: database, time: time)
    let service = IdentityService(database: database, secret: try IdentitySecret(key: try SecureRandom.bytes(32)), policy: policy,
                                  hasher: PasswordHasher(iterations: 1000), time: time, sms: outbox, email: outbox,
                                  register: SQLitePopulationRegister(database: database))
    let client = ClientContext(address: "127.0.0.1")
    func latestCode(_ phone: String) throws -> String {
        let body = try database.read { try $0.outboxMessages(limit: 1, recipient: phone) }.first?.body ?? ""
        guard let range = body.range(of: #"\b\d{6}\b"#, options: .regularExpression) else { fail("no code in the outbox") }
        return String(body[range])
    }

    let phone = "+77010000001"
    _ = try service.requestPhoneCode(phone: phone, client: client)
    let wrong = try latestCode(phone) == "000000" ? "111111" : "000000"
    var mismatches: [Double] = []
    for _ in 0..<2000 {
        mismatches.append(seconds { _ = try? service.verifyPhoneCode(phone: phone, code: wrong, client: client) })
    }

    var accepted: [Double] = []
    for _ in 0..<1000 {
        _ = try service.requestPhoneCode(phone: phone, client: client)
        let code = try latestCode(phone)
        accepted.append(try seconds { _ = try service.verifyPhoneCode(phone: phone, code: code, client: client) })
    }

    try database.write { store in
        try store.upsertPeople([RegisterPersonRecord(iin: "880412400018", surname: "Демоева", givenName: "Айгерим", patronymic: nil,
                                                     birthDate: "1988-04-12", sex: "female", citizenship: "KZ", phone: phone, isDemo: true)])
    }
    _ = try service.requestLoginCode(iin: "880412400018", purpose: .login, client: client)
    let setup = try service.verifyLoginCode(iin: "880412400018", purpose: .login, code: try latestCode(phone), client: client)
    let session = try service.setPassword(setupToken: setup.token, password: "Sakura-2026x", client: client)

    var checks: [Double] = []
    for _ in 0..<10_000 {
        checks.append(try seconds { _ = try service.authenticate(token: session.token, client: client) })
    }
    var touches: [Double] = []
    for _ in 0..<2000 {
        time.advance(by: policy.sessionTouchInterval + 1)
        touches.append(try seconds { _ = try service.authenticate(token: session.token, client: client) })
    }

    report("code verification, wrong code (records the attempt):       ", mismatches)
    report("code verification, right code (issues a confirmation):     ", accepted)
    report("session check (read only, within a minute of the last use):", checks)
    report("session check that moves the sliding expiry (one write):   ", touches)
}
