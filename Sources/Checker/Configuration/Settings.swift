import MySQLWire
import Notify
import Transport

/// Where and how to reach the database.
public struct DatabaseSettings: Sendable {
    public var endpoint: Endpoint
    public var username: String
    public var password: Secret
    public var database: String
    public var table: String
    public var tls: TLSMode
    /// The CA file of db_tls_ca; nil when none is configured.
    public var tlsCA: String?
    /// The system's CA bundle, trusted when db_tls_ca is not set.
    public var systemCAFile: String?
    /// db_connect_timeout bounds the whole login; db_read_timeout each read and each query
    /// from sending it to its last row.
    public var timeouts: Timeouts

    /// Connection options for MySQLWire, with packets traced to `trace` when given.
    public func connectionOptions(trace: PacketTracer? = nil) -> ConnectionOptions {
        ConnectionOptions(endpoint: endpoint, username: username, password: password, database: database,
                          timeouts: timeouts, commandTimeout: timeouts.read, tlsMode: tls, tlsCAFile: tlsCA,
                          tlsDefaultCAFile: systemCAFile, programName: "backup-checker", trace: trace)
    }
}

/// What the check compares and how.
public struct CheckSettings: Sendable {
    /// The expected list's path.
    public var expectedPath: String
    /// Days of history read before the checked day (for last success, overdue, durations).
    public var historyDays: Int
    /// How many times slower or faster than its median a run must be to be flagged.
    public var durationFactor: Double
    /// The zone that defines "today".
    public var zone: TimeZone

    public init(expectedPath: String, historyDays: Int = 35, durationFactor: Double = 3, zone: TimeZone = .utc) {
        self.expectedPath = expectedPath
        self.historyDays = historyDays
        self.durationFactor = durationFactor
        self.zone = zone
    }
}

/// Where the metrics go.
public struct MetricsSettings: Sendable {
    /// node_exporter textfile to write, or nil.
    public var file: String?
    /// Pushgateway base URL, or nil.
    public var pushgateway: SiteURL?
    /// The `instance` grouping label at the Pushgateway, or nil.
    public var instance: String?

