import MySQLWire
import Notify
import TextRules
import Transport

/// Where and how to reach the database.
package struct DatabaseSettings: Sendable {
    package var endpoint: Endpoint
    package var username: String
    package var password: Secret
    package var database: String
    package var table: TableName
    package var tls: TLSMode
    /// The CA file of db_tls_ca; nil when none is configured.
    package var tlsCA: String?
    /// db_connect_timeout bounds the whole login; db_read_timeout each read and each query
    /// from sending it to its last row.
    package var timeouts: Timeouts
}

/// What the check compares and how.
package struct CheckSettings: Sendable {
    /// The expected list's path.
    package var expectedPath: String
    /// Days of history read before the checked day (for last success, overdue, durations).
    package var historyDays: Int
    /// How many times slower or faster than its median a run must be to be flagged.
    package var durationFactor: Double
    /// The zone that defines "today".
    package var zone: TimeZone
    /// Days shown in the history grid, the checked day included; 0 leaves the grid out.
    package var reportHistoryDays: Int

    package init(expectedPath: String, historyDays: Int = 35, durationFactor: Double = 3, zone: TimeZone = .utc,
                reportHistoryDays: Int = 14) {
        self.expectedPath = expectedPath
        self.historyDays = historyDays
        self.durationFactor = durationFactor
        self.zone = zone
        self.reportHistoryDays = reportHistoryDays
    }
}

/// Where the metrics go.
public struct MetricsSettings: Sendable {
    /// node_exporter textfile to write, or nil.
    public var file: String?
    /// Pushgateway base URL, or nil.
    public var pushgateway: SiteURL?
    /// The basic-auth credential of pushgateway_url's user part, or nil.
    public var pushgatewayCredentials: BasicCredentials?
    /// The `instance` grouping label at the Pushgateway, or nil.
    public var instance: String?

    init(reader: inout SettingReader) {
        file = reader.optional(.metricsFile)
        let pushgatewayURL = reader.authenticatedURL(.pushgatewayURL, carriesCredential: false)
        pushgateway = pushgatewayURL?.site
        pushgatewayCredentials = pushgatewayURL?.credentials
        instance = reader.optional(.metricsInstance)
    }

    /// The metrics settings alone, so that a run stopped by another setting can still publish
    /// its exit status; nil when one of them is wrong itself.
    public init?(sources: ConfigurationSources) {
        var reader = SettingReader(sources: sources)
        self.init(reader: &reader)
        guard reader.problems.isEmpty else { return nil }
    }
}

/// Every setting of a run, checked. Built from `ConfigurationSources`; every problem in any
/// value is named at once in one `ConfigurationError` (never with a secret's value).
public struct Settings: Sendable {
    package var database: DatabaseSettings
    /// Zulip's own settings as read; nil when Zulip is not configured (allowed with --dry-run).
    var zulipAccount: ZulipAccount?
    /// When Zulip is not configured: what its settings lack, as a run that posts would name it
    /// (doctor says so); nil when it is configured, or when notify_urls tells someone else.
    package var zulipIncomplete: ConfigurationError?
    /// The heartbeat monitor's ping URL (Healthchecks, Uptime Kuma or Cronitor), or nil.
    public var heartbeat: HeartbeatURL?
    /// Seconds that all heartbeat calls of one run may take together: heartbeat_timeout.
    public var heartbeatTimeout: Double
    public var metrics: MetricsSettings
    package var check: CheckSettings
    public var logLevel: LogLevel
    /// Seconds each HTTP request (Zulip, heartbeat, Pushgateway) may take: zulip_timeout.
    public var httpTimeout: Double
    /// The system's CA bundle, for https services and the database.
    public var systemCAFile: String?
    /// The program running the check, as the executable named itself (nil in tests).
    package var program: Program?
    /// notify_urls, read, in the order written.
    public var notify: [DestinationURL]
    /// notify_tls_ca: trusted besides the system's CAs by every notify_urls destination.
    public var notifyCAFile: String?

