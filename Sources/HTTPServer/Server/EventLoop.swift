import CLinux
import Dispatch
import Glibc
import Synchronization

/// One event-loop thread: an epoll instance watching its listening socket, a wake-up eventfd and
/// its connections. Everything here runs on the loop's own thread except `wake()`.
final class EventLoop: @unchecked Sendable {
    // @unchecked Sendable: the object is handed to its thread once. After that, other threads call
    // only `wake()`, which writes to an eventfd and is thread-safe.
    let index: Int
    private let epoll: Int32
    private var listener: Int32
    private let wakeFD: Int32
    /// Strong, so a server released without `shutdown()` cannot vanish under its loops; `wait()` drops the loops.
    private let server: HTTPServer
    private var connections: [Int32: Connection] = [:]
    private var requestCounter: UInt64 = 0
    private var nextSweep = 0.0
    private var shutdownDeadline: Double?
    private var dateHeader = ""
    private var dateSecond = -1
    private var readChunk = [UInt8](repeating: 0, count: 64 * 1024)
    /// Request log lines of the current loop iteration, handed to the sink together.
    private var pendingLogLines: [String] = []
    /// Accepted sockets handed to this loop by the accepting loop; taken on the next wake-up.
    private let handedOver = Mutex<[Int32]>([])
    /// Responses computed by worker threads, taken on the next wake-up; nil once the loop has closed.
    private let completed = Mutex<[WorkerCompletion]?>([])
    private var connectionCounter: UInt64 = 0
    /// Every loop of the server, in index order; set before the threads start. Only the loop that
    /// owns the listener uses it, to spread connections round-robin.
    var peers: [EventLoop] = []
    private var nextPeer = 0

    /// How long a connection may stay in the draining state after its last response, in seconds.
    private static let drainTimeout = 2.0

    /// `listener` is -1 for loops that do not accept: they get connections through `adopt`.
    init(index: Int, listener: Int32, server: HTTPServer) throws {
        self.index = index
        self.listener = listener
        self.server = server
        epoll = epoll_create1(Int32(EPOLL_CLOEXEC))
        guard epoll >= 0 else { throw HTTPServerError.system(call: "epoll_create1", errno: errno) }
        wakeFD = eventfd(0, Int32(EFD_NONBLOCK) | Int32(EFD_CLOEXEC))
        guard wakeFD >= 0 else { throw HTTPServerError.system(call: "eventfd", errno: errno) }
        if listener >= 0 { watch(listener, events: EPOLLIN.rawValue) }
        watch(wakeFD, events: EPOLLIN.rawValue)
    }

    func wake() {
        var one: UInt64 = 1
        _ = write(wakeFD, &one, 8)
    }

    /// Hands an accepted socket to this loop; safe to call from the accepting loop's thread.
    func adopt(_ fd: Int32) {
        handedOver.withLock { $0.append(fd) }
        wake()
    }

    func closeAll() {
        // After this, workers finishing late drop their responses instead of waking a closed descriptor.
        completed.withLock { $0 = nil }
        for fd in connections.keys { close(fd) }
        connections.removeAll()
        if listener >= 0 { close(listener) }
        close(wakeFD)
        close(epoll)
    }

    private func watch(_ fd: Int32, events: UInt32) {
        var event = epoll_event()
        event.events = events
        event.data.fd = fd
        epoll_ctl(epoll, EPOLL_CTL_ADD, fd, &event)
    }

    private func modify(_ fd: Int32, events: UInt32) {
        var event = epoll_event()
        event.events = events
        event.data.fd = fd
        epoll_ctl(epoll, EPOLL_CTL_MOD, fd, &event)
    }

    // MARK: Loop

