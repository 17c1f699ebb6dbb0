/// Assembles an HTTP/1.1 response from the bytes of a connection that the server closes after it.
///
/// The body is delimited by chunked transfer coding, Content-Length, or the end of the
/// connection, in that order of precedence (RFC 9112 §6.3).
struct ResponseReader {
    let maxBytes: Int
    let isHead: Bool
    private var buffer: [UInt8] = []
    private var head: (status: Int, headers: HTTPHeaders, bodyStart: Int)?

    init(maxBytes: Int, isHead: Bool) {
        self.maxBytes = maxBytes
        self.isHead = isHead
    }

    /// Adds received bytes (empty at the end of the connection); returns the response once complete.
    mutating func consume(_ bytes: [UInt8]) throws(HTTPClientError) -> HTTPClientResponse? {
        let ended = bytes.isEmpty
        buffer.append(contentsOf: bytes)
        guard buffer.count <= maxBytes else { throw .responseTooLarge(limit: maxBytes) }

        if head == nil {
            guard let end = headEnd() else {
                if ended { throw .malformedResponse(reason: "the connection closed inside the response head") }
                return nil
            }
            head = try parseHead(Array(buffer[0..<end]), bodyStart: end + 4)
        }
        guard let (status, headers, bodyStart) = head else { return nil }
        let body = Array(buffer[bodyStart...])

        if isHead || status == 204 || status == 304 || status < 200 {
            return HTTPClientResponse(status: status, headers: headers, body: [])
        }
        if headers.contains("Transfer-Encoding", token: "chunked") {
            guard let decoded = try Self.decodeChunked(body) else {
                if ended { throw .malformedResponse(reason: "the chunked body ended early") }
                return nil
            }
            return HTTPClientResponse(status: status, headers: headers, body: decoded)
        }
        if let lengthText = headers["Content-Length"] {
            guard let length = Int(lengthText), length >= 0 else { throw .malformedResponse(reason: "invalid Content-Length \"\(lengthText)\"") }
            if body.count >= length { return HTTPClientResponse(status: status, headers: headers, body: Array(body.prefix(length))) }
            if ended { throw .malformedResponse(reason: "the body is shorter than its Content-Length") }
            return nil
        }
        return ended ? HTTPClientResponse(status: status, headers: headers, body: body) : nil
    }

    private func headEnd() -> Int? {
        guard buffer.count >= 4 else { return nil }
        for index in 0...(buffer.count - 4)
        where buffer[index] == 13 && buffer[index + 1] == 10 && buffer[index + 2] == 13 && buffer[index + 3] == 10 {
            return index
        }
        return nil
    }

    private func parseHead(_ bytes: [UInt8], bodyStart: Int) throws(HTTPClientError) -> (Int, HTTPHeaders, Int) {
        let text = String(decoding: bytes, as: UTF8.self)
        var lines = text.split(separator: "\r\n", omittingEmptySubsequences: false)
        let statusLine = lines.removeFirst().split(separator: " ", maxSplits: 2)
        guard statusLine.count >= 2, statusLine[0].hasPrefix("HTTP/1."), let status = Int(statusLine[1]), (100...599).contains(status) else {
            throw .malformedResponse(reason: "invalid status line")
        }
        var headers = HTTPHeaders()
        for line in lines where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else { throw .malformedResponse(reason: "a header line has no colon") }
            headers.add(String(line[line.startIndex..<colon]), String(line[line.index(after: colon)...]).trimmingWhitespace())
        }
        return (status, headers, bodyStart)
    }

    /// Decodes a complete chunked body; nil while it is incomplete.
    static func decodeChunked(_ bytes: [UInt8]) throws(HTTPClientError) -> [UInt8]? {
        var output: [UInt8] = []
        var index = 0
        while true {
            guard let lineEnd = findCRLF(bytes, from: index) else { return nil }
            let sizeText = String(decoding: bytes[index..<lineEnd], as: UTF8.self).split(separator: ";").first.map(String.init) ?? ""
            guard let size = Int(sizeText.trimmingWhitespace(), radix: 16), size >= 0 else {
                throw .malformedResponse(reason: "invalid chunk size")
            }
            index = lineEnd + 2
            if size == 0 { return output }
            guard bytes.count >= index + size + 2 else { return nil }
            output.append(contentsOf: bytes[index..<(index + size)])
            index += size + 2
        }
    }

    private static func findCRLF(_ bytes: [UInt8], from start: Int) -> Int? {
        var index = start
        while index + 1 < bytes.count {
            if bytes[index] == 13 && bytes[index + 1] == 10 { return index }
            index += 1
        }
        return nil
    }
}
