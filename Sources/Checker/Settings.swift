import MySQLWire
import Transport

/// Where and how to reach the database.
public struct DatabaseSettings: Sendable {
    public var endpoint: Endpoint
    public var username: String
    public var password: Secret
    public var database: String
    public var table: String
    public var tls: TLSMode
    public var tlsCA: String?
    public var timeouts: Timeouts

    /// Connection options for MySQLWire.
    public var connectionOptions: ConnectionOptions {
        ConnectionOptions(endpoint: endpoint, username: username, password: password, database: database,
                          timeouts: timeouts, tlsMode: tls, tlsCAFile: tlsCA)
    }
}

/// Where the message goes.
public struct ZulipSettings: Sendable {
    public var site: SiteURL
    public var email: String
    public var apiKey: Secret
    public var stream: String
    public var topic: String
    /// PEM file of CAs trusted for an https site with a private CA; nil for the system's.
    public var caFile: String?
    /// Seconds to connect, and to wait for each answer.
    public var timeout: Double

    public init(site: SiteURL, email: String, apiKey: Secret, stream: String, topic: String, caFile: String? = nil,
                timeout: Double = 30) {
        self.site = site
        self.email = email
        self.apiKey = apiKey
        self.stream = stream
        self.topic = topic
        self.caFile = caFile
        self.timeout = timeout
    }
}

/// Every setting of a run, checked. Built from `ConfigurationSources`; a problem in any value
/// is a `CheckerError.configuration` naming the variable (never its secret value).
public struct Settings: Sendable {
    public var database: DatabaseSettings
    /// nil when Zulip is not configured (allowed with --dry-run).
    public var zulip: ZulipSettings?
    public var expectedPath: String
    /// The IANA zone that defines "today"; nil for the process's local zone.
    public var timezone: String?
    public var logLevel: LogLevel

