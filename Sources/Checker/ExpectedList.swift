/// The backups that should run every day: one target per line; blank lines and lines
/// starting with `#` are ignored; surrounding white space is trimmed.
public struct ExpectedList: Equatable, Sendable {
    /// Targets in file order, each once.
    public let targets: [String]
    /// Targets listed more than once (the second time onwards), for a warning.
    public let duplicates: [String]

    public init(parsing text: String) {
        var seen = Set<String>()
        var targets: [String] = []
        var duplicates: [String] = []
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let line = rawLine.trimmingWhitespace()
            if line.isEmpty || line.hasPrefix("#") { continue }
            let target = String(line)
            if seen.insert(target).inserted {
                targets.append(target)
            } else {
                duplicates.append(target)
            }
        }
        self.targets = targets
        self.duplicates = duplicates
    }

    /// Reads the list from `path`.
    public init(path: String) throws(CheckerError) {
        self.init(parsing: try FileReader.text(path, purpose: "the expected-backups list"))
    }
}

extension StringProtocol {
    /// The text without leading and trailing white space (spaces, tabs, CR, LF and Unicode spaces).
    func trimmingWhitespace() -> SubSequence {
        var start = startIndex
        var end = endIndex
        while start < end, self[start].isWhitespace { start = index(after: start) }
        while end > start, self[index(before: end)].isWhitespace { end = index(before: end) }
        return self[start..<end]
    }
}
