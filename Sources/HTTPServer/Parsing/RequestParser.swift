/// The parser's finding after reading the input so far.
enum ParseEvent {
    /// More bytes are needed.
    case needMore
    /// A request head was parsed and its body is still to come; `expectsContinue` asks for 100 Continue.
    case headComplete(expectsContinue: Bool)
    case request(HTTPRequest)
    /// The request is invalid; the status and reason are sent and the connection is closed.
    case failure(status: Int, reason: String)
}

/// An incremental HTTP/1.x request parser (RFC 9112) with size limits.
///
/// Rejects what proxies and servers disagree on (request smuggling):
/// Content-Length together with Transfer-Encoding, differing Content-Length
/// values, obsolete line folding, white space before a header colon, and
/// transfer codings other than chunked.
struct RequestParser {
    private enum State {
        case head
        case body(remaining: Int)
        case chunkSize
        case chunkData(remaining: Int)
        case chunkDataEnd
        case trailers
    }

    let configuration: ServerConfiguration
    /// The body limit for a method and path, from the router.
    let bodyLimit: (String, String) -> Int

    private var state = State.head
    private var pending: HTTPRequest?
    private var limit = 0
    /// True while a request has started arriving (for the header and body timeouts).
    private(set) var isInsideRequest = false
    private(set) var isReadingBody = false

    init(configuration: ServerConfiguration, bodyLimit: @escaping (String, String) -> Int) {
        self.configuration = configuration
        self.bodyLimit = bodyLimit
    }

    mutating func parse(_ buffer: inout ByteBuffer) -> ParseEvent {
        while true {
            switch state {
            case .head:
                return parseHead(&buffer)
            case .body(let remaining):
                let take = min(remaining, buffer.readableCount)
                pending!.body.append(contentsOf: buffer.bytes(0..<take))
                buffer.consume(take)
                if take < remaining {
                    state = .body(remaining: remaining - take)
                    return .needMore
                }
                return finish()
            case .chunkSize:
                guard let newline = buffer.firstIndex(of: 0x0A) else {
                    if buffer.readableCount > 1024 { return .failure(status: 400, reason: "chunk size line too long") }
                    return .needMore
                }
                var line = String(decoding: buffer.bytes(0..<newline), as: UTF8.self)
                buffer.consume(newline + 1)
                if line.hasSuffix("\r") { line.removeLast() }
                let sizeText = line.split(separator: ";", maxSplits: 1).first.map { $0.trimmingWhitespace() } ?? ""
                guard !sizeText.isEmpty, sizeText.count <= 15, let size = Int(sizeText, radix: 16), size >= 0 else {
                    return .failure(status: 400, reason: "invalid chunk size \"\(line)\"")
                }
                if size == 0 {
                    state = .trailers
                } else {
                    guard pending!.body.count + size <= limit else {
                        return .failure(status: 413, reason: "request body larger than \(limit) bytes")
                    }
                    state = .chunkData(remaining: size)
                }
            case .chunkData(let remaining):
                let take = min(remaining, buffer.readableCount)
                pending!.body.append(contentsOf: buffer.bytes(0..<take))
                buffer.consume(take)
                if take < remaining {
                    state = .chunkData(remaining: remaining - take)
                    return .needMore
                }
                state = .chunkDataEnd
            case .chunkDataEnd:
                guard buffer.readableCount >= 1 else { return .needMore }
                if buffer[0] == 0x0A {
                    buffer.consume(1)
                } else {
                    guard buffer.readableCount >= 2 else { return .needMore }
                    guard buffer[0] == 0x0D, buffer[1] == 0x0A else { return .failure(status: 400, reason: "chunk data not followed by CRLF") }
                    buffer.consume(2)
                }
                state = .chunkSize
            case .trailers:
                guard let newline = buffer.firstIndex(of: 0x0A) else {
                    if buffer.readableCount > configuration.maxHeaderBytes { return .failure(status: 431, reason: "trailer section too large") }
                    return .needMore
                }
                let isEmpty = newline == 0 || (newline == 1 && buffer[0] == 0x0D)
                buffer.consume(newline + 1)
                if isEmpty { return finish() }
            }
        }
    }

    private mutating func finish() -> ParseEvent {
        let request = pending!
        pending = nil
        state = .head
        isInsideRequest = false
        isReadingBody = false
        return .request(request)
    }

    private mutating func parseHead(_ buffer: inout ByteBuffer) -> ParseEvent {
        // Empty lines before a request line are ignored (RFC 9112 §2.2).
        while buffer.readableCount > 0 && (buffer[0] == 0x0D || buffer[0] == 0x0A) {
            buffer.consume(1)
        }
        if buffer.isEmpty { return .needMore }
        isInsideRequest = true

        guard let lineEnd = buffer.firstIndex(of: 0x0A) else {
            if buffer.readableCount > configuration.maxRequestLineBytes {
                return .failure(status: 414, reason: "request line longer than \(configuration.maxRequestLineBytes) bytes")
            }
            return .needMore
        }
        if lineEnd > configuration.maxRequestLineBytes {
            return .failure(status: 414, reason: "request line longer than \(configuration.maxRequestLineBytes) bytes")
        }

        // Find the empty line that ends the head.
        var headEnd: Int? = nil
        var cursor = lineEnd + 1
        while let next = buffer.firstIndex(of: 0x0A, from: cursor) {
            let length = next - cursor
            if length == 0 || (length == 1 && buffer[cursor] == 0x0D) {
                headEnd = next + 1
                break
            }
            cursor = next + 1
        }
        guard let headEnd else {
            if buffer.readableCount - lineEnd > configuration.maxHeaderBytes {
                return .failure(status: 431, reason: "header section larger than \(configuration.maxHeaderBytes) bytes")
            }
            return .needMore
        }
        if headEnd - lineEnd > configuration.maxHeaderBytes {
            return .failure(status: 431, reason: "header section larger than \(configuration.maxHeaderBytes) bytes")
        }

        // The head is parsed as bytes; Strings are made only for the method, target and field values.
        let headBytes = Array(buffer.bytes(0..<headEnd))
        buffer.consume(headEnd)
        var lines: [ArraySlice<UInt8>] = []
        for rawLine in headBytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lines.append(rawLine.last == 0x0D ? rawLine.dropLast() : rawLine)
        }
        while lines.last?.isEmpty == true { lines.removeLast() }

