@testable import MySQLWire

extension FuzzBodies {
    /// OK, ERR and EOF packets, under each set of capabilities that changes their layout.
    package static func serverPackets(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
        let bytes = Array(UnsafeBufferPointer(start: data, count: size))
        for capabilities in [Capabilities([.protocol41]), [.protocol41, .sessionTrack], [.transactions], []] {
            _ = try? OKPacket(decoding: bytes, capabilities: capabilities)
            _ = try? ErrPacket(decoding: bytes, capabilities: capabilities)
        }
        _ = try? EOFPacket(decoding: bytes)
        _ = EOFPacket.isEOF(bytes)
        return 0
    }
}
