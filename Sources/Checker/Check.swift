import Notify
import Transport

/// The whole check, in order: the day → the expected list → the day's rows and the history →
/// the verdicts → the message, printed first → Zulip → metrics → the heartbeat → the exit
/// code. Every part it talks to comes in from outside (`live` wires the real ones), so every
/// path is testable in-process.
public struct Check {
    /// How the result is written on stdout.
    public enum Format: String, Sendable, CaseIterable {
        case text, json
    }

    package var settings: CheckSettings
    /// The day to check; nil for today in `settings.zone`.
    public var day: CalendarDay?
    public var format: Format
    package var source: BackupSource
    /// Where the message goes; nil on a dry run.
    package var notifier: Notifier?
    /// The notify_urls destinations, told in this order after Zulip; empty on a dry run.
    public var destinations: [Destination] = []
    package var monitor: RunMonitor?
    package var metrics: [MetricsPublisher]
    public var logger: Logger

    package init(settings: CheckSettings, day: CalendarDay?, format: Format = .text, source: BackupSource,
                notifier: Notifier?, monitor: RunMonitor? = nil, metrics: [MetricsPublisher] = [], logger: Logger) {
        self.settings = settings
        self.day = day
        self.format = format
        self.source = source
        self.notifier = notifier
        self.monitor = monitor
        self.metrics = metrics
        self.logger = logger
    }

    /// Runs the check at `now` (seconds since 1970), writes the result with `output` before
    /// anything is delivered, and returns the exit status.
    package func run(now: Int64, output: (String) -> Void) -> ExitStatus {
        let began = Deadline.monotonicNanoseconds()
        let heartbeat = Heartbeat(monitor: monitor, logger: logger)
        let outcome: CheckOutcome
        do {
            outcome = try find(now: now)
        } catch {
            let text = CheckerError.configuration(error).description
            logger.error(text)
            publish(MetricsText.render(status: .usage, now: now))
            heartbeat.finish(status: .usage, report: Report.failureHeadline + "\n" + text, headline: Report.failureHeadline,
                             since: began)
            return .usage
        }
        if case let .failure(error) = outcome.result {
            logger.error(error.description)
            logger.info("hint: \(Hints.hint(for: error))")
        }
        // Printed (and on stdout unbuffered) before delivery, so that a failed or killed
        // delivery still leaves the report in the pipeline's log.
        let message = outcome.message
        output(format == .json ? JSONReport.render(outcome) : message)

        var status = outcome.status
        var untold: [(name: String, error: DeliveryError)] = []
        if let notifier, let failure = deliver(outcome, message: message, to: notifier) {
            logger.error(CheckerError.delivery(failure).description)
            logger.info("hint: \(Hints.hint(for: failure, service: .zulip))")
            untold.append(("Zulip (\(failure.site))", failure))
        }
        untold += tell(destinations, outcome)
        if !untold.isEmpty {
            logger.error("not told: " + untold.map(\.name).joined(separator: ", "))
            status = .delivery  // someone was not told: that outranks what there was to tell
        }
        publish(MetricsText.render(outcome, status: status, now: now, zone: settings.zone))
        // The monitor's report (and so its headline) says first who was not told and why.
        let report = outcome.heartbeatReport(message: message, notDelivered: untold.map { "\($0.name): \($0.error)" })
        heartbeat.finish(status: status, report: report, headline: report.prefix { $0 != "\n" }.description, since: began)
        return status
    }

    /// The day, the list, the rows and the history, assessed. A configuration problem is
    /// thrown; a database error is part of the outcome.
    func find(now: Int64) throws(ConfigurationError) -> CheckOutcome {
        guard let day = day ?? settings.zone.day(at: now) else {
            throw .settings(missing: [], problems: [SettingProblem(name: "timezone", message: "cannot compute today's date in \(settings.zone.name)")])
        }
        let list = try ExpectedList(path: settings.expectedPath)
        if let warning = list.duplicateWarning { logger.warning("\(settings.expectedPath): \(warning)") }
        try list.requireHistory(days: settings.historyDays)
        logger.debug("checking \(day) (\(settings.zone.name)) against \(list.entries.count) listed target(s)")
        defer { source.close() }
        do throws(CheckerError) {
            let rows = try source.rows(on: day)
            for (number, row) in zip(1..., rows.rows) {
                for time in row.unreadableTimes {
                    logger.warning("today: row \(number) (\(row.target)): \(time.column) \"\(time.text.prefix(60))\" is not a time; its run time is not judged")
                }
            }
            let first = day.adding(days: -settings.historyDays) ?? day
            var history = RunHistory(first: first, zone: settings.zone, timedTargets: Set(rows.rows.filter(\.succeeded).map(\.target)))
            var grid = settings.reportHistoryDays > 0
                ? HistoryGrid.Recorder(days: settings.reportHistoryDays, ending: day, list: list, rows: rows) : nil
            // One pass over the history serves both: the verdicts' days and the grid's.
            let from = min(first, grid?.first ?? first)
            let skipped = try source.runs(from: from, before: day) { run in
                history.add(run)
                grid?.add(run)
            }
            if skipped > 0 {
                logger.warning("history: \(skipped) row\(skipped == 1 ? "" : "s") dated \(from) to \(day.adding(days: -1) ?? day) skipped: a target, date or time in \(skipped == 1 ? "it" : "them") cannot be read")
            }
            let assessment = Assessment(day: day, list: list, rows: rows, history: history, historyDays: settings.historyDays,
                                        durations: DurationCheck(factor: settings.durationFactor))
            return CheckOutcome(day: day, zone: settings.zone.name,
                                result: .success(.init(assessment: assessment, rows: rows, grid: grid?.grid)))
        } catch {
            return CheckOutcome(day: day, zone: settings.zone.name, result: .failure(error))
        }
    }