    /// Reads and checks every setting. With `requireZulip`, missing Zulip settings are errors.
    /// `zones` finds time zones; `systemCAFile` is the CA bundle the deployment trusts.
    package init(sources: ConfigurationSources, requireZulip: Bool, zones: ZoneLocator = ZoneLocator(),
                systemCAFile: String? = nil, program: Program? = nil) throws(ConfigurationError) {
        var reader = SettingReader(sources: sources)

        // Database.
        let username = reader.required(.dbUsername)
        // An empty password is a password (a user without one); only an unset one is missing.
        let password = reader.optional(.dbPassword) ?? ""
        if sources.value(Setting.dbPassword.name) == nil { reader.noteMissing(Setting.dbPassword.name) }
        let databaseName = reader.required(.database)
        let endpoint: Endpoint
        if let socket = reader.optional(.dbSocket) {
            endpoint = .unix(path: socket)
        } else {
            endpoint = .tcp(host: reader.text(.dbHost) ?? "", port: reader.port(.dbPort) ?? 0)
        }
        let table = reader.value(.dbTable, expected: "a table name of 1-64 letters, digits, _ or $", shown: 70) { TableName($0) }
        let tls = reader.choice(.dbTLS) { TLSMode(rawValue: $0) } ?? .preferred
        let tlsCA = reader.existingFile(.dbTLSCA)
        let readTimeout = reader.seconds(.dbReadTimeout) ?? 0
        let timeouts = Timeouts(connect: reader.seconds(.dbConnectTimeout) ?? 0, read: readTimeout, write: readTimeout)

        // More destinations.
        let notify = NotifyURLs.read(&reader)
        let notifyCAFile = reader.existingFile(.notifyTLSCA)

        // Zulip.
        let httpTimeout = reader.seconds(.zulipTimeout) ?? 0
        // A run needs Zulip when any of its settings is given (then all are needed: half a Zulip
        // configuration is a mistake, never skipped), or when notify_urls names nobody else.
        // Read either way: what it lacks is kept for doctor.
        let zulipGiven = Setting.zulipIdentity.contains { !(sources.value($0.name) ?? "").isEmpty }
        // notify_urls names someone when an entry was read, or when one could not be (then that
        // entry is the error, not "nobody would be told").
        let othersTold = !notify.isEmpty || reader.problems.contains { $0.name == Setting.notifyURLs.name }
        let zulipNeeded = zulipGiven || !othersTold
        var zulipReader = SettingReader(sources: sources)
        var zulipAccount: ZulipAccount?
        let apiKey = zulipReader.required(.zulipBotAPIKey)
        let channel = zulipReader.required(.zulipStream)
        let topic = zulipReader.required(.zulipTopic)
        let address = ZulipAddress(reader: &zulipReader)
        let zulipCA = zulipReader.existingFile(.zulipTLSCA)
        if !zulipGiven && !othersTold {
            zulipReader.problem(Setting.notifyURLs.name, "nobody would be told: set the zulip_* settings, notify_urls, or both")
        }
        if zulipGiven, let address, zulipReader.missing.isEmpty {
            zulipAccount = ZulipAccount(address: address, apiKey: Secret(apiKey), channel: channel, topic: topic, caFile: zulipCA)
        }
        // A run that posts needs what Zulip lacks; with the API key given (a dry run, doctor)
        // a broken Zulip setting is still an error, as it was before notify_urls.
        let zulipChecked = (requireZulip && zulipNeeded) || !(sources.value(Setting.zulipBotAPIKey.name) ?? "").isEmpty
        if zulipChecked { reader.note(zulipReader) }

        // Heartbeat and metrics.
        let heartbeat = reader.heartbeatURL(.heartbeatURL)
        let heartbeatTimeout = reader.seconds(.heartbeatTimeout) ?? 0
        let metrics = MetricsSettings(reader: &reader)

        // The check itself.
        let expected = reader.text(.expectedBackups) ?? ""
        let historyDays = reader.integer(.historyDays, in: 1...Schedule.maxEveryDays) ?? 0
        let reportHistoryDays = reader.integer(.reportHistoryDays, in: 0...Schedule.maxEveryDays) ?? 0
        let factor = reader.value(.durationFactor, expected: "a number above 1 (how many times slower or faster than the median)") { text in
            Double(text).flatMap { $0 > 1 && $0 <= 1000 ? $0 : nil }
        } ?? 0
        var zone = TimeZone.utc
        if let name = reader.optional(.timezone) {
            do throws(ZoneLocator.Failure) { zone = try zones.zone(named: name) } catch {
                reader.problem("timezone", ZoneLocator.problem(error, setting: "timezone"))
            }
        } else {
            // TZ as the executable found it: a zone that cannot be found is the same error as
            // in `timezone`, never a silent UTC.
            do throws(ZoneLocator.Failure) { zone = try zones.processZone() } catch {
                reader.problem("TZ", ZoneLocator.problem(error, setting: "TZ") + "; set timezone, or correct or unset TZ")
            }
        }
        let level = reader.choice(.logLevel) { LogLevel(name: $0) } ?? .info

        // db_table's default always reads, so `table` is nil only beside a problem, thrown above.
        if let error = reader.error { throw error }
        guard let table else {
            throw .settings(missing: [], problems: [SettingProblem(name: Setting.dbTable.name, message: "db_table could not be read")])
        }
        database = DatabaseSettings(endpoint: endpoint, username: username, password: Secret(password),
                                    database: databaseName, table: table, tls: tls, tlsCA: tlsCA, timeouts: timeouts)
        self.zulipAccount = zulipAccount
        // What a run would lack: Zulip's settings, when nothing else would be told.
        zulipIncomplete = !zulipChecked && zulipNeeded ? zulipReader.error : nil
        self.heartbeat = heartbeat
        self.heartbeatTimeout = heartbeatTimeout
        self.metrics = metrics
        check = CheckSettings(expectedPath: expected, historyDays: historyDays, durationFactor: factor, zone: zone,
                              reportHistoryDays: reportHistoryDays)
        logLevel = level
        self.httpTimeout = httpTimeout
        self.systemCAFile = systemCAFile
        self.program = program
        self.notify = notify
        self.notifyCAFile = notifyCAFile
    }
}

