import MySQLWire

/// One setting of the tool, declared once: its name, its default, how its value is read, the
/// words of its help, its section, and whether it is a secret or names a file. `Settings`
/// reads every value through it, `--help` and `backup-checker settings` list it, doctor
/// names unknown variables by it, and a test holds README.md, docs/design.md and
/// deploy/.env.example to the same set of names.
public struct Setting: Sendable, Hashable {
    /// How a value is read.
    public enum Kind: String, Sendable {
        /// Any text without control characters.
        case text
        /// A path; `Setting.isFile` says whether it must be an existing file.
        case path
        /// A TCP port, 1-65535.
        case port
        /// A number of seconds in (0, 86400].
        case seconds
        /// A whole number (the range is the reader's).
        case integer
        /// A number.
        case number
        /// One of `Setting.choices`.
        case choice
        /// An http(s) URL.
        case url
        /// An IANA time zone name.
        case zone
    }

    /// Where the setting belongs, in the order `--help` shows them.
    public enum Section: String, Sendable, CaseIterable {
        case database, zulip, notify, check, monitoring, logging
    }

    /// The variable's name as the seed spelt it (lower case; upper case is accepted too).
    public let name: String
    /// The value used when the setting is not set, written as a user would write it; nil when
    /// there is none or it is derived (the help says from what).
    public let defaultValue: String?
    public let kind: Kind
    public let section: Section
    /// One line of help, without the default.
    public let help: String
    /// The value is a credential: never shown, never repeated in a message.
    public let isSecret: Bool
    /// The value names a file that must exist when the setting is read.
    public let isFile: Bool
    /// The allowed values of a `.choice`.
    public let choices: [String]

    init(_ name: String, default defaultValue: String? = nil, _ kind: Kind, _ section: Section, _ help: String,
         secret: Bool = false, file: Bool = false, choices: [String] = []) {
        self.name = name
        self.defaultValue = defaultValue
        self.kind = kind
        self.section = section
        self.help = help
        isSecret = secret
        isFile = file
        self.choices = choices
    }

    /// The setting called `name` (either case), nil for a name this tool does not read.
    public static func named(_ name: String) -> Setting? {
        all.first { $0.name == name || $0.name.lowercased() == name.lowercased() }
    }

    /// One line for `backup-checker settings`: name, default (empty when none), kind, section,
    /// attributes (`secret`, `file`, both comma-separated, or `-`) and help, tab-separated.
    public var listing: String {
        let attributes = [isSecret ? "secret" : nil, isFile ? "file" : nil].compactMap { $0 }
        return [name, defaultValue ?? "", kind.rawValue, section.rawValue,
                attributes.isEmpty ? "-" : attributes.joined(separator: ","), help].joined(separator: "\t")
    }
}

extension Setting {
    // The database.
    static let dbHost = Setting("db_host", default: "127.0.0.1", .text, .database, "server host name or address")
    static let dbPort = Setting("db_port", default: "3306", .port, .database, "server port")
    static let dbSocket = Setting("db_socket", .path, .database, "unix socket path; wins over host and port")
    static let dbUsername = Setting("db_username", .text, .database, "user name")
    static let dbPassword = Setting("db_password", .text, .database, "password", secret: true)
    static let database = Setting("database", .text, .database, "schema")
    static let dbTable = Setting("db_table", default: "list", .text, .database,
                                 "table of backup results (a plain identifier; quoted in the query)")
    static let dbTLS = Setting("db_tls", default: TLSMode.preferred.rawValue, .choice, .database, "TLS mode",
                               choices: TLSMode.allCases.map(\.rawValue))
    static let dbTLSCA = Setting("db_tls_ca", .path, .database, "CA file for the verify modes", file: true)
    static let dbConnectTimeout = Setting("db_connect_timeout", default: "10", .seconds, .database,
                                          "seconds to connect and log in")
    static let dbReadTimeout = Setting("db_read_timeout", default: "30", .seconds, .database,
                                       "seconds for each query to its last row")

