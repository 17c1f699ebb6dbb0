import Foundation
import HTTPServer
import Synchronization

/// A stand-in for an outside HTTP service (an SMS provider, a population register), served on
/// 127.0.0.1 by the project's own HTTP server. Each request is recorded and answered by `respond`,
/// which gets the request and its 1-based number.
final class LoopbackMock: Sendable {
    let server: HTTPServer
    init(respond: @escaping @Sendable (HTTPRequest, Int) -> HTTPResponse) throws {
        var configuration = ServerConfiguration()
        configuration.port = 0
        configuration.threads = 2
        var router = Router()
        let box = RecordBox()
        for method in ["GET", "POST"] {
            for pattern in ["/{a}", "/{a}/{b}", "/{a}/{b}/{c}"] {
                router.add(method, pattern) { request in
                    let number = box.record(request)
                    return respond(request, number)
                }
            }
        }
        server = HTTPServer(configuration: configuration, router: router, log: ServerLog { _ in })
        self.box = box
        try server.start()
    }

    private let box: RecordBox

    var port: UInt16 { server.port }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Every request received so far.
    var requests: [HTTPRequest] { box.requests }

    func stop() {
        server.shutdown()
        server.wait()
    }

    static func json(_ status: Int, _ text: String) -> HTTPResponse {
        var response = HTTPResponse(status: status, body: Array(text.utf8))
        response.headers.set("Content-Type", "application/json")
        return response
    }
}

/// The requests a mock received, shared with its handlers.
final class RecordBox: Sendable {
    private let storage = Mutex<[HTTPRequest]>([])

    func record(_ request: HTTPRequest) -> Int {
        storage.withLock {
            $0.append(request)
            return $0.count
        }
    }

    var requests: [HTTPRequest] { storage.withLock { $0 } }
}