    func run() {
        var events = [epoll_event](repeating: epoll_event(), count: 256)
        while true {
            let now = monotonicSeconds()
            if server.isStopping && shutdownDeadline == nil { beginShutdown(now: now) }
            if let deadline = shutdownDeadline, connections.isEmpty || now >= deadline { break }

            let count = events.withUnsafeMutableBufferPointer { epoll_wait(epoll, $0.baseAddress, Int32($0.count), 250) }
            if count < 0 && errno != EINTR {
                server.log.event("error", "epoll_wait failed", ["loop": String(index), "errno": String(errno)])
                break
            }
            let current = monotonicSeconds()
            for position in 0..<max(0, Int(count)) {
                let event = events[position]
                let fd = event.data.fd
                if fd == listener {
                    acceptConnections(now: current)
                } else if fd == wakeFD {
                    var value: UInt64 = 0
                    _ = read(wakeFD, &value, 8)
                    let adopted = handedOver.withLock { sockets in
                        defer { sockets.removeAll() }
                        return sockets
                    }
                    for socket in adopted {
                        guard shutdownDeadline == nil else {
                            close(socket)
                            server.metrics.connectionClosed()
                            continue
                        }
                        register(socket, now: current)
                    }
                    deliverCompletions(now: current)
                } else if let connection = connections[fd] {
                    handle(event.events, on: connection, now: current)
                }
            }
            if current >= nextSweep {
                sweepTimeouts(now: current)
                nextSweep = current + 0.25
            }
            flushLog()
        }
        flushLog()
        for connection in Array(connections.values) { closeConnection(connection) }
        closeAll()
    }

    private func beginShutdown(now: Double) {
        shutdownDeadline = now + server.configuration.shutdownGrace
        if listener >= 0 {
            epoll_ctl(epoll, EPOLL_CTL_DEL, listener, nil)
            close(listener)
            listener = -1
        }
        // Idle connections go now; those with a request under way finish it and then close.
        for connection in Array(connections.values) {
            if !connection.parser.isInsideRequest && connection.pendingOutput == 0 && !connection.awaitingWorker {
                closeConnection(connection)
            } else {
                connection.closeAfterWrite = true
            }
        }
    }

    private func acceptConnections(now: Double) {
        while true {
            let fd = sakura_accept(listener)
            if fd < 0 {
                if errno == EINTR { continue }
                if errno != EAGAIN && errno != EWOULDBLOCK {
                    server.log.event("warn", "accept failed", ["loop": String(index), "errno": String(errno)])
                }
                return
            }
            var one: Int32 = 1
            setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            server.metrics.connectionOpened()
            // Round-robin over the loops keeps their connection counts equal, which the kernel's hashing
            // of SO_REUSEPORT sockets does not: a loop with more keep-alive clients stretches the tail latency.
            let target = peers.isEmpty ? self : peers[nextPeer % peers.count]
            nextPeer += 1
            if target === self { register(fd, now: now) } else { target.adopt(fd) }
        }
    }

    private func register(_ fd: Int32, now: Double) {
        let configuration = server.configuration
        let router = server.router
        let parser = RequestParser(configuration: configuration) { method, path in
            router.maxBodyBytes(method: method, path: path, fallback: configuration.defaultMaxBodyBytes)
        }
        connectionCounter += 1
        connections[fd] = Connection(fd: fd, serial: connectionCounter, peerAddress: Socket.peerAddress(fd), parser: parser, now: now)
        watch(fd, events: EPOLLIN.rawValue | EPOLLRDHUP.rawValue)
    }

    private func handle(_ events: UInt32, on connection: Connection, now: Double) {
        if events & (EPOLLERR.rawValue | EPOLLHUP.rawValue) != 0 {
            closeConnection(connection)
            return
        }
        if events & EPOLLOUT.rawValue != 0 {
            guard flush(connection, now: now) else { return }
        }
        if events & (EPOLLIN.rawValue | EPOLLRDHUP.rawValue) != 0 {
            readAvailable(connection, now: now)
        }
    }

    // MARK: Reading and processing

