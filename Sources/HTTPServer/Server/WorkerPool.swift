import CLinux
import Dispatch
import Glibc
import Synchronization

/// Threads that run the handlers of routes added with `runsOnWorker`.
///
/// The threads run at a lower scheduling priority (a higher nice value) than the event loops, so
/// when a long planner report and parents' lookups compete for the cores, the lookups win.
/// Jobs start in the order they were submitted.
final class WorkerPool: Sendable {
    private let jobs = Mutex<(queue: [@Sendable () -> Void], stopped: Bool)>(([], false))
    private let available = DispatchSemaphore(value: 0)
    private let threadCount: Int

    /// Starts `threads` threads at nice value `niceness` (0 to 19; Linux lets any process lower its own priority).
    init(threads: Int, niceness: Int32, log: ServerLog) {
        threadCount = max(1, threads)
        for index in 0..<threadCount {
            let start = WorkerStart(pool: self, index: index, niceness: niceness, log: log)
            var thread = pthread_t()
            let box = Unmanaged.passRetained(start).toOpaque()
            let status = pthread_create(&thread, nil, { raw in
                let start = Unmanaged<WorkerStart>.fromOpaque(raw!).takeRetainedValue()
                start.run()
                return nil
            }, box)
            if status == 0 {
                pthread_detach(thread)
            } else {
                Unmanaged<WorkerStart>.fromOpaque(box).release()
                log.event("error", "worker thread not started", ["worker": String(index), "errno": String(status)])
            }
        }
    }

    func submit(_ job: @escaping @Sendable () -> Void) {
        jobs.withLock { $0.queue.append(job) }
        available.signal()
    }

    /// Lets the threads finish the queued jobs and exit.
    func stop() {
        jobs.withLock { $0.stopped = true }
        for _ in 0..<threadCount { available.signal() }
    }

    fileprivate func runJobs() {
        while true {
            available.wait()
            let job = jobs.withLock { state -> (@Sendable () -> Void)? in
                state.queue.isEmpty ? nil : state.queue.removeFirst()
            }
            if let job {
                job()
                continue
            }
            if jobs.withLock({ $0.stopped }) { return }
        }
    }
}

/// The start-up data of a worker thread: its pool, and the priority to set on itself.
private final class WorkerStart: Sendable {
    let pool: WorkerPool
    let index: Int
    let niceness: Int32
    let log: ServerLog

    init(pool: WorkerPool, index: Int, niceness: Int32, log: ServerLog) {
        self.pool = pool
        self.index = index
        self.niceness = niceness
        self.log = log
    }

    func run() {
        // setpriority on a thread id changes that thread alone on Linux; it returns -1 with errno on failure.
        if niceness > 0, setpriority(__priority_which_t(PRIO_PROCESS.rawValue), id_t(sakura_gettid()), niceness) != 0 {
            log.event("warn", "worker priority not lowered", ["worker": String(index), "errno": String(errno)])
        }
        pool.runJobs()
    }
}
