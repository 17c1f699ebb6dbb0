import CLinux
import Glibc

/// Random bytes from the kernel's CSPRNG through the `getrandom` system call.
///
/// `getrandom` with no flags blocks only until the kernel pool is first initialised at boot, and
/// never returns predictable bytes. Thread safety: callable from any thread.
public enum SecureRandom {
    /// Returns `count` random bytes.
    ///
    /// - Throws: `CryptoError.invalidParameter` for a negative count, and
    ///   `CryptoError.randomSourceFailed` when the system call fails with an error other than
    ///   `EINTR` (which is retried).
    public static func bytes(_ count: Int) throws -> [UInt8] {
        guard count >= 0 else {
            throw CryptoError.invalidParameter(name: "count", reason: "must not be negative, got \(count)")
        }
        var bytes = [UInt8](repeating: 0, count: count)
        try bytes.withUnsafeMutableBytes { buffer in
            var filled = 0
            while filled < count {
                let result = getrandom(buffer.baseAddress! + filled, count - filled, 0)
                if result < 0 {
                    if errno == EINTR { continue }
                    throw CryptoError.randomSourceFailed(errno: errno)
                }
                filled += result
            }
        }
        return bytes
    }

    /// Returns a uniformly distributed integer in `0..<upperBound`.
    ///
    /// Uses rejection sampling over 32-bit draws, so no value is more likely than another.
    /// - Throws: `CryptoError.invalidParameter` unless `upperBound` is in 1...2³²; errors of `bytes`.
    public static func uniform(below upperBound: Int) throws -> Int {
        guard upperBound >= 1, upperBound <= 1 << 32 else {
            throw CryptoError.invalidParameter(name: "upperBound", reason: "must be between 1 and 2^32, got \(upperBound)")
        }
        let bound = UInt64(upperBound)
        let limit = (UInt64(1) << 32) - (UInt64(1) << 32) % bound
        while true {
            let draw = try bytes(4).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            if draw < limit { return Int(draw % bound) }
        }
    }
}
