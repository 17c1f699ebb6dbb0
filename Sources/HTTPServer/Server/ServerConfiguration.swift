/// Limits and timeouts of the server. Each violation closes the connection after the status named.
public struct ServerConfiguration: Sendable {
    /// Address to listen on; "127.0.0.1" by default, "0.0.0.0" for every IPv4 interface.
    public var host = "127.0.0.1"
    /// TCP port; 0 picks a free port (see `HTTPServer.port`).
    public var port: UInt16 = 8080
    /// Event-loop threads; the first accepts and deals connections round-robin to all. Default: one per core.
    public var threads = System.coreCount

    /// Maximum request line (method, target, version) in bytes; a longer one gets 414 URI Too Long.
    public var maxRequestLineBytes = 8 * 1024
    /// Largest header block in bytes; larger gets 431 Request Header Fields Too Large.
    public var maxHeaderBytes = 32 * 1024
    /// Most header fields; more get 431.
    public var maxHeaderCount = 100
    /// Largest request body in bytes for routes that set no limit of their own; larger gets 413.
    public var defaultMaxBodyBytes = 1024 * 1024

    /// Seconds a client may take to send a complete request head once it started one; then 408.
    public var headerTimeout = 10.0
    /// Seconds a client may take to send a body; then 408.
    public var bodyTimeout = 30.0
    /// Seconds an idle keep-alive connection is kept open.
    public var idleTimeout = 15.0
    /// Seconds in-flight requests get to finish after SIGTERM or SIGINT before the server stops anyway.
    public var shutdownGrace = 10.0
    /// Largest response output buffered for one connection before the server stops reading its
    /// pipelined requests until the client catches up, in bytes.
    public var maxPendingOutputBytes = 4 * 1024 * 1024

    /// Threads for handlers of routes added with `runsOnWorker` (database writes, long reports).
    public var workerThreads = 2
    /// Nice value of the worker threads (0 to 19): higher runs them after the event loops when the cores are busy.
    public var workerNiceness: Int32 = 10

    /// Responses of at least this many bytes are gzip-compressed when the client accepts gzip.
    public var minimumGzipBytes = 512

    public init() {}
}

public enum System {
    /// The number of processors this process may run on.
    public static var coreCount: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }
}

#if canImport(Glibc)
import Glibc
#endif
