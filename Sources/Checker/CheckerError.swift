import MySQLWire

/// Why a run could not produce a verdict. Each case maps to one exit code of DESIGN.md.
public enum CheckerError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A setting is missing or unusable (exit 2).
    case configuration(String)
    /// The database could not be asked, or answered with something unusable (exit 3).
    case database(String)
    /// The message could not be delivered to Zulip (exit 4).
    case delivery(String)

    public var description: String {
        switch self {
        case let .configuration(text): return "configuration error: \(text)"
        case let .database(text): return "database error: \(text)"
        case let .delivery(text): return "could not post to Zulip: \(text)"
        }
    }
}
