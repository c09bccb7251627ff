import Notify

extension Check {
    /// The check with the real parts: the table over MySQLWire, and (unless `dryRun`) Zulip,
    /// the heartbeat and the metrics the settings name. `processID` names the metrics file's
    /// temporary file (see `MetricsFile.temporaryPath`).
    public static func live(settings: Settings, day: CalendarDay?, dryRun: Bool, format: Format, logger: Logger,
                            processID: Int32) -> Check {
        let retry = RetryPolicy(onRetry: { [logger] text in logger.warning(text) })
        var check = Check(settings: settings.check, day: day, format: format,
                          source: MySQLBackupSource(settings: settings.database, trace: logger.packetTracer),
                          notifier: nil, logger: logger)
        guard !dryRun else { return check }
        check.notifier = settings.zulip.map { ZulipClient(destination: $0, retry: retry) }
        check.monitor = settings.heartbeatClient(retry: retry)
        if let path = settings.metrics.file { check.metrics.append(MetricsFile(path: path, processID: processID)) }
        if let pushgateway = settings.pushgatewayClient(retry: retry) { check.metrics.append(pushgateway) }
        return check
    }
}

extension Settings {
    /// The client for heartbeat_url, or nil; the check and doctor use the same one.
    func heartbeatClient(retry: RetryPolicy) -> HeartbeatClient? {
        heartbeat.map { HeartbeatClient(url: $0, caFile: systemCAFile, timeout: httpTimeout, retry: retry) }
    }

    /// The client for pushgateway_url (job `backup_checker`, metrics_instance), or nil.
    func pushgatewayClient(retry: RetryPolicy) -> PushgatewayClient? {
        metrics.pushgateway.map {
            PushgatewayClient(url: $0, job: "backup_checker", instance: metrics.instance, caFile: systemCAFile,
                              timeout: httpTimeout, retry: retry)
        }
    }
}
