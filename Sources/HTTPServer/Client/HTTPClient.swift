import CLinux
import Glibc

/// A response received by `HTTPClient`.
public struct HTTPClientResponse: Sendable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: [UInt8]
}

/// A small blocking HTTP/1.1 client for calls to outside services (message gateways, registers).
///
/// Each request opens a new connection, sends `Connection: close`, and reads the whole response.
/// `connectTimeout` bounds the TCP connect, and `readTimeout` bounds sending the request plus
/// receiving the complete response, so a server that trickles bytes cannot hold the caller longer.
/// Only plain HTTP over IPv4. Thread safety: a value type with no shared state, usable from any thread.
public struct HTTPClient: Sendable {
    /// Seconds allowed for the TCP connection to open.
    public var connectTimeout: Double
    /// Seconds allowed for writing the request and reading the complete response.
    public var readTimeout: Double
    /// Largest accepted response (head and body), in bytes.
    public var maxResponseBytes: Int

    public init(connectTimeout: Double = 5, readTimeout: Double = 10, maxResponseBytes: Int = 1024 * 1024) {
        self.connectTimeout = connectTimeout
        self.readTimeout = readTimeout
        self.maxResponseBytes = maxResponseBytes
    }

    /// Sends one request and returns the response, whatever its status.
    ///
    /// Sets Host, Content-Length and Connection itself; `headers` adds the rest.
    /// - Throws: `HTTPClientError`.
    public func send(method: String, url: ClientURL, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) throws(HTTPClientError) -> HTTPClientResponse {
        let socket = try ClientSocket.connect(host: url.host, port: url.port, timeout: connectTimeout)
        let deadline = monotonicSeconds() + readTimeout

        var head = "\(method) \(url.target) HTTP/1.1\r\nHost: \(url.hostHeader)\r\nConnection: close\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if !body.isEmpty || method == "POST" || method == "PUT" { head += "Content-Length: \(body.count)\r\n" }
        head += "\r\n"
        try socket.write(Array(head.utf8) + body, deadline: deadline, timeout: readTimeout)

        var parser = ResponseReader(maxBytes: maxResponseBytes, isHead: method == "HEAD")
        while true {
            let chunk = try socket.read(deadline: deadline, timeout: readTimeout)
            if let response = try parser.consume(chunk) { return response }
            if chunk.isEmpty { throw .malformedResponse(reason: "the connection closed before the response was complete") }
        }
    }
}

/// A connected client socket, closed in `deinit`.
final class ClientSocket {
    let fd: Int32

    private init(fd: Int32) {
        self.fd = fd
    }

    deinit {
        close(fd)
    }

    /// Opens a non-blocking TCP connection, waiting at most `timeout` seconds.
    static func connect(host: String, port: UInt16, timeout: Double) throws(HTTPClientError) -> ClientSocket {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr = try resolve(host)

        let fd = sakura_tcp_socket()
        guard fd >= 0 else { throw .system(call: "socket", errno: errno) }
        let socket = ClientSocket(fd: fd)

        let status = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        if status != 0 {
            guard errno == EINPROGRESS else { throw .system(call: "connect \(host):\(port)", errno: errno) }
            guard try socket.wait(for: Int16(POLLOUT), timeout: timeout) else { throw .timedOut(phase: "connect", seconds: timeout) }
            var socketError: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            guard getsockopt(fd, SOL_SOCKET, SO_ERROR, &socketError, &length) == 0 else { throw .system(call: "getsockopt", errno: errno) }
            guard socketError == 0 else { throw .system(call: "connect \(host):\(port)", errno: socketError) }
        }
        return socket
    }

    /// Returns the IPv4 address of `host`: a dotted literal, "localhost", or a name through getaddrinfo.
    private static func resolve(_ host: String) throws(HTTPClientError) -> in_addr {
        var literal = in_addr()
        let name = host == "localhost" ? "127.0.0.1" : host
        if inet_pton(AF_INET, name, &literal) == 1 { return literal }

        var hints = addrinfo()
        hints.ai_family = AF_INET
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(name, nil, &hints, &list) == 0, let list else { throw .unresolvedHost(host) }
        defer { freeaddrinfo(list) }
        guard let socketAddress = list.pointee.ai_addr else { throw .unresolvedHost(host) }
        return socketAddress.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_addr }
    }

    /// Waits until the socket is ready for `events`; false on timeout.
    func wait(for events: Int16, timeout: Double) throws(HTTPClientError) -> Bool {
        var descriptor = pollfd(fd: fd, events: events, revents: 0)
        while true {
            let milliseconds = Int32(max(0, min(timeout, 3600)) * 1000)
            let ready = poll(&descriptor, 1, milliseconds)
            if ready < 0 {
                if errno == EINTR { continue }
                throw .system(call: "poll", errno: errno)
            }
            return ready > 0
        }
    }

    func write(_ bytes: [UInt8], deadline: Double, timeout: Double) throws(HTTPClientError) {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL)) }
            if sent > 0 {
                offset += sent
                continue
            }
            if sent < 0 && errno == EINTR { continue }
            guard sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) else { throw .system(call: "send", errno: errno) }
            let remaining = deadline - monotonicSeconds()
            guard remaining > 0, try wait(for: Int16(POLLOUT), timeout: remaining) else { throw .timedOut(phase: "write", seconds: timeout) }
        }
    }

    /// Reads what is available, waiting until the deadline; an empty result means the peer closed.
    func read(deadline: Double, timeout: Double) throws(HTTPClientError) -> [UInt8] {
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let received = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if received >= 0 { return Array(chunk[0..<received]) }
            if errno == EINTR { continue }
            guard errno == EAGAIN || errno == EWOULDBLOCK else { throw .system(call: "recv", errno: errno) }
            let remaining = deadline - monotonicSeconds()
            guard remaining > 0, try wait(for: Int16(POLLIN), timeout: remaining) else { throw .timedOut(phase: "read", seconds: timeout) }
        }
    }
}
