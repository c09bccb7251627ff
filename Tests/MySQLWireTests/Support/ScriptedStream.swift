import Transport
@testable import MySQLWire
#if canImport(Glibc)
import Glibc
#endif

/// A ByteStream that hands out prepared bytes in chunks of a chosen size and records writes.
final class ScriptedStream: ByteStream {
    private var incoming: [UInt8]
    private var position = 0
    private let chunk: Int
    private(set) var written: [UInt8] = []
    private(set) var isClosed = false
    var deadline: Deadline?

    init(_ incoming: [UInt8], chunk: Int = .max) {
        self.incoming = incoming
        self.chunk = max(1, chunk)
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(TransportError) -> Int {
        guard !isClosed else { throw .closed }
        let count = min(chunk, buffer.count, incoming.count - position)
        guard count > 0 else { return 0 }
        incoming.withUnsafeBytes { source in
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[position..<(position + count)]))
        }
        position += count
        return count
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws(TransportError) {
        guard !isClosed else { throw .closed }
        written.append(contentsOf: bytes)
    }

    func close() { isClosed = true }
}

func readText(_ path: String) -> String? {
    guard let file = fopen(path, "rb") else { return nil }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let count = fread(&buffer, 1, buffer.count, file)
        if count <= 0 { break }
        bytes.append(contentsOf: buffer[0..<count])
    }
    return String(decoding: bytes, as: UTF8.self)
}

/// Predicates that name the case a test expects, for `#expect { … } throws: isMalformed`.
func isMalformed(_ error: any Error) -> Bool {
    if case .malformed = error as? MySQLError { return true }
    return false
}

func isInvalidValue(_ error: any Error) -> Bool {
    if case .invalidValue = error as? MySQLError { return true }
    return false
}

func isUnsupported(_ error: any Error) -> Bool {
    if case .unsupported = error as? MySQLError { return true }
    return false
}
