/// Comparison whose running time does not depend on where two byte strings differ.
public enum ConstantTime {
    /// Returns true when `lhs` and `rhs` contain the same bytes.
    ///
    /// The time depends only on the lengths, so a caller comparing a secret (a hashed code or
    /// token) against user input leaks nothing about how many leading bytes matched. Strings of
    /// different lengths return false at once, which reveals only the length.
    public static func equals(_ lhs: some Collection<UInt8>, _ rhs: some Collection<UInt8>) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var difference: UInt8 = 0
        for (left, right) in zip(lhs, rhs) {
            difference |= left ^ right
        }
        return difference == 0
    }
}
