import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import MySQLWire

/// A packet conversation read from Tests/WireFixtures (format in its README).
struct Fixture {
    enum Direction: Equatable { case server, client }

    struct Packet {
        var direction: Direction
        var sequence: UInt8
        /// Payload bytes; nil entries are `..` wildcards (client packets only).
        var pattern: [UInt8?]
        var bytes: [UInt8] { pattern.map { $0 ?? 0 } }
    }

    var sources: [String] = []
    var packets: [Packet] = []
    /// Index of the packet after which the replay switches to TLS (`@tls` line), if any.
    var tlsAfter: Int?

    static var directory: String {
        let file = #filePath
        let tests = file.split(separator: "/", omittingEmptySubsequences: false).dropLast(3).joined(separator: "/")
        return tests + "/WireFixtures"
    }

    /// The names (without .txt) of every fixture file.
    static func allFixtureNames() -> [String] {
        guard let directory = opendir(Self.directory) else { return [] }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name.hasSuffix(".txt") { names.append(String(name.dropLast(4))) }
        }
        return names.sorted()
    }

    static func load(_ name: String) throws -> Fixture {
        let path = directory + "/" + name
        guard let text = readText(path) else { throw FixtureError("cannot read \(path)") }
        return try Fixture(parsing: text)
    }

    init(parsing text: String) throws {
        for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = Substring(rawLine)
            if line.hasPrefix("@source") {
                sources.append(String(line.dropFirst(7)).trimmingCharacters())
                continue
            }
            if line.hasPrefix("@tls") {
                tlsAfter = packets.count - 1
                continue
            }
            if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
            let indented = line.first == " " || line.first == "\t"
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard !words.isEmpty else { continue }
            var hexWords = words[...]
            if !indented {
                guard words.count >= 2, let sequence = UInt8(words[1]),
                      words[0] == "S" || words[0] == "C" else {
                    throw FixtureError("line \(number + 1): expected 'S|C sequence hex'")
                }
                packets.append(Packet(direction: words[0] == "S" ? .server : .client, sequence: sequence, pattern: []))
                hexWords = words.dropFirst(2)
            }
            guard !packets.isEmpty else { throw FixtureError("line \(number + 1): continuation before a packet") }
            // XX*N: byte XX repeated N times.
            if hexWords.count == 1, let word = hexWords.first, let star = word.firstIndex(of: "*") {
                guard let byte = UInt8(word[..<star], radix: 16), let count = Int(word[word.index(after: star)...]) else {
                    throw FixtureError("line \(number + 1): bad run \(word)")
                }
                packets[packets.count - 1].pattern += [UInt8?](repeating: byte, count: count)
                continue
            }
            let hex = Array(hexWords.joined().utf8)
            guard hex.count % 2 == 0 else { throw FixtureError("line \(number + 1): odd number of hex digits") }
            var index = 0
            while index < hex.count {
                if hex[index] == UInt8(ascii: "."), hex[index + 1] == UInt8(ascii: ".") {
                    packets[packets.count - 1].pattern.append(nil)
                } else {
                    guard let high = nibble(hex[index]), let low = nibble(hex[index + 1]) else {
                        throw FixtureError("line \(number + 1): not hex")
                    }
                    packets[packets.count - 1].pattern.append(high << 4 | low)
                }
                index += 2
            }
        }
    }

    /// The first packet's payload.
    var firstPayload: [UInt8] { packets.first?.bytes ?? [] }
}

struct FixtureError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A packet header and payload, for payloads under 16 MiB.
func frame(_ payload: [UInt8], sequence: UInt8) -> [UInt8] {
    let length = payload.count
    return [UInt8(length & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length >> 16 & 0xFF), sequence] + payload
}

private func nibble(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - 0x30
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - 0x61 + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - 0x41 + 10
    default: return nil
    }
}

func hexBytes(_ text: String) -> [UInt8] {
    let digits = Array(text.utf8.filter { $0 != UInt8(ascii: " ") })
    return stride(from: 0, to: digits.count - 1, by: 2).compactMap { index in
        guard let high = nibble(digits[index]), let low = nibble(digits[index + 1]) else { return nil }
        return high << 4 | low
    }
}

extension StringProtocol {
    func trimmingCharacters() -> String {
        String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}
