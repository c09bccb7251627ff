import Glibc
import MySQLWire
import Transport

/// How much the tool says on stderr.
public enum LogLevel: Int, Comparable, Sendable, CaseIterable, CustomStringConvertible {
    case trace, debug, info, warning, error

    public init?(name: String) {
        guard let level = LogLevel.allCases.first(where: { $0.description == name.lowercased() }) else { return nil }
        self = level
    }

    /// The name as settings spell it and log lines show it (written out, so that no line
    /// needs the runtime's reflection).
    public var description: String {
        switch self {
        case .trace: "trace"
        case .debug: "debug"
        case .info: "info"
        case .warning: "warning"
        case .error: "error"
        }
    }

    public static func < (lhs: LogLevel, rhs: LogLevel) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Writes leveled lines to stderr; the report itself goes to stdout, never through here.
public struct Logger: Sendable {
    public var level: LogLevel

    public init(level: LogLevel = .info) { self.level = level }

    public func log(_ messageLevel: LogLevel, _ message: @autoclosure () -> String) {
        guard messageLevel >= level else { return }
        // One line each, whatever a server or a value put into the message (DataText).
        StandardStreams.writeError("backup-checker: \(messageLevel): \(DataText.escaped(message()))\n")
    }

    public func trace(_ message: @autoclosure () -> String) { log(.trace, message()) }
    public func debug(_ message: @autoclosure () -> String) { log(.debug, message()) }
    public func info(_ message: @autoclosure () -> String) { log(.info, message()) }
    public func warning(_ message: @autoclosure () -> String) { log(.warning, message()) }
    public func error(_ message: @autoclosure () -> String) { log(.error, message()) }
}

extension Logger {
    /// MySQLWire's packet trace wired to this logger at trace level (direction, sequence id,
    /// length and kind; never a payload byte), or nil below trace so that nothing is built.
    public var packetTracer: PacketTracer? {
        guard level <= .trace else { return nil }
        let logger = self
        return { event in logger.trace("mysql: \(event)") }
    }
}

/// Unbuffered writes to the standard streams (no shared C `FILE` state).
public enum StandardStreams {
    public static func writeOutput(_ text: String) { write(1, text) }
    public static func writeError(_ text: String) { write(2, text) }

    private static func write(_ fd: Int32, _ text: String) {
        _ = Descriptor.writeAll(fd, Array(text.utf8))
    }
}
