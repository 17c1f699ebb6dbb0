import Foundation
import JSON
import TestSupport
import XCTest

/// `sakura serve` run as a process: it starts on the demo city, answers, and exits 0 on SIGTERM.
final class ServeCommandTests: XCTestCase {
    private var executable: URL { SakuraCommand.executable }

    func testServeAnswersAndStopsOnSIGTERM() throws {
        guard FileManager.default.fileExists(atPath: executable.path) else {
            return XCTFail("sakura executable not found at \(executable.path); build it with swift build")
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = ["serve", "--port", "0", "--threads", "2"]
        process.currentDirectoryURL = Fixtures.repositoryRoot
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        // The port is in the "listening" log line.
        var log = ""
        var port: UInt16? = nil
        let deadline = Date().addingTimeInterval(60)
        while port == nil && Date() < deadline {
            let data = errors.fileHandleForReading.availableData
            if data.isEmpty { break }
            log += String(decoding: data, as: UTF8.self)
            if let range = log.range(of: #"msg=listening .*port=(\d+)"#, options: .regularExpression) {
                port = UInt16(log[range].split(separator: "=").last!.prefix { $0.isNumber })
            }
        }
        let listeningPort = try XCTUnwrap(port, "no listening line in: \(log)")
        XCTAssertTrue(log.contains("msg=\"city loaded\" city=demo"), log)

        let client = try RawClient(port: listeningPort)
        client.send("GET /health HTTP/1.1\r\nHost: t\r\n\r\n")
        XCTAssertEqual(client.readResponse()?.status, 200)

        process.terminate()  // SIGTERM
        process.waitUntilExit()
        XCTAssertEqual(process.terminationReason, .exit)
        XCTAssertEqual(process.terminationStatus, 0)
        let rest = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        XCTAssertTrue(rest.contains("msg=stopped"), rest)
    }
}
