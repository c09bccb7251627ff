/// The whole check, in order: settings → today → expected list → query → diff → report →
/// notify → exit code. The executable only parses flags and calls `run`.
public struct Check {
    public var settings: Settings
    /// The day to check; nil for today in `settings.timezone`.
    public var day: CalendarDay?
    /// Print only; post nothing.
    public var dryRun: Bool
    public var logger: Logger

    public init(settings: Settings, day: CalendarDay?, dryRun: Bool, logger: Logger) {
        self.settings = settings
        self.day = day
        self.dryRun = dryRun
        self.logger = logger
    }

    /// What a run produced: the message (already printed by `run`) and the exit status.
    public struct Outcome: Sendable {
        public var message: String
        public var status: ExitStatus
    }

    /// Runs the check at `now` (seconds since 1970), printing the message with `output`.
    public func run(now: Int64 = LocalCalendar.now(), output: (String) -> Void) -> Outcome {
        let zone = settings.timezone ?? LocalCalendar.processZoneName()
        guard let checkedDay = day ?? LocalCalendar.day(at: now, in: settings.timezone) else {
            return fail(.configuration("cannot compute today's date in \(zone)"), output: output)
        }
        let expected: ExpectedList
        do {
            expected = try ExpectedList(path: settings.expectedPath)
        } catch {
            return fail(error, output: output)
        }
        for target in expected.duplicates {
            logger.warning("\(settings.expectedPath) lists \(target) more than once; counting it once")
        }
        logger.debug("checking \(checkedDay) (\(zone)) against \(expected.targets.count) expected target(s)")

        var message: String
        var status: ExitStatus
        do {
            let rows = try TodaysRows.fetch(settings: settings.database, day: checkedDay)
            let diff = BackupDiff(expected: expected.targets, rows: rows.targetsAndStatuses())
            message = Report.message(day: checkedDay, zone: zone, diff: diff, rows: rows)
            status = diff.isMatch ? .ok : .mismatch
        } catch {
            logger.error(error.description)
            message = Report.databaseFailure(error)
            status = .database
        }
        output(message)
        if !dryRun {
            guard let zulip = settings.zulip else {
                logger.error("Zulip is not configured; use --dry-run to only print")
                return Outcome(message: message, status: .usage)
            }
            do {
                try ZulipClient(settings: zulip, logger: logger).post(content: Report.zulipContent(message))
            } catch {
                logger.error(error.description)
                status = .delivery
            }
        }
        return Outcome(message: message, status: status)
    }

    private func fail(_ error: CheckerError, output: (String) -> Void) -> Outcome {
        logger.error(error.description)
        switch error {
        case .configuration: return Outcome(message: error.description, status: .usage)
        case .database: return Outcome(message: error.description, status: .database)
        case .delivery: return Outcome(message: error.description, status: .delivery)
        }
    }
}
