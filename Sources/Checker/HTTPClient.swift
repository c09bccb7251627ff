import Transport

/// An HTTP/1.1 answer.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var reason: String
    /// Header names in lower case, in the order received.
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.last { $0.name == wanted }?.value
    }
}

/// Why an HTTP exchange failed before a complete answer arrived.
public enum HTTPError: Error, Equatable, Sendable, CustomStringConvertible {
    case transport(TransportError)
    case malformedResponse(String)
    case tooLarge(String)

    public var description: String {
        switch self {
        case let .transport(error): return error.description
        case let .malformedResponse(text): return "malformed HTTP response: \(text)"
        case let .tooLarge(text): return "HTTP response too large: \(text)"
        }
    }
}

/// A small HTTP/1.1 client over Transport: one request per connection (`Connection: close`),
/// bodies by Content-Length, chunked, or until close; sizes bounded.
public struct HTTPClient: Sendable {
    public static let maxHeaderBytes = 64 << 10
    public static let maxBodyBytes = 4 << 20

    public var site: SiteURL
    public var timeouts: Timeouts
    /// Opens the byte stream to the site: a socket, or TLS over one for https.
    public var connector: @Sendable (SiteURL, Timeouts) throws(TransportError) -> ByteStream

    public init(site: SiteURL, timeouts: Timeouts,
                connector: @escaping @Sendable (SiteURL, Timeouts) throws(TransportError) -> ByteStream) {
        self.site = site
        self.timeouts = timeouts
        self.connector = connector
    }

    /// Sends one request to `site.path + path` and reads the whole answer.
    public func send(method: String, path: String, headers: [(String, String)] = [],
                     body: [UInt8] = []) throws(HTTPError) -> HTTPResponse {
        var head = "\(method) \(site.path)\(path) HTTP/1.1\r\nHost: \(site.hostHeader)\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if !body.isEmpty || method == "POST" { head += "Content-Length: \(body.count)\r\n" }
        head += "Connection: close\r\n\r\n"
        let stream: ByteStream
        do {
            stream = try connector(site, timeouts)
        } catch {
            throw .transport(error)
        }
        defer { stream.close() }
        do {
            try stream.write(Array(head.utf8) + body)
        } catch {
            throw .transport(error)
        }
        var reader = HTTPResponseReader(stream: stream)
        return try reader.read(expectBody: method != "HEAD")
    }
}

/// Reads one response from a stream, never more than the limits allow.
struct HTTPResponseReader {
    let stream: ByteStream
    private var buffer: [UInt8] = []
    private var position = 0
    private var closed = false

    init(stream: ByteStream) { self.stream = stream }

    mutating func read(expectBody: Bool) throws(HTTPError) -> HTTPResponse {
        var response: HTTPResponse
        repeat {
            response = try readHead()
        } while (100..<200).contains(response.status)
        guard expectBody, response.status != 204, response.status != 304 else { return response }
        if let encoding = response.header("transfer-encoding"), encoding.lowercased().contains("chunked") {
            response.body = try readChunked()
        } else if let lengthText = response.header("content-length") {
            guard let length = Int(lengthText.trimmingSpaces()), length >= 0 else {
                throw .malformedResponse("Content-Length \"\(lengthText.prefix(20))\"")
            }
            guard length <= HTTPClient.maxBodyBytes else { throw .tooLarge("\(length) bytes") }
            response.body = try readExactly(length)
        } else {
            response.body = try readToClose()
        }
        return response
    }

    private mutating func readHead() throws(HTTPError) -> HTTPResponse {
        let statusLine = try readLine()
        let parts = statusLine.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), parts[1].count == 3,
              let status = Int(parts[1]), (100...599).contains(status) else {
            throw .malformedResponse("status line \"\(statusLine.prefix(60))\"")
        }
        var headers: [(String, String)] = []
        while true {
            let line = try readLine()
            if line.isEmpty { break }
            guard let colon = line.firstIndex(of: ":") else {
                throw .malformedResponse("header line without a colon")
            }
            headers.append((String(line[..<colon]).lowercased(), String(line[line.index(after: colon)...].trimmingSpaces())))
        }
        return HTTPResponse(status: status, reason: parts.count > 2 ? String(parts[2]) : "", headers: headers, body: [])
    }

    private mutating func readChunked() throws(HTTPError) -> [UInt8] {
        var body: [UInt8] = []
        while true {
            let line = try readLine()
            let sizeText = line.prefix { $0 != ";" }.trimmingSpaces()
            guard !sizeText.isEmpty, sizeText.count <= 8, let size = Int(sizeText, radix: 16) else {
                throw .malformedResponse("chunk size \"\(line.prefix(20))\"")
            }
            if size == 0 {
                while try !readLine().isEmpty {}  // trailers
                return body
            }
            guard body.count + size <= HTTPClient.maxBodyBytes else { throw .tooLarge("chunked body") }
            body += try readExactly(size)
            guard try readLine().isEmpty else { throw .malformedResponse("chunk without CRLF") }
        }
    }

    /// A line without its CRLF (a bare LF is accepted too).
    private mutating func readLine() throws(HTTPError) -> String {
        var scanned = position
        while true {
            if let newline = buffer[scanned...].firstIndex(of: UInt8(ascii: "\n")) {
                var end = newline
                if end > position, buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                let line = String(decoding: buffer[position..<end], as: UTF8.self)
                position = newline + 1
                return line
            }
            scanned = buffer.count
            guard buffer.count - position <= HTTPClient.maxHeaderBytes else { throw .tooLarge("header line") }
            guard try fill() else { throw .malformedResponse("the connection closed in the middle of the headers") }
        }
    }

    private mutating func readExactly(_ count: Int) throws(HTTPError) -> [UInt8] {
        while buffer.count - position < count {
            guard try fill() else { throw .malformedResponse("the connection closed before the body ended") }
        }
        defer { position += count }
        return Array(buffer[position..<(position + count)])
    }

    private mutating func readToClose() throws(HTTPError) -> [UInt8] {
        while try fill() {
            guard buffer.count - position <= HTTPClient.maxBodyBytes else { throw .tooLarge("body") }
        }
        defer { position = buffer.count }
        return Array(buffer[position...])
    }

    /// Reads more bytes; false at the end of the stream.
    private mutating func fill() throws(HTTPError) -> Bool {
        if closed { return false }
        if position > 0 && position == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            position = 0
        }
        var chunk = [UInt8](repeating: 0, count: 16 << 10)
        var failure: TransportError?
        let stream = self.stream
        let count = chunk.withUnsafeMutableBytes { raw -> Int in
            do throws(TransportError) {
                return try stream.read(into: raw)
            } catch {
                failure = error
                return 0
            }
        }
        if let failure {
            if failure == .closed { closed = true; return false }
            throw .transport(failure)
        }
        if count == 0 {
            closed = true
            return false
        }
        buffer.append(contentsOf: chunk[0..<count])
        return true
    }
}