    /// Posts `message` (the outcome's), fenced, or when it is longer than the service keeps, in
    /// as many shortened parts as the limit needs; the first failure ends the delivery.
    private func deliver(_ outcome: CheckOutcome, message: String, to notifier: Notifier) -> DeliveryError? {
        let whole = ZulipMessages.fenced(message)
        let length = ZulipMessages.length(whole)
        let limit = notifier.messageLimit(forLength: length)
        let contents = length <= limit ? [whole] : outcome.zulipContents(limit: limit)
        if contents != [whole] {
            logger.info("the message is longer than Zulip keeps; posting it as \(contents.count) shortened message(s)")
        }
        for content in contents {
            do throws(DeliveryError) { try notifier.post(content) } catch { return error }
        }
        logger.info("posted to Zulip")
        return nil
    }

    private func publish(_ text: String) { Check.publish(text, to: metrics, logger: logger) }

    /// Hands the metrics text to every publisher; a failure is logged and changes nothing else.
    static func publish(_ text: String, to publishers: [MetricsPublisher], logger: Logger) {
        for publisher in publishers {
            do throws(PublishError) { try publisher.publish(text) } catch {
                logger.error("metrics: \(error)")
                logger.info("hint: \(Hints.hint(for: error))")
            }
        }
    }

    /// Tells each destination in order, each in as many parts as its limit needs; one that
    /// fails does not stop the others. Returns those not told, by name, and why.
    private func tell(_ destinations: [Destination], _ outcome: CheckOutcome) -> [(name: String, error: DeliveryError)] {
        var untold: [(name: String, error: DeliveryError)] = []
        for destination in destinations {
            let parts: [String]
            if let limit = destination.messageLimit {
                parts = outcome.contents(fit: MessageFit(limit: limit.count, service: destination.name, unit: limit.unit,
                                                         size: destination.size(of:)))
            } else {
                parts = [outcome.message]
            }
            // The HTML rendering (the message, the grid as a coloured table) for those that take it.
            let html = destination.takesHTML ? HTMLReport.render(message: outcome.messageWithoutGrid, grid: outcome.grid) : nil
            do throws(DeliveryError) {
                for part in parts {
                    try destination.send(NotifyMessage(title: outcome.title, text: part, severity: outcome.severity,
                                                       html: parts.count == 1 ? html : nil))
                }
                logger.info("told \(destination.name)" + (parts.count > 1 ? " in \(parts.count) messages" : ""))
            } catch {
                logger.error("could not tell \(destination.name): \(error)")
                logger.info("hint: \(Hints.hint(for: error, service: .destination))")
                untold.append((destination.name, error))
            }
        }
        return untold
    }
}

/// The run's heartbeat: the start ping on a thread of its own as soon as the run begins (it
/// never holds up the check), the end ping after it, once the start ping is done. A failure
/// is logged and changes nothing else; all calls share the client's time (heartbeat_timeout).
private struct Heartbeat {
    let monitor: RunMonitor?
    let logger: Logger
    private let start: BackgroundTask?

    init(monitor: RunMonitor?, logger: Logger) {
        self.monitor = monitor
        self.logger = logger
        guard let monitor else {
            start = nil
            return
        }
        let ping: @Sendable () -> Void = {
            Heartbeat.attempt("the heartbeat's start", logger) { () throws(DeliveryError) in try monitor.started() }
        }
        start = BackgroundTask(ping)
        if start == nil { ping() }
    }

    func finish(status: ExitStatus, report: String, headline: String, since began: UInt64) {
        guard let monitor else { return }
        start?.wait()
        let milliseconds = Int64((Deadline.monotonicNanoseconds() - began) / 1_000_000)
        Heartbeat.attempt("the heartbeat", logger) { () throws(DeliveryError) in
            try monitor.finished(status: status, report: report, headline: headline, milliseconds: milliseconds)
        }
    }

    static func attempt(_ what: String, _ logger: Logger, _ call: () throws(DeliveryError) -> Void) {
        do throws(DeliveryError) { try call() } catch {
            logger.warning("\(what) failed: \(error)")
        }
    }
}
