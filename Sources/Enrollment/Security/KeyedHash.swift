import Crypto

/// HMAC-SHA256 under the server secret, for values stored so that they can be matched but not read back.
struct KeyedHash: Sendable {
    let secret: IdentitySecret

    /// A keyed hash of a one-time code, bound to its purpose and phone so a hash cannot be moved to another row.
    func code(_ digits: String, purpose: CodePurpose, phone: PhoneNumber) -> [UInt8] {
        HMAC.sha256(key: secret.key, message: Array("code|\(purpose.rawValue)|\(phone.e164)|\(digits)".utf8))
    }

    /// A 128-bit hex key for a rate-limit or login-failure bucket, so the tables hold no IIN, phone or address.
    func bucket(_ kind: String, _ value: String) -> String {
        let tag = HMAC.sha256(key: secret.key, message: Array("bucket|\(kind)|\(value)".utf8))
        return kind + ":" + Hex.encode(tag.prefix(16))
    }
}

/// Unguessable tokens (sessions, CSRF, password setup, phone confirmation) and their stored hashes.
///
/// A token is 32 bytes from the system CSPRNG, written as 64 lowercase hex digits. The database
/// keeps only its SHA-256, so a leaked database does not contain usable tokens. A plain hash is
/// enough here, unlike for codes, because 256 random bits cannot be searched.
enum SecretToken {
    static let byteCount = 32

    /// Returns a new token.
    static func generate() throws(EnrollmentError) -> String {
        do {
            return Hex.encode(try SecureRandom.bytes(byteCount))
        } catch {
            throw EnrollmentError.unavailable("random_source_failed")
        }
    }

    /// Returns the stored hash of a token, or nil when the text cannot be a token.
    static func hash(_ token: String) -> [UInt8]? {
        guard token.utf8.count == byteCount * 2, token.utf8.allSatisfy({ isLowerHex($0) }) else { return nil }
        return SHA256.hash(Array(token.utf8))
    }

    private static func isLowerHex(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f"))
    }
}
