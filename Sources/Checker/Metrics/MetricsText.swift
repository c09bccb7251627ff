/// The run's results in Prometheus's text exposition format (0.0.4), with HELP and TYPE
/// lines: when the check last ran and how it ended; whether each target due on the checked
/// day (and each `every N days` one) is ok; and for every listed target, when it last
/// succeeded (0 when the history holds no success, so that an alert on its age keeps firing),
/// how old that may be under its schedule, and how long the day's successful run took. A run
/// that did not reach the database's answers (a configuration or database error) has only
/// the first two series.
/// https://prometheus.io/docs/instrumenting/exposition_formats/
package enum MetricsText {
    package static func render(_ outcome: CheckOutcome, status: ExitStatus, now: Int64, zone: TimeZone) -> String {
        guard case let .success(found) = outcome.result else { return render(status: status, now: now) }
        return render(status: status, now: now) + targets(found.assessment, zone: zone)
    }

    /// The two series every run publishes once the metrics settings are read.
    package static func render(status: ExitStatus, now: Int64) -> String {
        metric("backup_checker_last_run_timestamp_seconds", "When the backup check last ran, in seconds since 1970.",
               [("", String(now))])
            + metric("backup_checker_exit_status",
                     "How the last run ended: 0 all done, 1 mismatch, 2 configuration error, 3 database error, 4 not delivered.",
                     [("", String(status.rawValue))])
    }

    private static func targets(_ assessment: Assessment, zone: TimeZone) -> String {
        let listed = assessment.targets.compactMap { target in target.schedule.map { (target, $0) } }
        let watched = listed.filter { target, schedule in
            if case .every = schedule { return true }
            return target.dueToday
        }
        // The name as the report shows it (DataText), then as the exposition format escapes it.
        func label(_ target: Assessment.Target) -> String { "{target=\"\(escape(DataText.escaped(target.target)))\"}" }
        var maxAges: [String: Int64] = [:]  // one computation per distinct schedule
        return metric("backup_checker_target_ok", "1 when the target's backup is as its schedule wants on the checked day, else 0.",
                      watched.map { target, _ in (label(target), target.verdict == .ok ? "1" : "0") })
            + metric("backup_checker_target_last_success_timestamp_seconds",
                     "When the target's last successful backup ended (its date and end time in the check's time zone); 0 when the history read holds none.",
                     listed.map { target, _ in
                         (label(target), target.lastSuccess.map { String(zone.instant(of: $0.day, secondsIntoDay: $0.seconds ?? 0)) } ?? "0")
                     })
            + metric("backup_checker_target_max_age_seconds",
                     "How old the target's last success may be while its schedule is kept: the longest gap between due days plus one day.",
                     listed.map { target, schedule in
                         let key = schedule.description
                         let age = maxAges[key] ?? schedule.maxAgeSeconds
                         maxAges[key] = age
                         return (label(target), String(age))
                     })
            + metric("backup_checker_target_duration_seconds", "How long the target's successful backup of the checked day took.",
                     listed.compactMap { target, _ in target.durationToday.map { (label(target), String($0)) } })
    }

    /// A gauge's HELP and TYPE lines and its samples; nothing when there are no samples.
    private static func metric(_ name: String, _ help: String, _ samples: [(labels: String, value: String)]) -> String {
        guard !samples.isEmpty else { return "" }
        var text = "# HELP \(name) \(help)\n# TYPE \(name) gauge\n"
        for sample in samples { text += "\(name)\(sample.labels) \(sample.value)\n" }
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
