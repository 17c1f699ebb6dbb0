import Dispatch
import Foundation
import Store
import Synchronization

/// A thread at the server's normal priority that rebuilds lookup snapshots, with its own read
/// connection to the database.
///
/// Planner handlers run on worker threads at a lower priority, which would starve a rebuild while
/// the event loops are busy with lookups; the rebuild is short, so it runs here at full priority.
final class SnapshotBuilder: Sendable {
    let thread = JobThread(name: "sakura-snapshots")
    // The connection is used only inside `withStore`, under the mutex.
    private let store: Mutex<SakuraStore>

    init(store: consuming sending SakuraStore) {
        self.store = Mutex(store)
    }

    func withStore<Result: Sendable>(_ body: (SakuraStore) throws -> Result) throws -> Result {
        try store.withLock { store in try body(store) }
    }
}

/// One thread that runs jobs one after another; `run` waits for the job's result.
///
/// A thread created by another thread inherits its scheduling priority, so create this one from a
/// thread at the priority the jobs should have.
final class JobThread: Sendable {
    private let jobs = Mutex<[@Sendable () -> Void]>([])
    private let available = DispatchSemaphore(value: 0)

    init(name: String) {
        // The thread keeps the object alive for the life of the process.
        let thread = Thread { [self] in
            while true {
                available.wait()
                let job = jobs.withLock { $0.isEmpty ? nil : $0.removeFirst() }
                job?()
            }
        }
        thread.name = name
        thread.start()
    }

    /// Runs `body` on the thread and returns its result.
    func run<Value: Sendable>(_ body: @escaping @Sendable () -> Value) -> Value {
        let done = DispatchSemaphore(value: 0)
        let result = Mutex<Value?>(nil)
        jobs.withLock {
            $0.append {
                let value = body()
                result.withLock { $0 = value }
                done.signal()
            }
        }
        available.signal()
        done.wait()
        return result.withLock { $0! }
    }
}