    private func readAvailable(_ connection: Connection, now: Double) {
        var peerClosed = false
        while true {
            let received = readChunk.withUnsafeMutableBytes { recv(connection.fd, $0.baseAddress, $0.count, 0) }
            if received > 0 {
                connection.lastActivity = now
                if connection.isDraining { continue }
                readChunk.withUnsafeBytes { connection.input.append(UnsafeRawBufferPointer(rebasing: $0[0..<received])) }
                if received < readChunk.count { break }
                continue
            }
            if received == 0 {
                peerClosed = true
                break
            }
            if errno == EINTR { continue }
            if errno == EAGAIN || errno == EWOULDBLOCK { break }
            closeConnection(connection)
            return
        }
        if connection.isDraining {
            if peerClosed { closeConnection(connection) }
            return
        }
        guard peerClosed else {
            process(connection, now: now)
            return
        }

        // The client closed its sending side: complete requests already received are still
        // answered (a half-close after the request is legal), then the connection closes.
        // A request cut short gets no answer.
        process(connection, now: now)
        guard connections[connection.fd] != nil else { return }
        if connection.awaitingWorker {
            // The worker's response is still sent; the connection closes after it.
            connection.closeAfterWrite = true
            return
        }
        if connection.pendingOutput == 0 {
            closeConnection(connection)
        } else {
            connection.closeAfterWrite = true
        }
    }

    private func process(_ connection: Connection, now: Double) {
        guard !connection.awaitingWorker else { return }
        while !connection.closeAfterWrite && connection.pendingOutput < server.configuration.maxPendingOutputBytes {
            if connection.requestStarted == nil && !connection.input.isEmpty { connection.requestStarted = now }
            let event = connection.parser.parse(&connection.input)
            switch event {
            case .needMore:
                if connection.parser.isReadingBody && connection.bodyStarted == nil { connection.bodyStarted = now }
                if !connection.parser.isInsideRequest { connection.requestStarted = nil }
                _ = flush(connection, now: now)
                return
            case .headComplete(let expectsContinue):
                connection.bodyStarted = now
                if expectsContinue {
                    connection.output.append(contentsOf: Array("HTTP/1.1 100 Continue\r\n\r\n".utf8))
                }
            case .request(var request):
                connection.requestStarted = nil
                connection.bodyStarted = nil
                let started = monotonicSeconds()
                requestCounter += 1
                request.requestID = "\(index)-\(String(requestCounter, radix: 16))"
                request.remoteAddress = connection.peerAddress
                let match = server.router.match(method: request.method, path: request.path)
                if startOnWorker(&request, match: match, connection: connection, started: started) {
                    _ = flush(connection, now: now)
                    return
                }
                var response = respond(to: &request, match: match)
                // Checked after the handler, so a response finished during shutdown says it closes.
                let keepAlive = request.keepAlive && !server.isStopping
                finish(&response, for: request, keepAlive: keepAlive)
                let bytes = serialize(response, for: request, keepAlive: keepAlive, into: &connection.output)
                if !keepAlive { connection.closeAfterWrite = true }
                record(request, status: response.status, bytes: bytes, started: started)
            case .failure(let status, let reason):
                var response = server.errorResponder(status, reason, nil)
                response.headers.set("Connection", "close")
                let request = HTTPRequest(method: "-", target: "-")
                let bytes = serialize(response, for: request, keepAlive: false, into: &connection.output)
                connection.closeAfterWrite = true
                record(request, status: status, bytes: bytes, started: monotonicSeconds(), reason: reason)
            }
        }
        // The loop ended on the output limit: reading resumes once `flush` has drained the output.
        connection.isPausedForOutput = !connection.closeAfterWrite
        _ = flush(connection, now: now)
    }

