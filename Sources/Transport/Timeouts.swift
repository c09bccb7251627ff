/// How long each step of a connection may wait for its peer. A stalled peer becomes a
/// `TransportError.timeout`, never a hang.
public struct Timeouts: Sendable, Equatable {
    /// Seconds to wait for the TCP or unix-socket connection to open.
    public var connect: Double
    /// Seconds to wait for any single read to return data.
    public var read: Double
    /// Seconds to wait for the peer to accept written bytes.
    public var write: Double

    public init(connect: Double = 10, read: Double = 30, write: Double = 30) {
        self.connect = connect
        self.read = read
        self.write = write
    }
}
