/// HMAC (RFC 2104) over SHA-256.
///
/// Thread safety: every function is pure and may be called from any thread.
public enum HMAC {
    /// Computes HMAC-SHA256 of `message` under `key` and returns the 32-byte tag.
    ///
    /// A key longer than the 64-byte block is hashed first, as RFC 2104 specifies.
    public static func sha256(key: some Collection<UInt8>, message: some Collection<UInt8>) -> [UInt8] {
        HMACSHA256Key(key).authenticate(message)
    }
}

/// The SHA-256 states after absorbing the padded key XOR ipad and XOR opad.
///
/// Computing them once lets PBKDF2 run each iteration as two compressions.
struct HMACSHA256Key: Sendable {
    let inner: SHA256State
    let outer: SHA256State

    init(_ key: some Collection<UInt8>) {
        var block = key.count > SHA256.blockLength ? SHA256.hash(key) : Array(key)
        block.append(contentsOf: repeatElement(0, count: SHA256.blockLength - block.count))

        var inner = SHA256State()
        var outer = SHA256State()
        let innerPad = block.map { $0 ^ 0x36 }
        let outerPad = block.map { $0 ^ 0x5c }
        innerPad.withUnsafeBytes { inner.compress(block: $0.baseAddress!) }
        outerPad.withUnsafeBytes { outer.compress(block: $0.baseAddress!) }
        self.inner = inner
        self.outer = outer
    }

    func authenticate(_ message: some Collection<UInt8>) -> [UInt8] {
        var innerHasher = SHA256Hasher(resuming: inner, byteCount: UInt64(SHA256.blockLength))
        innerHasher.update(message)
        let innerDigest = innerHasher.finalize()

        var outerHasher = SHA256Hasher(resuming: outer, byteCount: UInt64(SHA256.blockLength))
        outerHasher.update(innerDigest)
        return outerHasher.finalize()
    }
}