    /// Hands the request to a worker thread when its route asks for one; returns false otherwise.
    private func startOnWorker(_ request: inout HTTPRequest, match: Router.Match, connection: Connection, started: Double) -> Bool {
        guard case .found(let route, let parameters) = match, route.runsOnWorker else {
            return false
        }
        request.pathParameters = parameters
        request.route = route.pattern
        connection.awaitingWorker = true
        let job = request
        let fd = connection.fd
        let serial = connection.serial
        server.workers.submit { [self] in
            let response: HTTPResponse
            do {
                response = try route.handler(job)
            } catch {
                server.log.event("error", "handler failed", ["request_id": job.requestID, "route": route.pattern, "error": String(describing: error)])
                response = server.errorResponder(500, "internal error", job)
            }
            let delivered = completed.withLock { queue -> Bool in
                guard queue != nil else { return false }
                queue!.append(WorkerCompletion(fd: fd, serial: serial, request: job, response: response, started: started))
                return true
            }
            if delivered { wake() }
        }
        return true
    }

    /// Queues the responses finished by workers on their connections and resumes reading them.
    private func deliverCompletions(now: Double) {
        let finished = completed.withLock { queue -> [WorkerCompletion] in
            defer { if queue != nil { queue!.removeAll() } }
            return queue ?? []
        }
        for completion in finished {
            // The client may have gone, and its descriptor may already serve someone else.
            guard let connection = connections[completion.fd], connection.serial == completion.serial else { continue }
            connection.awaitingWorker = false
            var response = completion.response
            let keepAlive = completion.request.keepAlive && !server.isStopping && !connection.closeAfterWrite
            finish(&response, for: completion.request, keepAlive: keepAlive)
            let bytes = serialize(response, for: completion.request, keepAlive: keepAlive, into: &connection.output)
            if !keepAlive { connection.closeAfterWrite = true }
            record(completion.request, status: response.status, bytes: bytes, started: completion.started)
            connection.lastActivity = now
            process(connection, now: now)
        }
    }

    /// Routes the request and runs its handler; failures become the server's error responses.
    private func respond(to request: inout HTTPRequest, match: Router.Match) -> HTTPResponse {
        switch match {
        case .found(let route, let parameters):
            request.pathParameters = parameters
            request.route = route.pattern
            do {
                return try route.handler(request)
            } catch {
                server.log.event("error", "handler failed", ["request_id": request.requestID, "route": route.pattern, "error": String(describing: error)])
                return server.errorResponder(500, "internal error", request)
            }
        case .methodNotAllowed(let allowed):
            if request.method == "OPTIONS", let prefix = server.corsPathPrefix, request.path.hasPrefix(prefix) {
                var response = HTTPResponse(status: 204)
                response.headers.set("Access-Control-Allow-Methods", (Set(allowed).union(["OPTIONS", "HEAD"])).sorted().joined(separator: ", "))
                response.headers.set("Access-Control-Allow-Headers", request.headers["Access-Control-Request-Headers"] ?? "Content-Type, Authorization, If-None-Match, If-Match")
                response.headers.set("Access-Control-Max-Age", "86400")
                return response
            }
            var response = server.errorResponder(405, "method \(request.method) not allowed", request)
            response.headers.set("Allow", Set(allowed + (allowed.contains("GET") ? ["HEAD"] : [])).sorted().joined(separator: ", "))
            return response
        case .notFound:
            return server.errorResponder(404, "no route for \(request.path)", request)
        }
    }

