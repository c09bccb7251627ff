import TextRules

/// A table drawn exactly as Python's tabulate 0.9 draws it with `tablefmt="pretty"`: every
/// cell centred (extra space on the right, as Python's `format(s, "^n")`), one space of
/// padding, `+---+` rules. Widths count code points, as tabulate does without wcwidth (the
/// seed's image had none).
package enum PrettyTable {
    package static func render(headers: [String], rows: [[String]]) -> String {
        // Values are data (DataText): a control character is escaped before anything else, so a
        // newline shows as \n instead of starting a line. Then tabulate strips surrounding
        // white space from cells (PRESERVE_WHITESPACE = False).
        let header = headers.map { String(DataText.escaped($0).trimmingWhitespace()) }
        let body = rows.map { $0.map { String(DataText.escaped($0).trimmingWhitespace()) } }
        var widths = header.map(width)
        for row in body {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], width(cell))
            }
        }
        let rule = "+" + widths.map { String(repeating: "-", count: $0 + 2) }.joined(separator: "+") + "+"
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (index, columnWidth) in widths.enumerated() {
                let cell = index < cells.count ? cells[index] : ""
                parts.append(" " + centred(cell, in: columnWidth) + " ")
            }
            return "|" + parts.joined(separator: "|") + "|"
        }
        var lines = [rule, line(header), rule]
        for row in body { lines.append(line(row)) }
        lines.append(rule)
        return lines.joined(separator: "\n")
    }

    static func width(_ text: String) -> Int { text.unicodeScalars.count }

    /// Python's `"{0:^n}".format(s)`: left gets half the padding rounded down.
    static func centred(_ text: String, in columnWidth: Int) -> String {
        let padding = max(0, columnWidth - width(text))
        let left = padding / 2
        return String(repeating: " ", count: left) + text + String(repeating: " ", count: padding - left)
    }
}
