import CLinux
import Foundation
import Glibc
import Synchronization

/// A raw TCP listener on 127.0.0.1 that plays a script per connection, for timeouts that an
/// HTTP server cannot produce: the n-th connection either gets a canned response or none at all.
/// Each connection runs on its own thread, so a silent connection does not hold up the next.
public final class ScriptedServer: @unchecked Sendable {
    // @unchecked Sendable: `listener` and `script` are set in init and only read afterwards;
    // the mutable state is behind `state`.
    public enum Behavior: Sendable {
        /// Reads the request and answers with these bytes, then closes.
        case respond(String)
        /// Reads the request and never answers; the connection stays open until `stop()`.
        case silent
    }

    private let listener: Int32
    private let script: [Behavior]
    private let state = Mutex<(connections: Int, open: [Int32], stopped: Bool)>((0, [], false))
    public let port: UInt16

    public init(script: [Behavior]) throws {
        self.script = script
        let listener = sakura_tcp_client_socket()
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(listener, 16) == 0 else { throw ConnectFailure(errno: errno) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        self.listener = listener
        port = UInt16(bigEndian: address.sin_port)
        Thread.detachNewThread { [self] in acceptLoop() }
    }

    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// The number of connections accepted so far.
    public var connectionCount: Int { state.withLock { $0.connections } }

    /// Closes the listener and every connection held open.
    public func stop() {
        let sockets = state.withLock { state -> [Int32] in
            state.stopped = true
            return state.open
        }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
        for fd in sockets { shutdown(fd, Int32(SHUT_RDWR)) }
    }

    private func acceptLoop() {
        while true {
            let fd = accept(listener, nil, nil)
            if fd < 0 { return }
            let number = state.withLock { state -> Int in
                state.connections += 1
                state.open.append(fd)
                return state.connections
            }
            let behavior = script[min(number, script.count) - 1]
            Thread.detachNewThread { [self] in serve(fd, behavior) }
        }
    }

    private func serve(_ fd: Int32, _ behavior: Behavior) {
        readRequest(fd)
        switch behavior {
        case .respond(let text):
            let bytes = Array(text.utf8)
            _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            close(fd)
        case .silent:
            var byte: UInt8 = 0
            _ = recv(fd, &byte, 1, 0)  // returns when the client or stop() closes the connection
            close(fd)
        }
    }

    /// Reads until the end of the head and a body of Content-Length bytes.
    private func readRequest(_ fd: Int32) {
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let received = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if received <= 0 { return }
            buffer.append(contentsOf: chunk[0..<received])
            let text = String(decoding: buffer, as: UTF8.self)
            guard let headEnd = text.range(of: "\r\n\r\n") else { continue }
            let head = text[..<headEnd.lowerBound].lowercased()
            let length = head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
                .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
            if buffer.count >= text[..<headEnd.upperBound].utf8.count + length { return }
        }
    }

    public static func response(_ status: Int, _ body: String) -> Behavior {
        .respond("HTTP/1.1 \(status) X\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)")
    }
}

public struct ConnectFailure: Error {
    public let errno: Int32
}
