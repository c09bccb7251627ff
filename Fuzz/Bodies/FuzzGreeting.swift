@testable import MySQLWire

extension FuzzBodies {
    /// The server greeting: any bytes must decode or throw.
    package static func greeting(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
        let bytes = Array(UnsafeBufferPointer(start: data, count: size))
        if let greeting = try? HandshakeV10(decoding: bytes) {
            _ = greeting.serverVersion
            _ = greeting.isMariaDB
            let options = ConnectionOptions(endpoint: .tcp(host: "x", port: 1), username: "u", password: "p")
            _ = Capabilities.negotiate(server: greeting.capabilities, options: options)
        }
        return 0
    }
}
