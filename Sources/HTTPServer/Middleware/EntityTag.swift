/// Strong entity tags for conditional GET (RFC 9110 §8.8.3 and §13.1.2).
public enum EntityTag {
    /// Returns a quoted tag made from a 64-bit FNV-1a hash of the body.
    public static func of(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return "\"" + String(repeating: "0", count: 16 - hex.count) + hex + "\""
    }

    /// True when an If-None-Match value matches `tag` by the weak comparison GET requires.
    public static func matches(ifNoneMatch: String, tag: String) -> Bool {
        let opaque = tag.hasPrefix("W/") ? String(tag.dropFirst(2)) : tag
        for candidate in ifNoneMatch.split(separator: ",").map({ $0.trimmingWhitespace() }) {
            if candidate == "*" { return true }
            let value = candidate.hasPrefix("W/") ? String(candidate.dropFirst(2)) : candidate
            if value == opaque { return true }
        }
        return false
    }
}
