import Foundation
import Notify
import Testing
import TestSupport

/// The shipped alert rules (deploy/prometheus/backup-checker.rules.yml) on what a real run
/// publishes: with promtool on series made from a real run's metrics, and end to end with a
/// real Prometheus (Debian's, started by scripts/test through scripts/prometheus) scraping the
/// test Pushgateway with honor_labels and evaluating the rules every second.
@Suite("Alert rules", .serialized)
struct AlertRuleTests {
    static var rules: String { CheckerProcess.root + "/deploy/prometheus/backup-checker.rules.yml" }

    /// One sample of the exposition text: name, labels, value.
    struct Sample {
        var name: String
        var labels: [(String, String)]
        var value: Double
    }

    /// The samples of our own exposition text (label values without quotes or backslashes).
    static func samples(_ text: String) -> [Sample] {
        text.split(separator: "\n").filter { !$0.hasPrefix("#") }.compactMap { line in
            let parts = line.split(separator: " ")
            guard parts.count == 2, let value = Double(parts[1]) else { return nil }
            let series = parts[0]
            guard let brace = series.firstIndex(of: "{") else { return Sample(name: String(series), labels: [], value: value) }
            let labels = series[series.index(after: brace)..<series.index(before: series.endIndex)].split(separator: ",").map { pair in
                let items = pair.split(separator: "=", maxSplits: 1)
                return (String(items[0]), String(items[1].dropFirst().dropLast()))
            }
            return Sample(name: String(series[..<brace]), labels: labels, value: value)
        }
    }

    /// Prometheus's humanizeDuration for whole seconds of a minute or more: "1d 7h 0m 0s".
    static func humanized(_ seconds: Int) -> String {
        let (days, hours, minutes, rest) = (seconds / 86_400, seconds / 3600 % 24, seconds / 60 % 60, seconds % 60)
        if days > 0 { return "\(days)d \(hours)h \(minutes)m \(rest)s" }
        if hours > 0 { return "\(hours)h \(minutes)m \(rest)s" }
        return "\(minutes)m \(rest)s"
    }

    @Test("promtool on a real run's series: a failed target and one never successful fire, a healthy weekly or workday one does not, a stale instance among two fires")
    func promtoolOnRealRun() throws {
        let setup = try CheckerSetup(list: """
            mail.example.test
            web.example.test      mon-fri
            archive.example.test  sun
            never.example.test

            """)
        try setup.database.insert([
            ("2024-10-18", "mail.example.test", "01:00:00", "01:20:00", "success"),
            ("2024-10-18", "web.example.test", "02:00:00", nil, "failed"),
            ("2024-10-15", "web.example.test", "02:00:00", "02:30:00", "success"),
            ("2024-10-13", "archive.example.test", "03:00:00", "04:00:00", "success"),
        ])
        let file = setup.directory.url.appendingPathComponent("backup_checker.prom").path
        let run = try CheckerProcess.run(["--date", "2024-10-18", "--dry-run"], environment: setup.environment(["metrics_file": file]))
        #expect(run.status == 1, "\(run.stderr)")
        // A dry run publishes nothing; the real one does.
        #expect(!FileManager.default.fileExists(atPath: file))
        let zulip = try FakeZulip()
        let real = try CheckerProcess.run(["--date", "2024-10-18"], environment: setup.environment(
            CheckerSetup.zulip(zulip).merging(["metrics_file": file]) { $1 }))
        #expect(real.status == 1, "\(real.stderr)")
        let samples = Self.samples(try String(contentsOfFile: file, encoding: .utf8))
        #expect(samples.contains { $0.name == "backup_checker_target_max_age_seconds" })

        // Promtool's clock starts at 0: time t there is (the run, 2024-10-18 06:00 UTC) - 10
        // days + t. Instance db-1 ran then; db-2 ran 30 hours earlier and stopped.
        let run0: Double = 1_729_231_200
        let shift = run0 - 864_000
        var series = ""
        for (instance, lastRun) in [("db-1", 864_000.0), ("db-2", 864_000.0 - 30 * 3600)] {
            for sample in samples {
                var value = sample.value
                if sample.name == "backup_checker_last_run_timestamp_seconds" { value = lastRun }
                if sample.name == "backup_checker_target_last_success_timestamp_seconds" && value != 0 { value -= shift }
                let labels = ([("job", "backup_checker"), ("instance", instance)] + sample.labels)
                    .map { "\($0.0)=\"\($0.1)\"" }.joined(separator: ",")
                series += "      - series: '\(sample.name){\(labels)}'\n        values: '\(Int(value))x250'\n"
            }
        }
        let evaluation = 864_000 + 3600  // an hour after db-1's run
        func alerts(_ name: String, _ items: [(instance: String, target: String?, severity: String, summary: String, description: String?)]) -> String {
            var text = "      - eval_time: \(evaluation)s\n        alertname: \(name)\n        exp_alerts:\(items.isEmpty ? " []" : "")\n"
            for item in items {
                text += "          - exp_labels: {severity: \(item.severity), job: backup_checker, instance: \(item.instance)"
                    + (item.target.map { ", target: \($0)" } ?? "") + "}\n"
                text += "            exp_annotations:\n              summary: \"\(item.summary)\"\n"
                if let description = item.description { text += "              description: \"\(description)\"\n" }
            }
            return text
        }
        let never = Self.humanized(evaluation)
        let tooOld = "Longer ago than its schedule allows (backup_checker_target_max_age_seconds); a last success of 0 means none in the history read."
        func notOK(_ instance: String, _ target: String) -> (String, String?, String, String, String?) {
            (instance, target, "warning", "Backup \(target) was not ok at the last check",
             "The last backup check found \(target) missing, failed or overdue.")
        }
        let test = """
            rule_files:
              - \(Self.rules)
            evaluation_interval: 1m
            tests:
              - interval: 1h
                input_series:
            \(series)    alert_rule_test:
            \(alerts("BackupTargetNotOK", ["db-1", "db-2"].flatMap { [notOK($0, "never.example.test"), notOK($0, "web.example.test")] }))\
            \(alerts("BackupTargetLastSuccessTooOld", ["db-1", "db-2"].map { ($0, "never.example.test", "critical", "Backup never.example.test last succeeded \(never) ago", tooOld) }))\
            \(alerts("BackupCheckerNotRunning", [("db-2", nil, "critical", "backup-checker db-2 has not run for \(Self.humanized(31 * 3600))", nil)]))\
            \(alerts("BackupCheckerFailed", []))
            """
        let directory = try TemporaryDirectory()
        let path = try directory.write("real-run.test.yml", test)
        let result = try runProgram("/usr/bin/promtool", ["test", "rules", path])
        #expect(result.status == 0 && result.output.contains("SUCCESS"), "\(result.output)\n\(test)")
    }