        // Request line: method SP request-target SP HTTP-version.
        let parts = lines[0].split(separator: 0x20, omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, parts[0].allSatisfy(Self.isTokenByte), !parts[1].isEmpty else {
            return .failure(status: 400, reason: "malformed request line")
        }
        let minorVersion: Int
        switch Array(parts[2]) {
        case Array("HTTP/1.1".utf8): minorVersion = 1
        case Array("HTTP/1.0".utf8): minorVersion = 0
        default:
            if parts[2].starts(with: "HTTP/".utf8), parts[2].count == 8 { return .failure(status: 505, reason: "only HTTP/1.0 and HTTP/1.1 are supported") }
            return .failure(status: 400, reason: "malformed HTTP version")
        }
        guard let target = String(validating: parts[1], as: UTF8.self), parts[1].allSatisfy({ $0 > 0x20 && $0 != 0x7F }) else {
            return .failure(status: 400, reason: "malformed request target")
        }
        guard target.hasPrefix("/") || target == "*" else { return .failure(status: 400, reason: "request target must be an absolute path") }

        // Header fields.
        var headers = HTTPHeaders()
        for line in lines.dropFirst() {
            guard let first = line.first else { continue }
            if first == 0x20 || first == 0x09 { return .failure(status: 400, reason: "obsolete header line folding is not accepted") }
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return .failure(status: 400, reason: "header line without a colon") }
            let name = line[line.startIndex..<colon]
            guard !name.isEmpty, name.allSatisfy(Self.isTokenByte) else {
                return .failure(status: 400, reason: "invalid header name \"\(String(decoding: name, as: UTF8.self))\"")
            }
            var value = line[(colon + 1)...]
            while let byte = value.first, byte == 0x20 || byte == 0x09 { value = value.dropFirst() }
            while let byte = value.last, byte == 0x20 || byte == 0x09 { value = value.dropLast() }
            guard let valueText = String(validating: value, as: UTF8.self) else {
                return .failure(status: 400, reason: "header value is not valid UTF-8")
            }
            headers.add(String(decoding: name, as: UTF8.self), valueText)
            if headers.count > configuration.maxHeaderCount {
                return .failure(status: 431, reason: "more than \(configuration.maxHeaderCount) header fields")
            }
        }
        if minorVersion == 1 && headers["Host"] == nil { return .failure(status: 400, reason: "missing Host header") }

        var request = HTTPRequest(method: String(decoding: parts[0], as: UTF8.self), target: target, minorVersion: minorVersion, headers: headers)
        if parts[1].contains(UInt8(ascii: "%")) && PercentDecoding.decode(
            Substring(target.utf8.prefix { $0 != UInt8(ascii: "?") }), plusAsSpace: false) == nil {
            return .failure(status: 400, reason: "malformed percent-encoding in the path")
        }

        // Body framing (RFC 9112 §6).
        let transferEncodings = headers.values("Transfer-Encoding")
        let lengths = headers.values("Content-Length")
        if !transferEncodings.isEmpty || !lengths.isEmpty {
            // Only requests with a body need the route's limit.
            limit = bodyLimit(request.method, request.path)
        }
        if !transferEncodings.isEmpty {
            guard lengths.isEmpty else { return .failure(status: 400, reason: "both Transfer-Encoding and Content-Length are present") }
            guard transferEncodings.count == 1, transferEncodings[0].caseInsensitiveEquals("chunked") else {
                return .failure(status: 501, reason: "only the chunked transfer coding is supported")
            }
            pending = request
            state = .chunkSize
            isReadingBody = true
            return .headComplete(expectsContinue: expectsContinue(headers, minorVersion: minorVersion))
        }
        if !lengths.isEmpty {
            guard Set(lengths).count == 1, let length = Int(lengths[0]), length >= 0, lengths[0].allSatisfy(\.isASCIIDigitCharacter) else {
                return .failure(status: 400, reason: "invalid Content-Length")
            }
            guard length <= limit else { return .failure(status: 413, reason: "request body of \(length) bytes is larger than \(limit)") }
            if length > 0 {
                request.body.reserveCapacity(length)
                pending = request
                state = .body(remaining: length)
                isReadingBody = true
                return .headComplete(expectsContinue: expectsContinue(headers, minorVersion: minorVersion))
            }
        }
        pending = request
        return finish()
    }

    private func expectsContinue(_ headers: HTTPHeaders, minorVersion: Int) -> Bool {
        minorVersion == 1 && headers["Expect"]?.caseInsensitiveEquals("100-continue") == true
    }

    /// tchar of RFC 9110 §5.6.2.
    static func isTokenByte(_ ascii: UInt8) -> Bool {
        switch ascii {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): return true
        default: return "!#$%&'*+-.^_`|~".utf8.contains(ascii)
        }
    }
}

extension Character {
    var isASCIIDigitCharacter: Bool { asciiValue.map { $0 >= 0x30 && $0 <= 0x39 } ?? false }
}
