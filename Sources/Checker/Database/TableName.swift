import TextRules

/// The table of backup results, checked once when db_table is read: 1-64 ASCII letters,
/// digits, `_` or `$`, so that it needs no escaping. The only way to make one is the checking
/// initialiser, so a query built from a `TableName` cannot fail on it.
package struct TableName: Sendable, Equatable, CustomStringConvertible {
    /// The name as written, e.g. `list`.
    package let name: String

    /// The name, or nil when it is not 1-64 ASCII letters, digits, `_` or `$`.
    package init?(_ name: String) {
        guard (1...64).contains(name.utf8.count) && name.isASCIIWord(allowing: "_$") else { return nil }
        self.name = name
    }

    /// The name as SQL quotes it: `` `list` ``.
    package var quoted: String { "`\(name)`" }

    package var description: String { name }
}
