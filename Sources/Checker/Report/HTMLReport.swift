import Notify

/// The report as an e-mail's HTML part: the message in `<pre>`, then the history grid as a
/// small table whose cells are coloured by state (and still carry `o x - .`, for a reader
/// without colours). Inline styles only: mail clients drop style sheets.
package enum HTMLReport {
    /// The whole document. `message` is the report without the grid's text lines.
    package static func render(message: String, grid: HistoryGrid?) -> String {
        var html = [
            "<!DOCTYPE html>",
            "<html><head><meta charset=\"utf-8\"></head><body>",
            "<pre style=\"font-family:monospace;font-size:13px\">" + escaped(message) + "</pre>",
        ]
        if let grid { html += table(grid) }
        html.append("</body></html>")
        return html.joined(separator: "\n") + "\n"
    }

    /// The grid as a table: a caption with the legend, a row of days of the month, a row per target.
    static func table(_ grid: HistoryGrid) -> [String] {
        let days = grid.days
        var lines = [
            "<table style=\"border-collapse:collapse;font-family:monospace;font-size:12px\">",
            "<caption style=\"text-align:left;padding:4px 0\">" + escaped(grid.lines[0]) + "</caption>",
            "<tr><th></th>" + days.map { "<th style=\"padding:1px 3px\" title=\"\($0)\">" + twoDigits($0.day) + "</th>" }.joined() + "</tr>",
        ]
        for row in grid.rows {
            let cells = zip(days, row.states).map { day, state in
                "<td style=\"\(style(state));text-align:center;padding:1px 3px;border:1px solid #fff\" title=\"\(day) \(state.rawValue)\">\(state.cell)</td>"
            }
            lines.append("<tr><th style=\"text-align:left;padding:1px 6px 1px 0;font-weight:normal\">" + escaped(DataText.escaped(row.target))
                         + "</th>" + cells.joined() + "</tr>")
        }
        lines.append("</table>")
        return lines
    }

    /// Background and text colour of a state: green, red, orange, grey.
    static func style(_ state: HistoryGrid.State) -> String {
        switch state {
        case .success: return "background:#c8e6c9;color:#1b5e20"
        case .failed: return "background:#ffcdd2;color:#b71c1c"
        case .missing: return "background:#ffe0b2;color:#e65100"
        case .notDue: return "background:#f5f5f5;color:#9e9e9e"
        }
    }

    static func twoDigits(_ number: Int) -> String { number < 10 ? "0\(number)" : "\(number)" }

    /// Text made safe inside an element or a quoted attribute: `& < > " '` as entities.
    package static func escaped(_ text: String) -> String { HTMLEscaping.escape(text) }
}
