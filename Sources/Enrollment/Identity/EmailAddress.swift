import Foundation

/// An e-mail address with a plausible shape: one "@", a local part of at most 64 bytes, and a
/// domain with a dot and no empty labels; 254 bytes in all (RFC 5321 §4.5.3.1). The domain is
/// lowercased. Deliverability is not checked.
public struct EmailAddress: Sendable, Hashable, CustomStringConvertible {
    public let address: String

    /// - Throws: `EnrollmentError` with code "invalid_email" and field `field`.
    public init(_ text: String, field: String = "email") throws(EnrollmentError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let parts = trimmed.split(separator: "@", omittingEmptySubsequences: false)
        let invalid = EnrollmentError.invalid("invalid_email", field: field)
        guard parts.count == 2, trimmed.utf8.count <= 254 else { throw invalid }
        let local = parts[0], domain = parts[1].lowercased()
        guard !local.isEmpty, local.utf8.count <= 64 else { throw invalid }
        guard !trimmed.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "," || $0 == ";" }) else { throw invalid }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty && !$0.hasPrefix("-") && !$0.hasSuffix("-") }) else { throw invalid }
        self.address = "\(local)@\(domain)"
    }

    /// The first character of the local part and the domain: "a***@example.kz".
    public var masked: String {
        let parts = address.split(separator: "@")
        return "\(parts[0].prefix(1))***@\(parts[1])"
    }

    public var description: String { masked }
}
