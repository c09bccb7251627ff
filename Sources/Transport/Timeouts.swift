/// How long each single operation may wait for its peer. A whole exchange is bounded on top
/// of these by the stream's `deadline`. A stalled peer becomes `TransportError.timeout`,
/// never a hang.
public struct Timeouts: Sendable, Equatable {
    /// Seconds to open the connection (and, for TLS, to finish the handshake).
    public var connect: Double
    /// Seconds any single read may wait for data.
    public var read: Double
    /// Seconds any single write may wait for the peer to accept bytes.
    public var write: Double

    public init(connect: Double = 10, read: Double = 30, write: Double = 30) {
        self.connect = connect
        self.read = read
        self.write = write
    }
}
