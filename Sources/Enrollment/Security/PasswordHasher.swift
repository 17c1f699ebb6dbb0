import Crypto
import Foundation

/// Password hashing with PBKDF2-HMAC-SHA256 and a per-user random salt.
///
/// A stored hash reads `pbkdf2-sha256$ITERATIONS$SALT$KEY` with the 16-byte salt and the 32-byte
/// derived key in hex. The iteration count is stored with each hash, so raising
/// `iterations` takes effect for new passwords at once and for old ones on their next login
/// (`needsRehash`). Passwords are hashed as UTF-8 after Unicode NFC normalisation, so the same
/// password typed on different keyboards matches. Thread safety: a value type, usable from any thread.
public struct PasswordHasher: Sendable {
    public static let scheme = "pbkdf2-sha256"
    public static let saltLength = 16
    public static let keyLength = 32
    /// Stored counts outside this range are treated as corrupt, so a damaged row cannot make a login run for minutes.
    public static let iterationRange = 1...10_000_000

    /// PBKDF2 iterations for new hashes.
    public var iterations: Int

    /// 200,000 iterations took 97 ms of one core per hash in a release build on a 2-core AMD EPYC
    /// server (`tools/bench-identity.sh`, figures in BENCHMARKS.md). Measure again on the
    /// production machine and set `password_iterations` in the identity configuration.
    public static let defaultIterations = 200_000

    public init(iterations: Int = PasswordHasher.defaultIterations) {
        self.iterations = iterations
    }

    /// Hashes `password` with a new random salt.
    /// - Throws: `EnrollmentError` "random_source_failed" when the CSPRNG fails.
    public func hash(_ password: String) throws(EnrollmentError) -> String {
        let salt: [UInt8]
        do {
            salt = try SecureRandom.bytes(Self.saltLength)
        } catch {
            throw EnrollmentError.unavailable("random_source_failed")
        }
        let key = derive(password, salt: salt, iterations: iterations)
        return "\(Self.scheme)$\(iterations)$\(Hex.encode(salt))$\(Hex.encode(key))"
    }

    /// Returns true when `password` matches `stored`; false for a wrong password or a malformed hash.
    public func verify(_ password: String, against stored: String) -> Bool {
        guard let parsed = Self.parse(stored) else { return false }
        let key = derive(password, salt: parsed.salt, iterations: parsed.iterations)
        return ConstantTime.equals(key, parsed.key)
    }

    /// Spends the time of one verification without a stored hash, so an unknown IIN and a wrong
    /// password take equally long to reject.
    public func verifyNothing(_ password: String) {
        _ = derive(password, salt: [UInt8](repeating: 0, count: Self.saltLength), iterations: iterations)
    }

    /// True when `stored` uses fewer iterations than `iterations` and should be replaced after a successful login.
    public func needsRehash(_ stored: String) -> Bool {
        guard let parsed = Self.parse(stored) else { return true }
        return parsed.iterations < iterations
    }

    private func derive(_ password: String, salt: [UInt8], iterations: Int) -> [UInt8] {
        let bytes = Array(password.precomposedStringWithCanonicalMapping.utf8)
        // The parameters are in range by construction, so PBKDF2 cannot throw here.
        return (try? PBKDF2.sha256(password: bytes, salt: salt, iterations: iterations, keyLength: Self.keyLength)) ?? []
    }

    static func parse(_ stored: String) -> (iterations: Int, salt: [UInt8], key: [UInt8])? {
        let parts = stored.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == scheme, let iterations = Int(parts[1]), iterationRange.contains(iterations),
              let salt = Hex.decode(String(parts[2])), salt.count >= 8,
              let key = Hex.decode(String(parts[3])), key.count == keyLength else { return nil }
        return (iterations, salt, key)
    }
}