extension Settings {
    /// Zulip's own settings, as read. The destination (`Settings.zulip`) takes the request
    /// timeout and the system's CA bundle from the settings, which keep each once.
    struct ZulipAccount: Sendable {
        var address: ZulipAddress
        var apiKey: Secret
        var channel: String
        var topic: String
        /// zulip_tls_ca; nil when not set (the system's CAs are trusted then).
        var caFile: String?
    }

    /// Where the message goes: nil when Zulip is not configured (allowed with --dry-run).
    public var zulip: ZulipDestination? {
        zulipAccount.map {
            ZulipDestination(site: $0.address.site, email: $0.address.email, apiKey: $0.apiKey, channel: $0.channel,
                             topic: $0.topic, caFile: $0.caFile ?? systemCAFile, timeout: httpTimeout)
        }
    }

    /// Connection options for MySQLWire: the database settings, the system's CA bundle (trusted
    /// when db_tls_ca is not set) and the program's name, with packets traced to `trace` when given.
    package func connectionOptions(trace: PacketTracer? = nil) -> ConnectionOptions {
        ConnectionOptions(endpoint: database.endpoint, username: database.username, password: database.password,
                          database: database.database, timeouts: database.timeouts, commandTimeout: database.timeouts.read,
                          tlsMode: database.tls, tlsCAFile: database.tlsCA, tlsDefaultCAFile: systemCAFile,
                          programName: program?.name, trace: trace)
    }
}
