import Foundation

extension Timestamp {
    /// Parses a timestamp written by `string(from:)`; nil for any other text.
    public static func date(from text: String) -> Date? {
        var format = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        format.timeZone = TimeZone(identifier: "UTC")!
        return try? format.parse(text)
    }

    /// Parses a stored timestamp, treating a corrupt value as the distant past so that whatever it
    /// guards (an expiry, a lock) counts as already over.
    static func storedDate(_ text: String) -> Date {
        date(from: text) ?? .distantPast
    }
}
