/// Errors of the Crypto module.
public enum CryptoError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A parameter is outside the range the algorithm allows; `reason` names the limit.
    case invalidParameter(name: String, reason: String)
    /// The operating system's random source failed; `errno` is the C error number.
    case randomSourceFailed(errno: Int32)

    public var description: String {
        switch self {
        case .invalidParameter(let name, let reason):
            return "invalid \(name): \(reason)"
        case .randomSourceFailed(let errno):
            return "the system random source (getrandom) failed with errno \(errno)"
        }
    }
}
