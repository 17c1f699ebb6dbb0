import CLinux
import Foundation
import Glibc

/// A blocking TCP client on loopback that speaks raw HTTP, for live server tests.
public final class RawClient {
    public let fd: Int32
    private var buffer: [UInt8] = []

    public struct Response {
        public var status: Int
        public var headers: [String: String]
        /// Every header line in order, with lowercased names, for fields that repeat (Set-Cookie).
        public var headerLines: [(name: String, value: String)] = []
        public var body: [UInt8]
        public var text: String { String(decoding: body, as: UTF8.self) }
    }

    public init(port: UInt16, receiveTimeout: Double = 5) throws {
        fd = sakura_tcp_client_socket()
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
        let status = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard status == 0 else { throw ConnectError(errno: errno) }
        setTimeout(receiveTimeout)
    }

    deinit { close(fd) }

    public func setTimeout(_ seconds: Double) {
        var timeout = timeval(tv_sec: Int(seconds), tv_usec: Int((seconds - Double(Int(seconds))) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    public func send(_ text: String) {
        send(Array(text.utf8))
    }

    public func send(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL)) }
            if sent <= 0 { return }
            offset += sent
        }
    }

    /// Reads more bytes; false on end of stream, error or timeout.
    private func fill() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let received = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        guard received > 0 else { return false }
        buffer.append(contentsOf: chunk[0..<received])
        return true
    }

    /// True when the server closed the connection (end of stream) before `seconds` passed.
    public func isClosedByPeer(within seconds: Double) -> Bool {
        setTimeout(seconds)
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let received = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if received == 0 { return true }
            if received < 0 { return errno == ECONNRESET }
        }
    }

    /// Reads one response; `head` is true for a HEAD request (no body despite Content-Length).
    public func readResponse(head: Bool = false) -> Response? {
        while true {
            if let end = headEnd() {
                let text = String(decoding: buffer[0..<end], as: UTF8.self)
                var lines = text.components(separatedBy: "\r\n")
                let statusLine = lines.removeFirst().split(separator: " ")
                guard statusLine.count >= 2, let status = Int(statusLine[1]) else { return nil }
                var headers: [String: String] = [:]
                var headerLines: [(name: String, value: String)] = []
                for line in lines where !line.isEmpty {
                    guard let colon = line.firstIndex(of: ":") else { continue }
                    let name = line[..<colon].lowercased(), value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                    headers[name] = value
                    headerLines.append((name, value))
                }
                let bodyStart = end + 4
                let length = (head || status == 304 || status == 204 || status < 200) ? 0 : Int(headers["content-length"] ?? "0") ?? 0
                while buffer.count < bodyStart + length {
                    guard fill() else { return nil }
                }
                let body = Array(buffer[bodyStart..<(bodyStart + length)])
                buffer.removeFirst(bodyStart + length)
                return Response(status: status, headers: headers, headerLines: headerLines, body: body)
            }
            guard fill() else { return nil }
        }
    }

    private func headEnd() -> Int? {
        guard buffer.count >= 4 else { return nil }
        for index in 0...(buffer.count - 4) where buffer[index] == 13 && buffer[index + 1] == 10 && buffer[index + 2] == 13 && buffer[index + 3] == 10 {
            return index
        }
        return nil
    }
}

/// A failed connect, with the C error number.
public struct ConnectError: Error {
    public let errno: Int32
}
