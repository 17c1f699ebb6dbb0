import Crypto
import Foundation
import Glibc

/// The server's 32-byte secret key for the keyed hashes of one-time codes and rate-limit keys.
///
/// Kept in a file beside the database (mode 0600), not in it, so a copy of the database alone
/// does not let anyone test the million possible codes against a stored hash.
public struct IdentitySecret: Sendable {
    public let key: [UInt8]

    /// Wraps a key of at least 32 bytes.
    public init(key: [UInt8]) throws(EnrollmentError) {
        guard key.count >= 32 else { throw EnrollmentError(.invalidInput, code: "secret_too_short", field: "secret") }
        self.key = key
    }

    /// Reads the secret from `path`, creating the file with a new random key (mode 0600) when it is missing.
    ///
    /// - Throws: `IdentitySecretError` when the file cannot be created or read, or does not hold
    ///   64 hexadecimal digits; errors of `SecureRandom`.
    public static func loadOrCreate(path: String) throws -> IdentitySecret {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if fd >= 0 {
            let text = Array((Hex.encode(try SecureRandom.bytes(32)) + "\n").utf8)
            let written = text.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            let writeErrno = errno
            let synced = fsync(fd)
            close(fd)
            guard written == text.count, synced == 0 else {
                unlink(path)
                throw IdentitySecretError(path: path, reason: "cannot write the new secret (errno \(writeErrno))")
            }
        } else if errno != EEXIST {
            throw IdentitySecretError(path: path, reason: "cannot create the secret file (errno \(errno))")
        }

        guard let data = FileManager.default.contents(atPath: path) else {
            throw IdentitySecretError(path: path, reason: "cannot read the secret file")
        }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.utf8.count == 64, let key = Hex.decode(text) else {
            throw IdentitySecretError(path: path, reason: "the file must hold 64 hexadecimal digits; delete it to make a new secret")
        }
        return try IdentitySecret(key: key)
    }
}

/// A secret file that could not be created or read.
public struct IdentitySecretError: Error, CustomStringConvertible {
    public let path: String
    public let reason: String

    public var description: String { "identity secret \(path): \(reason)" }
}
