import Foundation
import Synchronization

/// The current time, injectable so that expiry, sliding sessions and login delays can be tested
/// without sleeping.
public protocol TimeSource: Sendable {
    func now() -> Date
}

/// The system's wall clock.
public struct SystemTime: TimeSource {
    public init() {}

    public func now() -> Date { Date() }
}

/// A clock that moves only when told to, for tests and benchmarks. Thread-safe.
public final class ManualTime: TimeSource {
    private let current: Mutex<Date>

    public init(_ start: Date = Date(timeIntervalSince1970: 1_790_000_000)) {
        current = Mutex(start)
    }

    public func now() -> Date { current.withLock { $0 } }

    /// Moves the clock forward by `seconds`.
    public func advance(by seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}
