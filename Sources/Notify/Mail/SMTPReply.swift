import TextRules
import Transport

/// One SMTP reply: a three-digit code and its text lines (a multi-line reply's lines are
/// `250-…` up to the last, `250 …`). https://www.rfc-editor.org/rfc/rfc5321#section-4.2
package struct SMTPReply: Sendable, Equatable {
    package var code: Int
    package var lines: [String]

    /// The text of all lines, joined by spaces, cleaned for a message.
    package var text: String { lines.joined(separator: " ") }

    package var isPositive: Bool { (200..<400).contains(code) }
}

/// Reads replies from a stream, bounded: a line may hold `maxLineBytes`, a reply
/// `maxLines` lines. Bytes become lines here and nowhere else.
package struct SMTPReplyReader {
    package static let maxLineBytes = 2048
    package static let maxLines = 100

    private var buffer: [UInt8] = []
    private var start = 0

    package init() {}

    /// True when bytes were received that no reply has taken yet.
    package var hasUnreadBytes: Bool { start < buffer.count }

    /// The next whole reply from `stream`.
    package mutating func read(from stream: ByteStream, step: SMTPError.Step) throws(SMTPError) -> SMTPReply {
        var code: Int?
        var lines: [String] = []
        while true {
            let line = try readLine(from: stream, step: step)
            guard line.count >= 3, let number = SMTPReplyReader.code(line[0..<3]),
                  line.count == 3 || line[3] == UInt8(ascii: " ") || line[3] == UInt8(ascii: "-") else {
                throw .malformedReply(.noReplyCode, step: step)
            }
            if let code, code != number { throw .malformedReply(.mixedCodes, step: step) }
            code = number
            lines.append(SMTPReplyReader.printable(line.count > 4 ? Array(line[4...]) : []))
            if line.count == 3 || line[3] == UInt8(ascii: " ") { return SMTPReply(code: number, lines: lines) }
            guard lines.count < SMTPReplyReader.maxLines else {
                throw .malformedReply(.tooManyLines(limit: SMTPReplyReader.maxLines), step: step)
            }
        }
    }

    /// One line without its CRLF (a bare LF ends a line too).
    private mutating func readLine(from stream: ByteStream, step: SMTPError.Step) throws(SMTPError) -> [UInt8] {
        while true {
            if let end = buffer[start...].firstIndex(of: 0x0A) {
                var line = Array(buffer[start..<end])
                if line.last == 0x0D { line.removeLast() }
                start = end + 1
                if start == buffer.count {
                    buffer.removeAll(keepingCapacity: true)
                    start = 0
                }
                guard line.count <= SMTPReplyReader.maxLineBytes else {
                    throw .malformedReply(.lineTooLong(limit: SMTPReplyReader.maxLineBytes), step: step)
                }
                return line
            }
            guard buffer.count - start <= SMTPReplyReader.maxLineBytes else {
                throw .malformedReply(.lineTooLong(limit: SMTPReplyReader.maxLineBytes), step: step)
            }
            if start > 0 {
                buffer.removeFirst(start)
                start = 0
            }
            var chunk = [UInt8](repeating: 0, count: 4096)
            var failure: TransportError?
            let count = chunk.withUnsafeMutableBytes { raw -> Int in
                do throws(TransportError) { return try stream.read(into: raw) } catch {
                    failure = error
                    return 0
                }
            }
            if let failure { throw .lost(failure, step: step) }
            guard count > 0 else { throw .lost(.closed, step: step) }
            buffer.append(contentsOf: chunk[0..<count])
        }
    }

    private static func code(_ digits: ArraySlice<UInt8>) -> Int? {
        guard let first = digits.first, (UInt8(ascii: "2")...UInt8(ascii: "5")).contains(first),
              digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else { return nil }
        return digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
    }

    /// The text as UTF-8 with every control character (and what is not UTF-8) shown as `?`:
    /// a server's words never start a line or colour a terminal.
    static func printable(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self).unicodeScalars.reduce(into: "") { text, scalar in
            // The one set, and U+FFFD, which stands for bytes that were not UTF-8.
            let shown = ControlCharacters.contains(scalar) || scalar == "\u{FFFD}" ? "?" : scalar
            text.unicodeScalars.append(shown)
        }
    }
}
