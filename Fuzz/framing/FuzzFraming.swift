import Transport
@testable import MySQLWire

/// A byte stream that hands out the fuzzer's bytes in small pieces.
final class FuzzStream: ByteStream {
    private let bytes: [UInt8]
    private var position = 0
    private let step: Int
    var deadline: Deadline?

    init(_ bytes: [UInt8], step: Int) {
        self.bytes = bytes
        self.step = step
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(TransportError) -> Int {
        let count = min(step, buffer.count, bytes.count - position)
        guard count > 0 else { return 0 }
        for index in 0..<count { buffer[index] = bytes[position + index] }
        position += count
        return count
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws(TransportError) {}
    func close() {}
}

/// Packet framing over a byte stream, then the result decoder over the packets it yields.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFraming(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard size > 0 else { return 0 }
    let step = Int(data[0] % 7) + 1
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let channel = PacketChannel(stream: FuzzStream(bytes, step: step), maxPayload: 1 << 20, bufferSize: 64)
    var decoder = TextResultDecoder(capabilities: step % 2 == 0 ? [.protocol41, .deprecateEOF] : [.protocol41])
    for _ in 0..<64 {
        guard let payload = try? channel.readPayload() else { break }
        if (try? decoder.consume(payload)) != false { break }
    }
    return 0
}
