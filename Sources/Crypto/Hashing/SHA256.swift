/// SHA-256 (FIPS 180-4).
///
/// Thread safety: every function is pure and may be called from any thread.
public enum SHA256 {
    /// The digest length in bytes.
    public static let digestLength = 32
    /// The block length in bytes, which HMAC uses to pad its key.
    public static let blockLength = 64

    /// Hashes `bytes` and returns the 32-byte digest.
    public static func hash(_ bytes: some Collection<UInt8>) -> [UInt8] {
        var hasher = SHA256Hasher()
        hasher.update(bytes)
        return hasher.finalize()
    }
}

/// An incremental SHA-256 computation: feed bytes with `update`, then call `finalize` once.
///
/// A value type used by one thread at a time; copy it to fork a computation.
public struct SHA256Hasher: Sendable {
    var state = SHA256State()
    private var buffer: [UInt8] = []
    private var byteCount: UInt64 = 0

    public init() {
        buffer.reserveCapacity(SHA256.blockLength)
    }

    /// Continues from `state` after `byteCount` bytes, which must be a whole number of blocks.
    init(resuming state: SHA256State, byteCount: UInt64) {
        self.init()
        self.state = state
        self.byteCount = byteCount
    }

    /// Appends `bytes` to the message.
    public mutating func update(_ bytes: some Collection<UInt8>) {
        byteCount &+= UInt64(bytes.count)

        let handled: Void? = bytes.withContiguousStorageIfAvailable { contiguous in
            update(contiguous: UnsafeRawBufferPointer(contiguous))
        }
        if handled == nil {
            let copy = Array(bytes)
            copy.withUnsafeBytes { update(contiguous: $0) }
        }
    }

    private mutating func update(contiguous bytes: UnsafeRawBufferPointer) {
        var offset = 0

        if !buffer.isEmpty {
            let take = min(SHA256.blockLength - buffer.count, bytes.count)
            buffer.append(contentsOf: bytes[0..<take])
            offset = take
            if buffer.count == SHA256.blockLength {
                buffer.withUnsafeBytes { state.compress(block: $0.baseAddress!) }
                buffer.removeAll(keepingCapacity: true)
            }
        }

        while bytes.count - offset >= SHA256.blockLength {
            state.compress(block: bytes.baseAddress! + offset)
            offset += SHA256.blockLength
        }

        if offset < bytes.count {
            buffer.append(contentsOf: bytes[offset...])
        }
    }

    /// Pads the message (FIPS 180-4 §5.1.1) and returns the 32-byte digest.
    public mutating func finalize() -> [UInt8] {
        let bitLength = byteCount &* 8
        var padding: [UInt8] = [0x80]
        let afterMarker = (buffer.count + 1) % SHA256.blockLength
        let zeroCount = afterMarker <= 56 ? 56 - afterMarker : 56 + SHA256.blockLength - afterMarker
        padding.append(contentsOf: repeatElement(0, count: zeroCount))
        for shift in stride(from: 56, through: 0, by: -8) {
            padding.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift)))
        }

        let savedCount = byteCount
        update(padding)
        byteCount = savedCount
        precondition(buffer.isEmpty, "SHA-256 padding must end on a block boundary")
        return state.digest
    }
}