    init(reader: inout SettingReader) {
        file = reader.optional("metrics_file")
        pushgateway = reader.url("pushgateway_url", carriesCredential: false)
        instance = reader.optional("metrics_instance")
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
    public var database: DatabaseSettings
    /// nil when Zulip is not configured (allowed with --dry-run).
    public var zulip: ZulipDestination?
    /// The Healthchecks-style ping URL, or nil.
    public var heartbeat: SiteURL?
    public var metrics: MetricsSettings
    public var check: CheckSettings
    public var logLevel: LogLevel
    /// Seconds each HTTP request (Zulip, heartbeat, Pushgateway) may take: zulip_timeout.
    public var httpTimeout: Double
    /// The system's CA bundle, for https services and the database.
    public var systemCAFile: String?
    /// notify_urls, read, in the order written.
    public var notify: [DestinationURL]
    /// notify_tls_ca: trusted besides the system's CAs by every notify_urls destination.
    public var notifyCAFile: String?

    /// Reads and checks every setting. With `requireZulip`, missing Zulip settings are errors.
    /// `zones` finds time zones; `systemCAFile` is the CA bundle the deployment trusts.
    public init(sources: ConfigurationSources, requireZulip: Bool, zones: ZoneLocator = ZoneLocator(),
                systemCAFile: String? = nil) throws(ConfigurationError) {
        var reader = SettingReader(sources: sources)

        // Database.
        let username = reader.required("db_username")
        let password = sources.value("db_password")
        if password == nil { reader.noteMissing("db_password") } else { _ = reader.optional("db_password") }
        let databaseName = reader.required("database")
        var endpoint = Endpoint.tcp(host: "127.0.0.1", port: 3306)
        if let socket = reader.optional("db_socket") {
            endpoint = .unix(path: socket)
        } else {
            let host = reader.optional("db_host") ?? "127.0.0.1"
            var port: UInt16 = 3306
            if let text = reader.optional("db_port") {
                if let value = UInt16(text), value > 0 { port = value } else {
                    reader.problem("db_port", "db_port must be a port number 1-65535, not \"\(text.prefix(40))\"")
                }
            }
            endpoint = .tcp(host: host, port: port)
        }
        let table = reader.optional("db_table") ?? "list"
        if !BackupQueries.isValidIdentifier(table) {
            reader.problem("db_table", "db_table must be a table name of 1-64 letters, digits, _ or $, not \"\(table.prefix(70))\"")
        }
        var tls = TLSMode.preferred
        if let text = reader.optional("db_tls") {
            if let mode = TLSMode(rawValue: text.lowercased()) { tls = mode } else {
                let modes = TLSMode.allCases.map(\.rawValue).joined(separator: ", ")
                reader.problem("db_tls", "db_tls must be one of \(modes), not \"\(text.prefix(40))\"")
            }
        }
        let tlsCA = reader.existingFile("db_tls_ca")
        let readTimeout = reader.seconds("db_read_timeout", default: 30)
        let timeouts = Timeouts(connect: reader.seconds("db_connect_timeout", default: 10), read: readTimeout,
                                write: readTimeout)

        // Zulip.
        let httpTimeout = reader.seconds("zulip_timeout", default: 30)
        var zulip: ZulipDestination?
        if requireZulip || reader.optional("zulip_bot_api_key") != nil {
            let missingBefore = reader.missing.count
            let apiKey = reader.required("zulip_bot_api_key")
            let channel = reader.required("zulip_stream")
            let topic = reader.required("zulip_topic")
            let address = ZulipAddress(reader: &reader)
            let caFile = reader.existingFile("zulip_tls_ca")
            if let address, reader.missing.count == missingBefore {
                zulip = ZulipDestination(site: address.site, email: address.email, apiKey: Secret(apiKey), channel: channel,
                                         topic: topic, caFile: caFile ?? systemCAFile, timeout: httpTimeout)
            }
        }

        // Heartbeat and metrics.
        let heartbeat = reader.url("heartbeat_url", carriesCredential: true, isSecret: true)
        let metrics = MetricsSettings(reader: &reader)

        // More destinations.
        let notify = NotifyURLs.read(&reader)
        let notifyCAFile = reader.existingFile("notify_tls_ca")

        // The check itself.
        let expected = reader.optional("expected_backups") ?? "./expected-backups"
        let historyDays = reader.integer("history_days", default: 35, in: 1...Schedule.maxEveryDays)
        var factor = 3.0
        if let text = reader.optional("duration_factor") {
            if let value = Double(text), value > 1, value <= 1000 { factor = value } else {
                reader.problem("duration_factor", "duration_factor must be a number above 1 (how many times slower or faster than the median), not \"\(text.prefix(40))\"")
            }
        }
        var zone = TimeZone.utc
        if let name = reader.optional("timezone") {
            do {
                zone = try zones.zone(named: name)
            } catch {
                switch error {
                case .unknown:
                    reader.problem("timezone", "timezone \"\(name.prefix(60))\" is not a known IANA time zone (e.g. Europe/Berlin, UTC)")
                case let .unreadable(_, reason):
                    reader.problem("timezone", "timezone \(name.prefix(60)) cannot be read: \(reason)")
                }
            }
        } else {
            zone = zones.processZone()
        }
        var level = LogLevel.info
        if let text = reader.optional("LOG_LEVEL") ?? reader.optional("log_level") {
            if let value = LogLevel(name: text) { level = value } else {
                let levels = LogLevel.allCases.map(\.description).joined(separator: ", ")
                reader.problem("LOG_LEVEL", "LOG_LEVEL must be one of \(levels), not \"\(text.prefix(40))\"")
            }
        }

        guard reader.missing.isEmpty, reader.problems.isEmpty else {
            throw .settings(missing: reader.missing, problems: reader.problems)
        }
        database = DatabaseSettings(endpoint: endpoint, username: username, password: Secret(password ?? ""),
                                    database: databaseName, table: table, tls: tls, tlsCA: tlsCA,
                                    systemCAFile: systemCAFile, timeouts: timeouts)
        self.zulip = zulip
        self.heartbeat = heartbeat
        self.metrics = metrics
        check = CheckSettings(expectedPath: expected, historyDays: historyDays, durationFactor: factor, zone: zone)
        logLevel = level
        self.httpTimeout = httpTimeout
        self.systemCAFile = systemCAFile
        self.notify = notify
        self.notifyCAFile = notifyCAFile
    }
}
