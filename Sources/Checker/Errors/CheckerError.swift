import MySQLWire
import Notify

/// Why the database could not give the rows (exit 3).
package enum DatabaseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The connection, the login or a query failed.
    case mysql(MySQLError)
    /// The table lacks a column the check reads.
    case missingColumn(table: String, column: String)

    package var description: String {
        switch self {
        case let .mysql(error): return error.description
        case let .missingColumn(table, column): return "table `\(table)` has no column `\(column)`"
        }
    }
}

/// Why a run could not produce or deliver its verdict. The underlying errors stay typed to the
/// edge, where each case becomes a message, a hint (`Hints.hint(for:)`) and an exit code (`exitStatus`).
package enum CheckerError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A setting, a file or a line of the list is wrong (exit 2).
    case configuration(ConfigurationError)
    /// The database could not be asked (exit 3).
    case database(DatabaseError)
    /// The message could not be delivered to Zulip (exit 4).
    case delivery(DeliveryError)

    package var description: String {
        switch self {
        case let .configuration(error): return "configuration error: \(error)"
        case let .database(error): return "database error: \(error)"
        case let .delivery(error): return "could not post to Zulip: \(error)"
        }
    }

    package var exitStatus: ExitStatus {
        switch self {
        case .configuration: return .usage
        case .database: return .database
        case .delivery: return .delivery
        }
    }
}

/// The process exit codes, which the CI pipeline acts on.
package enum ExitStatus: Int32, Sendable, Comparable {
    /// Every expected backup ran.
    case ok = 0
    /// An expected backup is missing, failed or overdue, or an unexpected one ran.
    case mismatch = 1
    /// A setting or a command-line argument is wrong.
    case usage = 2
    /// The database could not be asked.
    case database = 3
    /// The message could not be delivered to Zulip (it was still printed).
    case delivery = 4

    package static func < (lhs: ExitStatus, rhs: ExitStatus) -> Bool { lhs.rawValue < rhs.rawValue }
}
