import Transport

/// A ByteStream that hands out prepared bytes as a network would, in pieces (of a chosen size,
/// or as given), and records what is written: for the framing and HTTP readers, in the tests
/// and the fuzz targets alike.
package final class ScriptedStream: ByteStream {
    private var pieces: [[UInt8]]
    package private(set) var written: [UInt8] = []
    package private(set) var isClosed = false
    package var deadline: Deadline?

    /// `incoming` in pieces of `chunk` bytes (the last one shorter).
    package convenience init(_ incoming: [UInt8], chunk: Int = .max) {
        let size = max(1, chunk)
        self.init(pieces: stride(from: 0, to: incoming.count, by: size).map {
            Array(incoming[$0..<min(incoming.count, $0 + min(size, incoming.count - $0))])
        })
    }

    /// The pieces as given, each handed out by a read of its own (or several, when the reader's
    /// buffer is smaller).
    package init(pieces: [[UInt8]]) {
        self.pieces = pieces.filter { !$0.isEmpty }
    }

    package func read(into buffer: UnsafeMutableRawBufferPointer) throws(TransportError) -> Int {
        guard !isClosed else { throw .closed }
        guard let piece = pieces.first, buffer.count > 0 else { return 0 }
        let count = min(piece.count, buffer.count)
        buffer.copyBytes(from: piece[0..<count])
        if count == piece.count { pieces.removeFirst() } else { pieces[0].removeFirst(count) }
        return count
    }

    package func write(_ bytes: UnsafeRawBufferPointer) throws(TransportError) {
        guard !isClosed else { throw .closed }
        written.append(contentsOf: bytes)
    }

    package func close() { isClosed = true }
}
