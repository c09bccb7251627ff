import TestSupport
import Transport
@testable import Notify

extension FuzzBodies {
    /// HTTP responses read in pieces of 1 to 16 bytes (the first byte picks the size), then the
    /// JSON reader over the body.
    package static func httpResponse(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
        guard size > 0 else { return 0 }
        let step = Int(data[0] % 16) + 1
        let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
        var reader = HTTPResponseReader(stream: ScriptedStream(bytes, chunk: step))
        if let response = try? reader.read(expectBody: data[0] & 0x80 == 0) {
            _ = response.retryAfterSeconds
            if let json = JSONValue(parsing: response.body) {
                _ = json["msg"]?.stringValue
                _ = json.serialized
            }
        }
        return 0
    }
}
