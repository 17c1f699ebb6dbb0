/// The state of one client connection, owned by one event loop.
final class Connection {
    let fd: Int32
    /// Distinguishes this connection from a later one that reuses the descriptor.
    let serial: UInt64
    /// The peer's IPv4 address in dotted form, or "-" when getpeername failed.
    let peerAddress: String
    var input = ByteBuffer()
    var output: [UInt8] = []
    var outputOffset = 0
    var parser: RequestParser
    /// Monotonic time of the last byte read or written.
    var lastActivity: Double
    /// When the current request's first byte arrived, and when its body started.
    var requestStarted: Double?
    var bodyStarted: Double?
    /// Set once the response that ends the connection is queued: no more requests are read.
    var closeAfterWrite = false
    /// Set after the write side was shut down: input is read and dropped until the peer closes.
    var isDraining = false
    var drainingSince = 0.0
    /// True when request processing stopped because the output reached its limit.
    var isPausedForOutput = false
    /// True while EPOLLOUT is registered.
    var wantsWrite = false
    /// True while a worker thread runs the handler of this connection's current request: no
    /// further request is parsed until its response is queued.
    var awaitingWorker = false

    init(fd: Int32, serial: UInt64, peerAddress: String, parser: RequestParser, now: Double) {
        self.fd = fd
        self.serial = serial
        self.peerAddress = peerAddress
        self.parser = parser
        self.lastActivity = now
    }

    var pendingOutput: Int { output.count - outputOffset }
}