    /// Applies CORS, gzip, entity tags and conditional GET to a handler's response.
    private func finish(_ response: inout HTTPResponse, for request: HTTPRequest, keepAlive: Bool) {
        if let prefix = server.corsPathPrefix, request.path.hasPrefix(prefix) {
            response.headers.set("Access-Control-Allow-Origin", "*")
            response.headers.set("Access-Control-Expose-Headers", "ETag, X-Request-Id")
        }
        response.headers.set("X-Request-Id", request.requestID)

        let isGet = request.method == "GET" || request.method == "HEAD"
        let compressible = response.gzippedBody != nil || (response.body.count >= server.configuration.minimumGzipBytes
            && Self.isCompressible(response.headers["Content-Type"]))
        if compressible {
            let vary = response.headers["Vary"].map { $0 + ", Accept-Encoding" } ?? "Accept-Encoding"
            response.headers.set("Vary", vary)
        }
        let useGzip = compressible && Gzip.isAccepted(by: request.headers["Accept-Encoding"])

        if response.isCacheable && response.status == 200 && isGet {
            var tag = response.entityTag ?? EntityTag.of(response.body)
            // The gzip variant is a different representation, so it gets its own tag.
            if useGzip { tag = String(tag.dropLast()) + "-gzip\"" }
            response.headers.set("ETag", tag)
            if let condition = request.headers["If-None-Match"], EntityTag.matches(ifNoneMatch: condition, tag: tag) {
                response.status = 304
                response.body = []
                response.gzippedBody = nil
                response.headers.remove("Content-Type")
                return
            }
        }
        if useGzip, let compressed = response.gzippedBody ?? Gzip.compress(response.body) {
            response.body = compressed
            response.gzippedBody = nil
            response.headers.set("Content-Encoding", "gzip")
        }
    }

    private static func isCompressible(_ contentType: String?) -> Bool {
        guard let contentType = contentType?.lowercased() else { return false }
        return contentType.hasPrefix("text/") || contentType.contains("json") || contentType.contains("javascript") || contentType.contains("xml")
    }

    /// Appends the status line, headers and body; returns the body bytes sent.
    private func serialize(_ response: HTTPResponse, for request: HTTPRequest, keepAlive: Bool, into output: inout [UInt8]) -> Int {
        var head = "HTTP/1.1 \(response.status) \(HTTPResponse.reason(response.status))\r\n"
        head += "Date: \(httpDate())\r\nServer: sakura\r\n"
        for (name, value) in response.headers where !name.caseInsensitiveEquals("Content-Length") && !name.caseInsensitiveEquals("Connection") {
            head += "\(name): \(value)\r\n"
        }
        // 1xx, 204 and 304 responses carry no Content-Length (RFC 9110 §8.6).
        let hasBody = response.status != 204 && response.status != 304 && response.status >= 200
        if hasBody { head += "Content-Length: \(response.body.count)\r\n" }
        if !keepAlive {
            head += "Connection: close\r\n"
        } else if request.minorVersion == 0 {
            head += "Connection: keep-alive\r\n"
        }
        head += "\r\n"
        output.append(contentsOf: head.utf8)
        guard hasBody, request.method != "HEAD" else { return 0 }
        output.append(contentsOf: response.body)
        return response.body.count
    }

    private func record(_ request: HTTPRequest, status: Int, bytes: Int, started: Double, reason: String? = nil) {
        let seconds = monotonicSeconds() - started
        server.metrics.record(loop: index, route: request.route, status: status, seconds: seconds)
        var fields: KeyValuePairs<String, String> = [
            "request_id": request.requestID.isEmpty ? "-" : request.requestID, "method": request.method, "path": request.path,
            "status": String(status), "bytes": String(bytes), "duration_ms": String(Double(Int(seconds * 1_000_000)) / 1000),
        ]
        if let reason {
            fields = ["request_id": "-", "method": "-", "path": "-", "status": String(status), "bytes": String(bytes), "reason": reason]
        }
        pendingLogLines.append(server.log.line(status >= 500 ? "error" : "info", "request", fields))
    }

    private func flushLog() {
        guard !pendingLogLines.isEmpty else { return }
        server.log.sinkLines(pendingLogLines)
        pendingLogLines.removeAll(keepingCapacity: true)
    }

    private func httpDate() -> String {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        let second = Int(time.tv_sec)
        if second != dateSecond {
            dateSecond = second
            var broken = tm()
            var seconds = time.tv_sec
            gmtime_r(&seconds, &broken)
            var buffer = [CChar](repeating: 0, count: 64)
            strftime(&buffer, buffer.count, "%a, %d %b %Y %H:%M:%S GMT", &broken)
            dateHeader = String(cString: buffer)
        }
        return dateHeader
    }

