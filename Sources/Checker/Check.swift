/// The whole check, in order: today → expected list → query → diff → report → notify → exit
/// code. The executable only parses flags, loads `Settings` and calls `run`.
public struct Check {
    /// How the result is written on stdout.
    public enum Format: String, Sendable, CaseIterable {
        case text, json
    }

    public var settings: Settings
    /// The day to check; nil for today in `settings.timezone`.
    public var day: CalendarDay?
    /// Print only; post nothing.
    public var dryRun: Bool
    public var format: Format
    public var logger: Logger

    public init(settings: Settings, day: CalendarDay?, dryRun: Bool, format: Format = .text, logger: Logger) {
        self.settings = settings
        self.day = day
        self.dryRun = dryRun
        self.format = format
        self.logger = logger
    }

    /// Runs the check at `now` (seconds since 1970), writes the result with `output`, posts it
    /// unless dry-running, and returns the exit status.
    public func run(now: Int64 = LocalCalendar.now(), output: (String) -> Void) -> ExitStatus {
        let zone = settings.timezone ?? LocalCalendar.processZoneName()
        guard let checkedDay = day ?? LocalCalendar.day(at: now, in: settings.timezone) else {
            logger.error("cannot compute today's date in \(zone)")
            return .usage
        }
        let expected: ExpectedList
        do {
            expected = try ExpectedList(path: settings.expectedPath)
        } catch {
            logger.error(error.description)
            return .usage
        }
        for target in expected.duplicates {
            logger.warning("\(settings.expectedPath) lists \(target) more than once; counting it once")
        }
        logger.debug("checking \(checkedDay) (\(zone)) against \(expected.targets.count) expected target(s)")

        let result = CheckResult(day: checkedDay, zone: zone, outcome: Result { () throws(CheckerError) in
            let rows = try TodaysRows.fetch(settings: settings.database, day: checkedDay)
            return (rows, BackupDiff(expected: expected.targets, rows: rows.targetsAndStatuses()))
        })
        if case let .failure(error) = result.outcome { logger.error(error.description) }

        var deliveryError: CheckerError?
        if !dryRun {
            if let zulip = settings.zulip {
                do {
                    try ZulipClient(settings: zulip, logger: logger).post(content: Report.zulipContent(result.message))
                } catch {
                    logger.error(error.description)
                    deliveryError = error
                }
            } else {
                deliveryError = .delivery("Zulip is not configured")
            }
        }
        switch format {
        case .text: output(result.message)
        case .json: output(JSONReport.render(result, delivery: deliveryError?.description))
        }
        // Nobody was told: that outranks what there was to tell.
        return deliveryError == nil ? result.status : .delivery
    }
}
