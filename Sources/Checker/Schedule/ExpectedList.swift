import TextRules
import Transport

/// The targets whose backups should run, and when: one target per line, optionally followed
/// by its schedule; blank lines and lines starting with `#` are ignored, and a `# comment` may
/// end a line. A target listed twice with the same schedule counts once (with a warning);
/// with two different schedules it is an error naming both lines.
///
/// ```
/// mail.example.test                  # every day
/// files.example.test    mon-fri
/// offsite.example.test  1,15,last
/// cold.example.test     every 3 days
/// ```
package struct ExpectedList: Sendable {
    package struct Entry: Sendable, Equatable {
        package var target: String
        package var schedule: Schedule
        /// The line it is on, from 1.
        package var line: Int
    }

    /// Entries in file order, each target once.
    package let entries: [Entry]
    /// Targets listed more than once: the target and the line of each repetition.
    package let duplicates: [(target: String, line: Int)]

    /// Parses `text`; `source` names the file in errors.
    package init(parsing text: String, source: String) throws(ConfigurationError) {
        var seen: [String: Int] = [:]  // target → its index in `entries`
        var entries: [Entry] = []
        var duplicates: [(String, Int)] = []
        var number = 0
        for rawLine in text.editorLines {
            number += 1
            var line = rawLine.trimmingWhitespace()
            if line.isEmpty || line.hasPrefix("#") { continue }
            if let comment = line.trailingCommentStart(orFirst: true) { line = line[..<comment].trimmingWhitespace() }
            guard !ControlCharacters.occur(in: line, except: ControlCharacters.tab) else {
                throw .expectedListLine(path: source, line: number, found: "a control character",
                                        expected: .targetAndSchedule)
            }
            let target = line.prefix { !$0.isWhitespace }
            let schedule: Schedule
            do {
                schedule = try Schedule(parsing: line.dropFirst(target.count))
            } catch {
                throw .expectedListLine(path: source, line: number, found: error.found, expected: error.expected)
            }
            if let index = seen[String(target)] {
                // Compared as parsed: a bare target is `daily`, `every 3d` is `every 3 days`.
                let first = entries[index]
                guard first.schedule == schedule else {
                    throw .conflictingSchedules(path: source, target: first.target, firstLine: first.line,
                                                firstSchedule: first.schedule, line: number, schedule: schedule)
                }
                duplicates.append((String(target), number))
            } else {
                seen[String(target)] = entries.count
                entries.append(Entry(target: String(target), schedule: schedule, line: number))
            }
        }
        self.entries = entries
        self.duplicates = duplicates
    }

    /// Reads the list from `path`.
    package init(path: String) throws(ConfigurationError) {
        let contents: LocalFile.Contents
        do {
            contents = try LocalFile.read(path, limit: 4 << 20)
        } catch {
            throw .file(purpose: "the expected-backups list", path: path, error)
        }
        try self.init(parsing: String(decoding: contents.bytes, as: UTF8.self), source: path)
    }

    /// One warning for all repetitions: how many, and the first few with their lines.
    package var duplicateWarning: String? {
        guard !duplicates.isEmpty else { return nil }
        let shown = duplicates.prefix(3).map { "\($0.target) (line \($0.line))" }.joined(separator: ", ")
        let more = duplicates.count > 3 ? " and \(duplicates.count - 3) more" : ""
        return "\(duplicates.count) line\(duplicates.count == 1 ? "" : "s") repeat\(duplicates.count == 1 ? "s" : "") a target listed earlier, counted once: \(shown)\(more)"
    }

    /// The longest `every N days` span, and a target with it.
    private var longestEvery: (days: Int, target: String)? {
        entries.compactMap { entry -> (Int, String)? in
            if case let .every(days) = entry.schedule { return (days, entry.target) }
            return nil
        }.max { $0.0 < $1.0 }
    }

    /// Throws when `days` of history cannot reach back over the longest `every N days` span,
    /// so that such a target could never be found overdue or on time.
    package func requireHistory(days: Int) throws(ConfigurationError) {
        if let longest = longestEvery, longest.days > days {
            throw .historyTooShort(days: days, needed: longest.days, target: longest.target)
        }
    }
}
