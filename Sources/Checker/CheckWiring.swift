import Notify

extension Check {
    /// The check with the real parts: the table over MySQLWire, and (unless `dryRun`) Zulip,
    /// the heartbeat and the metrics the settings name. `runID` names the run at the heartbeat and
    /// the metrics file's temporary file (see `MetricsFile.temporaryPath`); `now` is when it started.
    public static func live(settings: Settings, day: CalendarDay?, dryRun: Bool, format: Format, logger: Logger,
                            runID: RunID, now: Int64) -> Check {
        let retry = RetryPolicy(onRetry: { [logger] text in logger.warning(text) })
        var check = Check(settings: settings.check, day: day, format: format,
                          source: MySQLBackupSource(table: settings.database.table,
                                                    options: settings.connectionOptions(trace: logger.packetTracer)),
                          notifier: nil, logger: logger)
        guard !dryRun else { return check }
        check.notifier = settings.zulip.map { ZulipClient(destination: $0, retry: retry, userAgent: settings.program?.userAgent) }
        check.destinations = settings.destinations(retry: retry)
        check.monitor = settings.heartbeatClient(runID: runID, retry: retry)
        if let path = settings.metrics.file { check.metrics.append(MetricsFile(path: path, runID: runID, now: now)) }
        if let pushgateway = settings.pushgatewayClient(retry: retry) { check.metrics.append(pushgateway) }
        return check
    }

    /// What a run stopped by its settings (exit 2) still publishes when the metrics settings
    /// themselves can be read: exit status 2 and when it ran. Nothing when they cannot be.
    package static func publishConfigurationFailure(sources: ConfigurationSources, systemCAFile: String?, program: Program?,
                                                   logger: Logger,
                                                   runID: RunID, now: Int64) {
        guard let settings = MetricsSettings(sources: sources) else { return }
        var publishers: [MetricsPublisher] = []
        if let path = settings.file { publishers.append(MetricsFile(path: path, runID: runID, now: now)) }
        if let url = settings.pushgateway {
            publishers.append(PushgatewayClient(url: url, job: "backup_checker", instance: settings.instance, caFile: systemCAFile,
                                                retry: RetryPolicy(onRetry: { [logger] text in logger.warning(text) }),
                                                userAgent: program?.userAgent))
        }
        publish(MetricsText.render(status: .usage, now: now), to: publishers, logger: logger)
    }
}

extension Settings {
    /// The client for heartbeat_url, or nil; the check and doctor use the same one. All its
    /// calls share heartbeat_timeout.
    func heartbeatClient(runID: RunID, retry: RetryPolicy) -> HeartbeatClient? {
        heartbeat.map { HeartbeatClient(url: $0, runID: runID.description, caFile: systemCAFile, timeout: heartbeatTimeout,
                                        retry: retry, userAgent: program?.userAgent) }
    }

    /// The clients of notify_urls, in order; the check and doctor use the same ones.
    func destinations(retry: RetryPolicy) -> [Destination] {
        let options = DestinationOptions(timeout: httpTimeout, systemCAFile: systemCAFile, extraCAFile: notifyCAFile,
                                         retry: retry, userAgent: program?.userAgent)
        return notify.compactMap { $0.destination(options: options) }
    }

    /// The client for pushgateway_url (job `backup_checker`, metrics_instance), or nil.
    func pushgatewayClient(retry: RetryPolicy) -> PushgatewayClient? {
        metrics.pushgateway.map {
            PushgatewayClient(url: $0, job: "backup_checker", instance: metrics.instance, credentials: metrics.pushgatewayCredentials,
                              caFile: systemCAFile, timeout: httpTimeout, retry: retry, userAgent: program?.userAgent)
        }
    }
}
