/// The run's results in Prometheus's text exposition format (0.0.4), with HELP and TYPE
/// lines: when the check last ran and how it ended; whether each target due on the checked
/// day (and each `every N days` one) is ok; and for every listed target, when it last
/// succeeded (within the history read) and how long the day's successful run took. A run that
/// ended in a database error has no per-target series.
/// https://prometheus.io/docs/instrumenting/exposition_formats/
public enum MetricsText {
    public static func render(_ outcome: CheckOutcome, status: ExitStatus, now: Int64, zone: TimeZone) -> String {
        var text = ""
        func metric(_ name: String, _ help: String, _ samples: [(labels: String, value: String)]) {
            guard !samples.isEmpty else { return }
            text += "# HELP \(name) \(help)\n# TYPE \(name) gauge\n"
            for sample in samples { text += "\(name)\(sample.labels) \(sample.value)\n" }
        }
        metric("backup_checker_last_run_timestamp_seconds", "When the backup check last ran, in seconds since 1970.",
               [("", String(now))])
        metric("backup_checker_exit_status",
               "How the last run ended: 0 all done, 1 mismatch, 2 configuration error, 3 database error, 4 not delivered.",
               [("", String(status.rawValue))])
        guard case let .success(found) = outcome.result else { return text }
        let listed = found.assessment.targets.filter { $0.schedule != nil }
        let watched = listed.filter { target in
            guard let schedule = target.schedule else { return false }
            if case .every = schedule { return true }
            return target.dueToday
        }
        func label(_ target: Assessment.Target) -> String { "{target=\"\(escape(target.target))\"}" }
        metric("backup_checker_target_ok", "1 when the target's backup is as its schedule wants on the checked day, else 0.",
               watched.map { (label($0), $0.verdict == .ok ? "1" : "0") })
        metric("backup_checker_target_last_success_timestamp_seconds",
               "When the target's last successful backup ended (its date and end time in the check's time zone).",
               listed.compactMap { target in
                   target.lastSuccess.map { (label(target), String(zone.instant(of: $0.day, secondsIntoDay: $0.seconds ?? 0))) }
               })
        metric("backup_checker_target_duration_seconds", "How long the target's successful backup of the checked day took.",
               listed.compactMap { target in target.durationToday.map { (label(target), String($0)) } })
        return text
    }

    /// A label value as the exposition format escapes it: backslash, double quote, line feed.
    static func escape(_ value: String) -> String {
        var result = ""
        for character in value {
            switch character {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            default: result.append(character)
            }
        }
        return result
    }
}
