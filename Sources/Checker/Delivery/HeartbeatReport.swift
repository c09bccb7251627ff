extension CheckOutcome {
    /// The heartbeat's body, most important first, so that a monitor that keeps only the
    /// beginning keeps what matters: the report's headline, its verdict and warning lines,
    /// then the rest (the date line, the seed's comparison, the table, the history grid). On
    /// exit 4 a first line `not delivered: ` says who was not told and why.
    func heartbeatReport(message: String, notDelivered: [String]) -> String {
        var lines = message.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if case let .success(found) = result, !lines.isEmpty {
            let findings = Report.findings(found.assessment)
            let headCount = Report.head(found.assessment, zone: zone).lines.count
            if headCount <= lines.count {
                let rest = lines[1..<headCount].filter { !findings.contains($0) } + lines[headCount...]
                lines = [lines[0]] + findings + rest
            }
        }
        if !notDelivered.isEmpty { lines.insert("not delivered: " + notDelivered.joined(separator: "; "), at: 0) }
        return lines.joined(separator: "\n")
    }
}
