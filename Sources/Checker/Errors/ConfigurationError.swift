import Transport

/// One setting that cannot be used, named, with what was expected. A secret's value is never
/// part of it.
package struct SettingProblem: Equatable, Sendable, CustomStringConvertible {
    /// The variable, e.g. "db_port".
    package let name: String
    /// What is wrong, e.g. "db_port must be a port number 1-65535, not \"x\"".
    package let message: String

    package init(name: String, message: String) {
        self.name = name
        self.message = message
    }

    package var description: String { message }
}

/// Why the configuration cannot be used (exit 2). Every case names the setting, file or line.
package enum ConfigurationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Settings that are missing or unusable, all of them at once.
    case settings(missing: [String], problems: [SettingProblem])
    /// A file the configuration points at cannot be read.
    case file(purpose: String, path: String, LocalFile.Failure)
    /// A line of the .env file that is not a setting.
    case envFileLine(path: String, line: Int, EnvFileProblem)
    /// A line of the expected list that cannot be read.
    case expectedListLine(path: String, line: Int, found: String, expected: ExpectedForm)
    /// A target listed on two lines with different schedules: which one was meant cannot be told.
    case conflictingSchedules(path: String, target: String, firstLine: Int, firstSchedule: Schedule, line: Int, schedule: Schedule)
    /// The history is shorter than the longest `every N days` span of the list.
    case historyTooShort(days: Int, needed: Int, target: String)

    package var description: String {
        switch self {
        case let .settings(missing, problems):
            var parts = problems.map(\.message)
            if !missing.isEmpty { parts.insert("missing " + missing.joined(separator: ", "), at: 0) }
            return parts.joined(separator: "; ")
        case let .file(purpose, path, .notFound):
            return "\(purpose) \(path) does not exist"
        case let .file(purpose, path, failure):
            return "cannot read \(purpose) \(path): it \(failure)"
        case let .envFileLine(path, line, problem):
            return "\(path) line \(line): \(problem)"
        case let .expectedListLine(path, line, found, expected):
            return "\(path) line \(line): \"\(found.prefix(60))\" is not understood; expected \(expected)"
        case let .conflictingSchedules(path, target, firstLine, firstSchedule, line, schedule):
            return "\(path) lines \(firstLine) and \(line): \(target) is listed with two schedules, \(firstSchedule) (line \(firstLine)) and \(schedule) (line \(line)); keep the line with the one meant"
        case let .historyTooShort(days, needed, target):
            return "history_days is \(days) but \(target) is due every \(needed) days; set history_days to at least \(needed)"
        }
    }
}

/// What is wrong with a line of the .env file.
package enum EnvFileProblem: Equatable, Sendable, CustomStringConvertible {
    /// No `=`: not `NAME=value`.
    case notAssignment
    /// The name before `=` (its first 40 characters) is not a variable name.
    case notVariableName(String)
    /// Something other than a comment follows the closing quote.
    case textAfterClosingQuote
    /// A quoted value that the line does not close, with the quote that opened it.
    case noClosingQuote(Character)

    package var description: String {
        switch self {
        case .notAssignment: return "expected NAME=value"
        case let .notVariableName(name): return "\"\(name)\" is not a variable name"
        case .textAfterClosingQuote: return "unexpected text after the closing quote"
        case let .noClosingQuote(quote): return "the value has no closing \(quote)"
        }
    }
}