    static var prometheus: String {
        get throws {
            try #require(ProcessInfo.processInfo.environment["BC_TEST_PROMETHEUS_URL"],
                         "BC_TEST_PROMETHEUS_URL is not set: run the tests with scripts/test, which starts Prometheus (scripts/prometheus)")
        }
    }

    /// GET `path` from Prometheus's HTTP API; the JSON answer's `data`, and the answer as text.
    static func api(_ path: String) throws -> (data: Any?, text: String) {
        let client = HTTPClient(site: try #require(SiteURL(try prometheus)), timeout: 5)
        let answer = try client.send(HTTPRequest(method: "GET", path: path))
        let text = String(decoding: answer.body, as: UTF8.self)
        #expect(answer.status == 200, "\(text)")
        let json = try JSONSerialization.jsonObject(with: Data(answer.body)) as? [String: Any]
        return (json?["data"], text)
    }

    @Test("a real Prometheus with the shipped rules: a failed target fires, a stale instance among two fires, a healthy weekly target four days after its run does not")
    func realPrometheus() throws {
        let gateway = try Self.pushgateway
        // Today in UTC from one reading of the clock, handed to the checker with --date (a run
        // that crosses midnight checks the day the rows were written for), and the weekday of
        // four days before it.
        let now = Date()
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        func dayText(_ date: Date) -> String {
            let parts = calendar.dateComponents([.year, .month, .day], from: date)
            return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
        }
        let fourDaysAgo = now.addingTimeInterval(-4 * 86_400)
        let weekday = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"][calendar.component(.weekday, from: fourDaysAgo) - 1]
        let setup = try CheckerSetup(list: """
            ok.example.test
            failed.example.test
            weekly.example.test  \(weekday)

            """)
        try setup.database.insert([
            (dayText(now), "ok.example.test", "00:00:00", "00:00:01", "success"),
            (dayText(now), "failed.example.test", "00:00:00", nil, "failed"),
            (dayText(fourDaysAgo), "weekly.example.test", "01:00:00", "02:00:00", "success"),
        ])
        let fresh = "e2e-fresh-\(UInt32.random(in: 0..<UInt32.max))"
        let stale = "e2e-stale-\(UInt32.random(in: 0..<UInt32.max))"
        let pushgateway = try #require(SiteURL(gateway))
        defer {
            for instance in [fresh, stale] {
                _ = try? HTTPClient(site: pushgateway, timeout: 5).send(HTTPRequest(method: "DELETE", path: PushgatewayClient(
                    url: pushgateway, job: "backup_checker", instance: instance).groupPath))
            }
        }
        let zulip = try FakeZulip()
        let file = setup.directory.url.appendingPathComponent("backup_checker.prom").path
        let run = try CheckerProcess.run(["--date", dayText(now)], environment: setup.environment(CheckerSetup.zulip(zulip).merging([
            "metrics_file": file, "pushgateway_url": gateway, "metrics_instance": fresh,
        ]) { $1 }))
        #expect(run.status == 1, "\(run.stderr)")
        // The same run's metrics, as a second checker that last ran 30 hours ago would have left them.
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let staleText = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            guard line.hasPrefix("backup_checker_last_run_timestamp_seconds "), let value = Int(line.split(separator: " ")[1]) else {
                return String(line)
            }
            return "backup_checker_last_run_timestamp_seconds \(value - 30 * 3600)"
        }.joined(separator: "\n")
        try PushgatewayClient(url: pushgateway, job: "backup_checker", instance: stale, timeout: 5).push(staleText)

        // Poll the alerts until an evaluation has seen both instances (bounded: 60 s).
        typealias Alert = [String: Any]
        func firing(_ alerts: [Alert], _ name: String, instance: String, target: String? = nil) -> Bool {
            alerts.contains { alert in
                let labels = alert["labels"] as? [String: String] ?? [:]
                return labels["alertname"] == name && labels["instance"] == instance && labels["target"] == target
                    && alert["state"] as? String == "firing"
            }
        }
        let stopwatch = Stopwatch()  // monotonic: a wall clock that jumps neither cuts nor stretches the wait
        var alerts: [Alert] = []
        var answer = ""
        repeat {
            let (data, text) = try Self.api("/api/v1/alerts")
            alerts = ((data as? [String: Any])?["alerts"] as? [Alert] ?? []).filter { alert in
                [fresh, stale].contains((alert["labels"] as? [String: String])?["instance"] ?? "")
            }
            answer = text
            if firing(alerts, "BackupTargetNotOK", instance: fresh, target: "failed.example.test")
                && firing(alerts, "BackupTargetNotOK", instance: stale, target: "failed.example.test")
                && firing(alerts, "BackupCheckerNotRunning", instance: stale) { break }
            Thread.sleep(forTimeInterval: 0.5)
        } while stopwatch.seconds < 60
        let seen = alerts.map { alert -> String in
            let labels = alert["labels"] as? [String: String] ?? [:]
            return "\(labels["alertname"] ?? "?"){instance=\(labels["instance"] ?? ""),target=\(labels["target"] ?? "")} \(alert["state"] ?? "?") value=\(alert["value"] ?? "?")"
        }.sorted()
        print("prometheus alerts for \(fresh) and \(stale):\n  " + seen.joined(separator: "\n  "))
        #expect(firing(alerts, "BackupTargetNotOK", instance: fresh, target: "failed.example.test"), "\(answer)")
        #expect(firing(alerts, "BackupTargetLastSuccessTooOld", instance: fresh, target: "failed.example.test"), "\(answer)")
        #expect(firing(alerts, "BackupCheckerNotRunning", instance: stale), "\(answer)")
        #expect(!firing(alerts, "BackupCheckerNotRunning", instance: fresh), "\(answer)")
        for instance in [fresh, stale] {
            #expect(!firing(alerts, "BackupTargetLastSuccessTooOld", instance: instance, target: "weekly.example.test"), "\(answer)")
            #expect(!alerts.contains { ($0["labels"] as? [String: String])?["target"] == "ok.example.test" }, "\(answer)")
        }
        #expect(alerts.count == 5, "\(seen)")
        // What Prometheus holds for the weekly target: about four days old, eight allowed.
        let query = "time() - backup_checker_target_last_success_timestamp_seconds{target=\"weekly.example.test\",instance=\"\(fresh)\"}"
        let age = try Self.api("/api/v1/query?query=" + query.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)
        let maxAge = try Self.api("/api/v1/query?query=backup_checker_target_max_age_seconds%7Btarget%3D%22weekly.example.test%22%2Cinstance%3D%22\(fresh)%22%7D")
        print("prometheus age of weekly.example.test: \(age.text)\nprometheus max age: \(maxAge.text)")
        let ageValue = (((age.data as? [String: Any])?["result"] as? [[String: Any]])?.first?["value"] as? [Any])?.last as? String
        let seconds = try #require(ageValue.flatMap(Double.init), "\(age.text)")
        #expect(seconds > 3 * 86_400 && seconds < 5 * 86_400, "\(age.text)")
        #expect(maxAge.text.contains("\"691200\""), "\(maxAge.text)")
    }

    static var pushgateway: String {
        get throws {
            try #require(ProcessInfo.processInfo.environment["BC_TEST_PUSHGATEWAY_URL"],
                         "BC_TEST_PUSHGATEWAY_URL is not set: run the tests with scripts/test, which starts a Pushgateway")
        }
    }
}
