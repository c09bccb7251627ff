import TextRules
import Transport

/// Reads one response from a stream, never more than the limits allow. The bytes arrive in
/// whatever pieces the network makes of them (a line may end exactly where a read ends, a
/// chunk-size line may arrive a byte at a time); lines are found by offsets relative to the
/// unread part of the buffer, so compacting the buffer never moves a line boundary.
struct HTTPResponseReader {
    private let stream: ByteStream
    /// Received bytes; `buffer[position...]` is not consumed yet.
    private var buffer: [UInt8] = []
    private var position = 0
    private var closed = false
    /// Bytes of status line, headers, chunk-size lines and trailers read so far.
    private var headBytes = 0

    init(stream: ByteStream) { self.stream = stream }

    mutating func read(expectBody: Bool) throws(HTTPError) -> HTTPResponse {
        var response: HTTPResponse
        repeat {
            response = try readHead()
        } while (100..<200).contains(response.status)
        guard expectBody, response.status != 204, response.status != 304 else { return response }
        if let encoding = response.header("transfer-encoding") {
            guard encoding.lowercased().split(separator: ",").last?.trimmingWhitespace() == "chunked" else {
                throw .malformedResponse(.transferCoding(String(encoding.prefix(40))))
            }
            response.body = try readChunked()
        } else if let lengthText = response.header("content-length") {
            guard let length = Int(lengthText), length >= 0 else {
                throw .malformedResponse(.contentLength(String(lengthText.prefix(20))))
            }
            guard length <= HTTPClient.maxBodyBytes else { throw .tooLarge(.body(bytes: length)) }
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
            throw .malformedResponse(.statusLine(String(statusLine.prefix(60))))
        }
        var headers: [(name: String, value: String)] = []
        while true {
            let line = try readLine()
            if line.isEmpty { break }
            guard let colon = line.firstIndex(of: ":"), colon != line.startIndex else {
                throw .malformedResponse(.headerWithoutName)
            }
            headers.append((String(line[..<colon]).lowercased(), String(line[line.index(after: colon)...].trimmingWhitespace())))
        }
        return HTTPResponse(status: status, reason: parts.count > 2 ? String(parts[2]) : "", headers: headers, body: [])
    }

    private mutating func readChunked() throws(HTTPError) -> [UInt8] {
        var body: [UInt8] = []
        while true {
            let line = try readLine()
            let sizeText = line.prefix { $0 != ";" }.trimmingWhitespace()
            guard !sizeText.isEmpty, sizeText.count <= 8, let size = Int(sizeText, radix: 16), size >= 0 else {
                throw .malformedResponse(.chunkSize(String(line.prefix(20))))
            }
            if size == 0 {
                while try !readLine().isEmpty {}  // trailers
                return body
            }
            guard body.count + size <= HTTPClient.maxBodyBytes else { throw .tooLarge(.chunkedBody) }
            body += try readExactly(size)
            guard try readLine().isEmpty else { throw .malformedResponse(.chunkWithoutCRLF) }
        }
    }

    /// The next line without its CRLF (a bare LF is accepted too). Every line counts against
    /// the head limit.
    private mutating func readLine() throws(HTTPError) -> String {
        var checked = 0  // bytes after `position` known to hold no LF
        while true {
            if let newline = buffer[(position + checked)...].firstIndex(of: UInt8(ascii: "\n")) {
                var end = newline
                if end > position, buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                let line = String(decoding: buffer[position..<end], as: UTF8.self)
                headBytes += newline + 1 - position
                position = newline + 1
                guard headBytes <= HTTPClient.maxHeadBytes else { throw .tooLarge(.head(limit: HTTPClient.maxHeadBytes)) }
                return line
            }
            checked = buffer.count - position
            guard headBytes + checked <= HTTPClient.maxHeadBytes else {
                throw .tooLarge(.head(limit: HTTPClient.maxHeadBytes))
            }
            guard try fill() else { throw .malformedResponse(.closedInHead) }
        }
    }

    private mutating func readExactly(_ count: Int) throws(HTTPError) -> [UInt8] {
        while buffer.count - position < count {
            guard try fill() else { throw .malformedResponse(.closedInBody) }
        }
        defer { position += count }
        return Array(buffer[position..<(position + count)])
    }

    private mutating func readToClose() throws(HTTPError) -> [UInt8] {
        while try fill() {
            guard buffer.count - position <= HTTPClient.maxBodyBytes else { throw .tooLarge(.bodyToClose) }
        }
        defer { position = buffer.count }
        return Array(buffer[position...])
    }

    /// Reads more bytes after the unread ones (dropping the consumed ones first); false at the
    /// end of the stream. Offsets relative to `position` stay valid.
    private mutating func fill() throws(HTTPError) -> Bool {
        if closed { return false }
        if position > 0 {
            buffer.removeFirst(position)
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
            if failure == .closed {
                closed = true
                return false
            }
            throw .receive(failure)
        }
        if count == 0 {
            closed = true
            return false
        }
        buffer.append(contentsOf: chunk[0..<count])
        return true
    }
}
