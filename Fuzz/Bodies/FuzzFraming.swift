import TestSupport
import Transport
@testable import MySQLWire

extension FuzzBodies {
    /// Packet framing over a byte stream, then the result decoder over the packets it yields.
    package static func framing(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
        guard size > 0 else { return 0 }
        let step = Int(data[0] % 7) + 1
        let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
        let channel = PacketChannel(stream: ScriptedStream(bytes, chunk: step), maxPayload: 1 << 20, bufferSize: 64)
        var decoder = TextResultDecoder(capabilities: step % 2 == 0 ? [.protocol41, .deprecateEOF] : [.protocol41])
        for _ in 0..<64 {
            guard let payload = try? channel.readPayload() else { break }
            if (try? decoder.consume(payload)) != false { break }
        }
        return 0
    }
}