    // Zulip.
    static let zulipOrganization = Setting("zulip_organization", .text, .zulip,
                                           "zulip.example.org, or acme for acme.zulipchat.com")
    static let zulipSite = Setting("zulip_site", .url, .zulip, "explicit base URL instead (derived from zulip_organization)")
    static let zulipBotName = Setting("zulip_bot_name", .text, .zulip, "the bot; its e-mail is NAME-bot@HOST")
    static let zulipEmail = Setting("zulip_email", .text, .zulip, "explicit bot e-mail instead (derived from zulip_bot_name)")
    static let zulipBotAPIKey = Setting("zulip_bot_api_key", .text, .zulip, "the bot's API key", secret: true)
    static let zulipStream = Setting("zulip_stream", .text, .zulip, "stream (channel) the message goes to")
    static let zulipTopic = Setting("zulip_topic", .text, .zulip, "topic of the message")
    /// The Zulip settings that say where and as whom to post: any of them given means Zulip
    /// is wanted, and then every one is needed.
    static let zulipIdentity = [zulipOrganization, zulipSite, zulipBotName, zulipEmail, zulipBotAPIKey, zulipStream, zulipTopic]
    static let zulipTLSCA = Setting("zulip_tls_ca", .path, .zulip, "CA file for a Zulip site with a private CA", file: true)
    static let zulipTimeout = Setting("zulip_timeout", default: "30", .seconds, .zulip,
                                      "seconds for each HTTP request (Zulip, heartbeat, Pushgateway)")

    // More destinations.
    static let notifyURLs = Setting("notify_urls", .text, .notify,
                                    "more destinations, apprise URLs separated by spaces or commas (mailtos://, slack://, mmosts://, discord://, tgram://, matrixs://, ntfys://, jsons://, zulip://)",
                                    secret: true)
    static let notifyTLSCA = Setting("notify_tls_ca", .path, .notify,
                                     "CA file trusted, besides the system's, by every notify_urls destination", file: true)

    // The check.
    static let expectedBackups = Setting("expected_backups", default: "./expected-backups", .path, .check, "the expected list")
    static let historyDays = Setting("history_days", default: "35", .integer, .check,
                                     "days of history read (at least the largest every N)")
    static let reportHistoryDays = Setting("report_history_days", default: "14", .integer, .check,
                                           "days in the report's history grid (0 leaves it out)")
    static let durationFactor = Setting("duration_factor", default: "3", .number, .check,
                                        "how many times slower or faster than its median a run is flagged")
    static let timezone = Setting("timezone", .zone, .check, "IANA zone that defines today (TZ, else the local zone)")

    // Monitoring.
    static let heartbeatURL = Setting("heartbeat_url", .url, .monitoring,
                                      "ping URL of Healthchecks, an Uptime Kuma push monitor (…/api/push/TOKEN) or Cronitor (…/p/KEY/NAME)",
                                      secret: true)
    static let heartbeatTimeout = Setting("heartbeat_timeout", default: "10", .seconds, .monitoring,
                                          "seconds that all heartbeat calls of one run may take together")
    static let metricsFile = Setting("metrics_file", .path, .monitoring, "Prometheus textfile to write")
    static let pushgatewayURL = Setting("pushgateway_url", .url, .monitoring, "Prometheus Pushgateway base URL")
    static let metricsInstance = Setting("metrics_instance", .text, .monitoring, "its instance label")

    // Logging.
    static let logLevel = Setting("LOG_LEVEL", default: LogLevel.info.description, .choice, .logging, "what stderr gets",
                                  choices: LogLevel.allCases.map(\.description))

    /// Every setting, in the order `--help` and `backup-checker settings` list them.
    public static let all: [Setting] = [
        dbHost, dbPort, dbSocket, dbUsername, dbPassword, database, dbTable, dbTLS, dbTLSCA, dbConnectTimeout,
        dbReadTimeout,
        zulipOrganization, zulipSite, zulipBotName, zulipEmail, zulipBotAPIKey, zulipStream, zulipTopic, zulipTLSCA,
        zulipTimeout,
        notifyURLs, notifyTLSCA,
        expectedBackups, historyDays, reportHistoryDays, durationFactor, timezone,
        heartbeatURL, heartbeatTimeout, metricsFile, pushgatewayURL, metricsInstance,
        logLevel,
    ]
}
