import Transport
@testable import Notify

/// A byte stream that hands out the fuzzer's bytes in pieces of a chosen size, as a network
/// would: lines and chunk sizes end anywhere.
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

/// HTTP responses read in pieces of 1 to 16 bytes (the first byte picks the size), then the
/// JSON reader over the body.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTTPResponse(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard size > 0 else { return 0 }
    let step = Int(data[0] % 16) + 1
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    var reader = HTTPResponseReader(stream: FuzzStream(bytes, step: step))
    if let response = try? reader.read(expectBody: data[0] & 0x80 == 0) {
        _ = response.retryAfterSeconds
        if let json = JSONValue(parsing: response.body) {
            _ = json["msg"]?.stringValue
            _ = json.serialized
        }
    }
    return 0
}
