/// One packet as the trace hook sees it: direction, sequence id, length and kind, never a
/// byte of its payload (authentication packets carry password scrambles).
public struct PacketEvent: Sendable, Equatable, CustomStringConvertible {
    public enum Direction: String, Sendable { case sent, received }

    public let direction: Direction
    public let sequence: UInt8
    /// The payload length, after joining 16 MiB fragments.
    public let length: Int
    /// What the packet is, e.g. "greeting", "handshake response", "OK", "COM_QUERY".
    public let kind: String

    public init(direction: Direction, sequence: UInt8, length: Int, kind: String) {
        self.direction = direction
        self.sequence = sequence
        self.length = length
        self.kind = kind
    }

    public var description: String { "\(direction.rawValue) packet #\(sequence), \(length) bytes: \(kind)" }
}

/// A hook that receives every packet event; the caller wires it to its own logger.
public typealias PacketTracer = @Sendable (PacketEvent) -> Void

/// Which part of the conversation a received packet belongs to, to name it.
enum ConversationPhase {
    case greeting, authentication, command

    func kind(of first: UInt8?, length: Int) -> String {
        switch (self, first) {
        case (_, nil): return "empty"
        case (_, 0xFF): return "ERR"
        case (.greeting, _): return "greeting"
        case (.authentication, 0x00): return "OK"
        case (.authentication, 0xFE): return "auth switch request"
        case (.authentication, 0x01): return "auth more data"
        case (.authentication, _): return "auth data"
        case (.command, 0x00): return "OK"
        case (.command, 0xFE) where length < 9: return "EOF"
        case (.command, 0xFB): return "LOCAL INFILE request"
        case (.command, _): return "result data"
        }
    }
}
