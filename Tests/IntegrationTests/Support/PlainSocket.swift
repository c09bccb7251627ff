import Glibc

/// What the relays in front of the test MariaDB (RestartingServer, TLSRelay) do on a plain
/// socket: connect to a loopback port, read one whole packet, send bytes.
enum PlainSocket {
    /// A TCP connection to 127.0.0.1:`port`, or nil when it is refused.
    static func connect(port: UInt16) -> Int32? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(fd)
            return nil
        }
        return fd
    }

    /// One whole MySQL packet, header included.
    static func readPacket(_ fd: Int32) -> [UInt8]? {
        var header = [UInt8](repeating: 0, count: 4)
        guard recv(fd, &header, 4, Int32(MSG_WAITALL)) == 4 else { return nil }
        let length = Int(header[0]) | Int(header[1]) << 8 | Int(header[2]) << 16
        var payload = [UInt8](repeating: 0, count: length)
        guard length == 0 || recv(fd, &payload, length, Int32(MSG_WAITALL)) == length else { return nil }
        return header + payload
    }

    /// Sends all of `bytes`; false when the peer is gone.
    static func send(_ bytes: [UInt8], to fd: Int32) -> Bool {
        bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) } == bytes.count
    }
}