    // MARK: Writing and closing

    /// Writes what the socket takes; returns false when the connection was closed.
    @discardableResult
    private func flush(_ connection: Connection, now: Double) -> Bool {
        while connection.pendingOutput > 0 {
            let sent = connection.output.withUnsafeBytes { buffer in
                send(connection.fd, buffer.baseAddress! + connection.outputOffset, connection.pendingOutput, Int32(MSG_NOSIGNAL))
            }
            if sent > 0 {
                connection.outputOffset += sent
                connection.lastActivity = now
                continue
            }
            if sent < 0 && errno == EINTR { continue }
            if sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                if !connection.wantsWrite {
                    connection.wantsWrite = true
                    modify(connection.fd, events: EPOLLIN.rawValue | EPOLLRDHUP.rawValue | EPOLLOUT.rawValue)
                }
                return true
            }
            closeConnection(connection)
            return false
        }
        connection.output.removeAll(keepingCapacity: connection.output.capacity <= 256 * 1024)
        connection.outputOffset = 0
        if connection.wantsWrite {
            connection.wantsWrite = false
            modify(connection.fd, events: EPOLLIN.rawValue | EPOLLRDHUP.rawValue)
        }
        if connection.closeAfterWrite && !connection.isDraining && !connection.awaitingWorker {
            // Half-close so the response is delivered even if the client is still sending; the rest
            // of its input is read and dropped until it closes or the drain timeout passes.
            shutdown(connection.fd, Int32(SHUT_WR))
            connection.isDraining = true
            connection.drainingSince = now
            return true
        }
        if connection.isPausedForOutput && !connection.closeAfterWrite {
            // Pipelined requests held back while the output was over its limit.
            connection.isPausedForOutput = false
            process(connection, now: now)
        }
        return true
    }

    private func closeConnection(_ connection: Connection) {
        guard connections.removeValue(forKey: connection.fd) != nil else { return }
        epoll_ctl(epoll, EPOLL_CTL_DEL, connection.fd, nil)
        close(connection.fd)
        server.metrics.connectionClosed()
    }

    /// Closes idle and draining connections and answers 408 to requests that take too long.
    private func sweepTimeouts(now: Double) {
        let configuration = server.configuration
        for connection in Array(connections.values) {
            // NOTE: a worker's handler has no time limit here; handlers that may run long bound themselves.
            if connection.awaitingWorker { continue }
            if connection.isDraining {
                if now - connection.drainingSince > Self.drainTimeout { closeConnection(connection) }
                continue
            }
            if connection.pendingOutput > 0 {
                if now - connection.lastActivity > configuration.idleTimeout { closeConnection(connection) }
                continue
            }
            if let bodyStarted = connection.bodyStarted, connection.parser.isReadingBody {
                if now - bodyStarted > configuration.bodyTimeout { timeOut(connection, reason: "request body not received within \(configuration.bodyTimeout) s") }
            } else if let started = connection.requestStarted, connection.parser.isInsideRequest {
                if now - started > configuration.headerTimeout { timeOut(connection, reason: "request head not received within \(configuration.headerTimeout) s") }
            } else if now - connection.lastActivity > configuration.idleTimeout {
                closeConnection(connection)
            }
        }
    }

    private func timeOut(_ connection: Connection, reason: String) {
        var response = server.errorResponder(408, reason, nil)
        response.headers.set("Connection", "close")
        let request = HTTPRequest(method: "-", target: "-")
        let bytes = serialize(response, for: request, keepAlive: false, into: &connection.output)
        connection.closeAfterWrite = true
        record(request, status: 408, bytes: bytes, started: monotonicSeconds(), reason: reason)
        flush(connection, now: monotonicSeconds())
    }
}

/// A response a worker thread computed for a connection of a loop.
struct WorkerCompletion: Sendable {
    let fd: Int32
    let serial: UInt64
    let request: HTTPRequest
    let response: HTTPResponse
    let started: Double
}
