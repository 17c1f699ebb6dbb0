/// PBKDF2 (RFC 8018 §5.2) with HMAC-SHA256 as the pseudorandom function.
///
/// Thread safety: every function is pure and may be called from any thread.
public enum PBKDF2 {
    /// Derives `keyLength` bytes from `password` and `salt` with `iterations` rounds.
    ///
    /// Cost grows linearly with `iterations` times the number of 32-byte blocks in `keyLength`.
    /// - Throws: `CryptoError.invalidParameter` when `iterations` is below 1, or `keyLength` is
    ///   below 1 or above (2³² − 1) × 32 bytes (the RFC 8018 limit).
    public static func sha256(
        password: some Collection<UInt8>,
        salt: some Collection<UInt8>,
        iterations: Int,
        keyLength: Int
    ) throws -> [UInt8] {
        guard iterations >= 1 else {
            throw CryptoError.invalidParameter(name: "iterations", reason: "must be at least 1, got \(iterations)")
        }
        let maxKeyLength = Int(UInt32.max) * SHA256.digestLength
        guard keyLength >= 1, keyLength <= maxKeyLength else {
            throw CryptoError.invalidParameter(
                name: "keyLength", reason: "must be between 1 and \(maxKeyLength) bytes, got \(keyLength)")
        }

        let key = HMACSHA256Key(password)
        let saltBytes = Array(salt)
        let blockCount = (keyLength + SHA256.digestLength - 1) / SHA256.digestLength
        var derived: [UInt8] = []
        derived.reserveCapacity(blockCount * SHA256.digestLength)

        for blockIndex in 1...blockCount {
            let counter = UInt32(blockIndex)
            let counterBytes: [UInt8] = [
                UInt8(truncatingIfNeeded: counter >> 24), UInt8(truncatingIfNeeded: counter >> 16),
                UInt8(truncatingIfNeeded: counter >> 8), UInt8(truncatingIfNeeded: counter),
            ]
            let first = key.authenticate(saltBytes + counterBytes)
            derived.append(contentsOf: xorOfIterations(key: key, first: first, iterations: iterations))
        }

        return Array(derived.prefix(keyLength))
    }

    /// Returns U₁ ⊕ U₂ ⊕ … ⊕ U_c, where U₁ is `first` and Uⱼ = HMAC(password, Uⱼ₋₁).
    ///
    /// Every Uⱼ after the first is a 32-byte message, so its inner and outer hashes are one padded
    /// block each, built directly as words: the digest, the 0x80 marker, zeros, and the bit length
    /// 768 (the 64-byte key block plus 32 bytes).
    private static func xorOfIterations(key: HMACSHA256Key, first: [UInt8], iterations: Int) -> [UInt8] {
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64 + 16) { storage in
            let schedule = storage.baseAddress!
            let current = schedule + 64
            let accumulated = schedule + 72

            for index in 0..<8 {
                let word = UInt32(first[4 * index]) << 24 | UInt32(first[4 * index + 1]) << 16
                    | UInt32(first[4 * index + 2]) << 8 | UInt32(first[4 * index + 3])
                current[index] = word
                accumulated[index] = word
            }

            for _ in 1..<iterations {
                var inner = key.inner
                for index in 0..<8 { schedule[index] = current[index] }
                fillPadding(schedule)
                inner.compress(schedule: schedule)

                var outer = key.outer
                inner.store(into: schedule)
                fillPadding(schedule)
                outer.compress(schedule: schedule)

                outer.store(into: current)
                for index in 0..<8 { accumulated[index] ^= current[index] }
            }

            var bytes: [UInt8] = []
            bytes.reserveCapacity(32)
            for index in 0..<8 {
                let word = accumulated[index]
                bytes.append(UInt8(truncatingIfNeeded: word >> 24))
                bytes.append(UInt8(truncatingIfNeeded: word >> 16))
                bytes.append(UInt8(truncatingIfNeeded: word >> 8))
                bytes.append(UInt8(truncatingIfNeeded: word))
            }
            return bytes
        }
    }

    @inline(__always)
    private static func fillPadding(_ schedule: UnsafeMutablePointer<UInt32>) {
        schedule[8] = 0x8000_0000
        for index in 9..<15 { schedule[index] = 0 }
        schedule[15] = UInt32((SHA256.blockLength + SHA256.digestLength) * 8)
    }
}