    /// Reads and checks every setting. With `requireZulip`, missing Zulip settings are errors.
    public init(sources: ConfigurationSources, requireZulip: Bool) throws(CheckerError) {
        var missing: [String] = []
        var problems: [String] = []
        func required(_ name: String) -> String {
            guard let value = sources.value(name), !value.isEmpty else {
                missing.append(name)
                return ""
            }
            return value
        }
        func optional(_ name: String) -> String? {
            guard let value = sources.value(name), !value.isEmpty else { return nil }
            return value
        }
        func seconds(_ name: String, default fallback: Double) -> Double {
            guard let text = optional(name) else { return fallback }
            guard let value = Double(text), value > 0, value <= 86_400 else {
                problems.append("\(name) must be a number of seconds between 0 and 86400, not \"\(text.prefix(40))\"")
                return fallback
            }
            return value
        }

        // Database.
        let username = required("db_username")
        let password = sources.value("db_password")
        if password == nil { missing.append("db_password") }
        let databaseName = required("database")
        var endpoint = Endpoint.tcp(host: "127.0.0.1", port: 3306)
        if let socket = optional("db_socket") {
            endpoint = .unix(path: socket)
        } else {
            let host = optional("db_host") ?? "127.0.0.1"
            var port: UInt16 = 3306
            if let text = optional("db_port") {
                if let value = UInt16(text), value > 0 { port = value } else {
                    problems.append("db_port must be a port number 1-65535, not \"\(text.prefix(40))\"")
                }
            }
            endpoint = .tcp(host: host, port: port)
        }
        let table = optional("db_table") ?? "list"
        if !BackupQuery.isValidIdentifier(table) {
            problems.append("db_table must be a table name of 1-64 letters, digits, _ or $, not \"\(table.prefix(70))\"")
        }
        var tls = TLSMode.preferred
        if let text = optional("db_tls") {
            if let mode = TLSMode(rawValue: text.lowercased()) { tls = mode } else {
                let modes = TLSMode.allCases.map(\.rawValue).joined(separator: ", ")
                problems.append("db_tls must be one of \(modes), not \"\(text.prefix(40))\"")
            }
        }
        let readTimeout = seconds("db_read_timeout", default: 30)
        let timeouts = Timeouts(connect: seconds("db_connect_timeout", default: 10), read: readTimeout,
                                write: readTimeout)

        // Zulip.
        var zulip: ZulipSettings?
        let zulipMissingBefore = missing.count
        let zulipConfigured = requireZulip || optional("zulip_bot_api_key") != nil
        if zulipConfigured {
            let apiKey = required("zulip_bot_api_key")
            let stream = required("zulip_stream")
            let topic = required("zulip_topic")
            let site = Settings.site(sources: sources, optional: optional, problems: &problems)
            let timeout = seconds("zulip_timeout", default: 30)
            if site == nil && optional("zulip_site") == nil && optional("zulip_organization") == nil {
                missing.append("zulip_organization (or zulip_site)")
            }
            var email = optional("zulip_email")
            if email == nil, let name = optional("zulip_bot_name") {
                email = Settings.botEmail(name: name, organization: optional("zulip_organization"), site: site)
            }
            if email == nil { missing.append("zulip_bot_name (or zulip_email)") }
            if let site, let email, missing.count == zulipMissingBefore {
                zulip = ZulipSettings(site: site, email: email, apiKey: Secret(apiKey), stream: stream, topic: topic,
                                      caFile: optional("zulip_tls_ca"), timeout: timeout)
            }
        }

        // The check itself.
        let expected = optional("expected_backups") ?? "./expected-backups"
        let zone = optional("timezone")
        if let zone, !LocalCalendar.isKnownZone(zone) {
            problems.append("timezone \"\(zone.prefix(60))\" is not a known IANA time zone (e.g. Europe/Berlin, UTC)")
        }
        var level = LogLevel.info
        if let text = optional("LOG_LEVEL") ?? optional("log_level") {
            if let value = LogLevel(name: text) { level = value } else {
                problems.append("LOG_LEVEL must be one of trace, debug, info, warning, error, not \"\(text.prefix(40))\"")
            }
        }

        if !missing.isEmpty {
            problems.insert("missing " + missing.joined(separator: ", "), at: 0)
        }
        guard problems.isEmpty else { throw .configuration(problems.joined(separator: "; ")) }

        database = DatabaseSettings(endpoint: endpoint, username: username, password: Secret(password ?? ""),
                                    database: databaseName, table: table, tls: tls, tlsCA: optional("db_tls_ca"),
                                    timeouts: timeouts)
        self.zulip = zulip
        expectedPath = expected
        timezone = zone
        logLevel = level
    }

    /// zulip_site, or the site derived from zulip_organization: a host name becomes
    /// https://host, a bare organization https://ORG.zulipchat.com.
    private static func site(sources: ConfigurationSources, optional: (String) -> String?,
                             problems: inout [String]) -> SiteURL? {
        if let text = optional("zulip_site") {
            guard let url = SiteURL(text) else {
                problems.append("zulip_site must be an http:// or https:// URL, not \"\(text.prefix(80))\"")
                return nil
            }
            return url
        }
        guard let organization = optional("zulip_organization") else { return nil }
        let text: String
        if organization.hasPrefix("https://") || organization.hasPrefix("http://") {
            text = organization
        } else if organization.contains(".") || organization.contains(":") {
            text = "https://" + organization
        } else {
            text = "https://\(organization).zulipchat.com"
        }
        guard let url = SiteURL(text) else {
            problems.append("zulip_organization must be a host name or an organization name, not \"\(organization.prefix(80))\"")
            return nil
        }
        return url
    }

    /// The bot's e-mail as the seed's deployment (apprise) derived it: NAME-bot@HOST.
    static func botEmail(name: String, organization: String?, site: SiteURL?) -> String {
        if name.contains("@") { return name }
        let bot = name.hasSuffix("-bot") ? name : name + "-bot"
        var host = site?.host ?? ""
        if let organization {
            if organization.hasPrefix("http://") || organization.hasPrefix("https://") {
                host = SiteURL(organization)?.host ?? host
            } else if organization.contains(".") || organization.contains(":") {
                host = SiteURL("https://" + organization)?.host ?? organization
            } else {
                host = "\(organization).zulipchat.com"
            }
        }
        return "\(bot)@\(host)"
    }
}
