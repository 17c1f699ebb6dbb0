import Dispatch
import Glibc
import Synchronization

/// Builds the body of a response the server makes itself (400, 404, 408, 413, 500 …).
/// The request is nil when the failure came before a request could be parsed.
public typealias ErrorResponder = @Sendable (_ status: Int, _ reason: String, _ request: HTTPRequest?) -> HTTPResponse

/// An HTTP/1.1 server on POSIX sockets: one epoll event loop per thread. The first loop accepts
/// and deals connections round-robin to all loops; handlers run on the loop that owns the connection.
///
/// Supports keep-alive and pipelining (responses in request order),
/// HTTP/1.0, HEAD, `Expect: 100-continue`, chunked request bodies, the
/// limits and timeouts of `ServerConfiguration`, gzip, entity tags with
/// `304 Not Modified`, CORS on a path prefix, a log line per request and
/// metrics. `shutdown()` stops accepting, lets requests in flight finish
/// within `shutdownGrace`, and closes idle connections.
public final class HTTPServer: Sendable {
    public let configuration: ServerConfiguration
    public let router: Router
    public let metrics: ServerMetrics
    public let log: ServerLog
    /// CORS headers go on responses whose path starts with this prefix; nil turns CORS off.
    public let corsPathPrefix: String?
    let errorResponder: ErrorResponder
    /// Runs the handlers of routes added with `runsOnWorker`.
    let workers: WorkerPool

    private let state = Mutex(RunState())
    private let stopping = Atomic<Bool>(false)

    private struct RunState {
        var loops: [EventLoop] = []
        var threads: [pthread_t] = []
        var port: UInt16 = 0
    }

    public init(configuration: ServerConfiguration, router: Router, log: ServerLog = ServerLog(),
                corsPathPrefix: String? = "/api/", errorResponder: ErrorResponder? = nil) {
        self.configuration = configuration
        self.router = router
        self.log = log
        self.corsPathPrefix = corsPathPrefix
        self.metrics = ServerMetrics(loopCount: configuration.threads)
        self.workers = WorkerPool(threads: configuration.workerThreads, niceness: configuration.workerNiceness, log: log)
        self.errorResponder = errorResponder ?? { status, reason, _ in HTTPResponse.text(status, reason) }
    }

    /// The port the server listens on, known after `start()` (useful with port 0).
    public var port: UInt16 { state.withLock { $0.port } }

    var isStopping: Bool { stopping.load(ordering: .acquiring) }

    /// Binds the listening sockets and starts the event-loop threads; returns at once.
    /// A server starts once: after `shutdown()` make a new one.
    public func start() throws {
        precondition(state.withLock { $0.loops.isEmpty } && !isStopping, "HTTPServer.start() called twice or after shutdown()")
        signal(SIGPIPE, SIG_IGN)
        var loops: [EventLoop] = []
        var port = configuration.port
        do {
            // Loop 0 accepts and hands connections round-robin to every loop, itself included.
            let listener = try Socket.listen(host: configuration.host, port: port)
            if port == 0 { port = Socket.localPort(listener) }
            for index in 0..<max(1, configuration.threads) {
                loops.append(try EventLoop(index: index, listener: index == 0 ? listener : -1, server: self))
            }
            loops[0].peers = loops
        } catch {
            for loop in loops { loop.closeAll() }
            throw error
        }

        var threads: [pthread_t] = []
        for loop in loops {
            var thread = pthread_t()
            let box = Unmanaged.passRetained(loop).toOpaque()
            let status = pthread_create(&thread, nil, { raw in
                let loop = Unmanaged<EventLoop>.fromOpaque(raw!).takeRetainedValue()
                loop.run()
                return nil
            }, box)
            guard status == 0 else { throw HTTPServerError.system(call: "pthread_create", errno: status) }
            threads.append(thread)
        }
        state.withLock {
            $0.loops = loops
            $0.threads = threads
            $0.port = port
        }
        log.event("info", "listening", ["host": configuration.host, "port": String(port), "threads": String(loops.count)])
    }

    /// Starts graceful shutdown; safe to call from any thread, more than once.
    public func shutdown() {
        guard !stopping.exchange(true, ordering: .acquiringAndReleasing) else { return }
        log.event("info", "shutting down", ["grace_seconds": String(configuration.shutdownGrace)])
        for loop in state.withLock({ $0.loops }) { loop.wake() }
    }

    /// Blocks until every event loop has finished, then releases them.
    public func wait() {
        let threads = state.withLock { $0.threads }
        for thread in threads { pthread_join(thread, nil) }
        workers.stop()
        state.withLock {
            $0.threads = []
            $0.loops = []
        }
        log.event("info", "stopped")
    }

    /// Starts the server, shuts it down on SIGTERM or SIGINT, and returns when it has stopped.
    public func run() throws {
        signal(SIGTERM, SIG_IGN)
        signal(SIGINT, SIG_IGN)
        let queue = DispatchQueue(label: "sakura.signals")
        let sources = [SIGTERM, SIGINT].map { number -> DispatchSourceSignal in
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { [weak self] in self?.shutdown() }
            source.resume()
            return source
        }
        try start()
        wait()
        for source in sources { source.cancel() }
    }
}
