/// The process exit codes of DESIGN.md, which the CI pipeline acts on.
public enum ExitStatus: Int32, Sendable, Comparable {
    /// Every expected backup ran.
    case ok = 0
    /// An expected backup is missing or failed, or an unexpected one ran.
    case mismatch = 1
    /// A setting or a command-line argument is wrong.
    case usage = 2
    /// The database could not be asked.
    case database = 3
    /// The message could not be delivered to Zulip (it was still printed).
    case delivery = 4

    public static func < (lhs: ExitStatus, rhs: ExitStatus) -> Bool { lhs.rawValue < rhs.rawValue }
}
