import Synchronization

/// Collects log lines written from any thread, for tests that inspect what was logged.
public final class LineCapture: Sendable {
    private let storage = Mutex<[String]>([])

    public init() {}

    public func append(_ line: String) {
        storage.withLock { $0.append(line) }
    }

    /// Every line so far, in the order written.
    public var lines: [String] { storage.withLock { $0 } }
}
