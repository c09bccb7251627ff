/// The message as posted to Zulip: inside a code fence, and never longer than the server keeps
/// (Zulip cuts a longer message and appends "[message truncated]", which would break the fence
/// and lose the end). In order, until it fits: the history grid is left out (a line says so);
/// the table is shortened — rows of targets that
/// are not ok kept before the others, then a line saying how many were left out; the seed's
/// long lists of targets are summed up (`shortForms`, e.g. "expected backups: 400 targets…");
/// and if the verdict and warning lines alone are still too long, they go, whole, in several
/// messages. Standard output always has the whole message. Every other destination's report is
/// fitted the same way, to its own limit (`MessageFit`).
package enum ZulipMessages {
    static let fenceOpen = "```\n"
    static let fenceClose = "\n```"
    static let continued = "(continued)"

    /// The message fenced, as Zulip gets it when it fits.
    package static func fenced(_ text: String) -> String { fenceOpen + text + fenceClose }

    /// Length as Zulip counts it: Unicode code points.
    static func length(_ text: String) -> Int { text.unicodeScalars.count }

    /// How Zulip's messages are fitted: fenced, `limit` code points.
    static func zulip(limit: Int) -> MessageFit {
        MessageFit(limit: limit, service: "Zulip", unit: "characters", wrap: fenced, size: length)
    }

    /// The contents to post, in order, each within `limit` code points, fence included.
    /// `important` marks the rows (by index) to keep first when the table must be shortened.
    /// `grid` holds the history grid's lines, the first thing left out.
    package static func contents(head: [String], shortForms: [(line: Int, text: String)] = [], rows: TodaysRows,
                                grid: [String] = [], important: Set<Int>, limit: Int) -> [String] {
        contents(head: head, shortForms: shortForms, rows: rows, grid: grid, important: important, fit: zulip(limit: limit))
    }

    /// The contents to send, in order, each wrapped by `fit` and within its limit as it counts.
    package static func contents(head: [String], shortForms: [(line: Int, text: String)] = [], rows: TodaysRows,
                                grid: [String] = [], important: Set<Int>, fit: MessageFit) -> [String] {
        let limit = fit.limit
        let fenced = fit.wrap
        let length = fit.size
        let full = fenced((head + [Report.table(rows)] + grid).joined(separator: "\n"))
        if length(full) <= limit { return [full] }
        if !grid.isEmpty {
            let note = "(the history grid is left out to fit \(fit.service)'s limit of \(limit) \(fit.unit); the job's log has it)"
            let withoutGrid = fenced((head + [Report.table(rows), note]).joined(separator: "\n"))
            if length(withoutGrid) <= limit { return [withoutGrid] }
        }

        let order = rows.rows.indices.filter { important.contains($0) } + rows.rows.indices.filter { !important.contains($0) }
        func table(keeping count: Int) -> String {
            let kept = order.prefix(count).sorted()
            let shown = TodaysRows(columns: rows.columns, rows: kept.map { rows.rows[$0] })
            let left = rows.rows.count - count
            var text = Report.table(shown)
            if left > 0 {
                text += "\n(\(left) of \(rows.rows.count) rows left out to fit \(fit.service)'s limit of \(limit) \(fit.unit); the job's log has them all)"
            }
            return text
        }
        /// The most rows (by priority) a message starting with `prefix` can hold, if any fit.
        func fitting(after prefix: [String]) -> String? {
            func message(_ count: Int) -> String { fenced((prefix + [table(keeping: count)]).joined(separator: "\n")) }
            guard length(message(0)) <= limit else { return nil }
            var low = 0
            var high = rows.rows.count
            while low < high {
                let middle = (low + high + 1) / 2
                if length(message(middle)) <= limit { low = middle } else { high = middle - 1 }
            }
            return message(low)
        }

        if let one = fitting(after: head) { return [one] }
        var head = head
        for short in shortForms where head.indices.contains(short.line) {
            head[short.line] = short.text
            if let one = fitting(after: head) { return [one] }
        }
        // The lines above the table do not fit in one message: pack them into several, each
        // after the first marked as a continuation, and end with the table.
        var messages: [[String]] = [[]]
        let budget = limit - length(fenced("")) - length(continued) - 1
        for line in head.flatMap({ split($0, budget: budget, size: length) }) {
            let current = messages[messages.count - 1]
            let size = current.reduce(0) { $0 + length($1) + 1 } + length(line)
            if !current.isEmpty && size > budget { messages.append([continued]) }
            messages[messages.count - 1].append(line)
        }
        var result = messages.dropLast().map { fenced($0.joined(separator: "\n")) }
        let last = messages[messages.count - 1]
        if let withTable = fitting(after: last) {
            result.append(withTable)
        } else {
            result.append(fenced(last.joined(separator: "\n")))
            result.append(fitting(after: [continued]) ?? fenced(continued + "\n(the table does not fit in a message; the job's log has it)"))
        }
        return result
    }

    /// A line longer than `budget` as `size` counts it, in pieces that fit (only such a line is
    /// ever cut).
    private static func split(_ line: String, budget: Int, size: (String) -> Int) -> [String] {
        guard size(line) > budget, budget > 0 else { return [line] }
        var pieces: [String] = []
        var scalars = Substring(line).unicodeScalars[...]
        while !scalars.isEmpty {
            // The most code points (at least one) whose text fits the budget.
            var low = 1
            var high = min(scalars.count, budget)
            while low < high {
                let middle = (low + high + 1) / 2
                if size(String(String.UnicodeScalarView(scalars.prefix(middle)))) <= budget { low = middle } else { high = middle - 1 }
            }
            pieces.append(String(String.UnicodeScalarView(scalars.prefix(low))))
            scalars = scalars.dropFirst(low)
        }
        return pieces
    }
}
