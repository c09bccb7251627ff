import MySQLWire
import Transport

/// `backup-checker doctor`: tries the database and Zulip without posting, and says what it
/// found or, for each failure, what to change.
public struct Doctor {
    public var sources: ConfigurationSources
    public var day: CalendarDay?

    public init(sources: ConfigurationSources, day: CalendarDay? = nil) {
        self.sources = sources
        self.day = day
    }

    public func run(now: Int64 = LocalCalendar.now(), output: (String) -> Void) -> ExitStatus {
        let settings: Settings
        do {
            settings = try Settings(sources: sources, requireZulip: false)
        } catch {
            output("configuration: \(error.description)")
            output("  fix: set the variables named above (see backup-checker --help)")
            return .usage
        }
        let zone = settings.timezone ?? LocalCalendar.processZoneName()
        let checkedDay = day ?? LocalCalendar.day(at: now, in: settings.timezone)
        var status = ExitStatus.ok
        if !checkDatabase(settings.database, day: checkedDay, zone: zone, output: output) { status = .database }
        do {
            let full = try Settings(sources: sources, requireZulip: true)
            if let zulip = full.zulip, !checkZulip(zulip, output: output) { status = max(status, .delivery) }
        } catch {
            output("zulip: \(error.description)")
            output("  fix: set zulip_organization (or zulip_site), zulip_bot_name (or zulip_email), zulip_bot_api_key, zulip_stream and zulip_topic")
            status = max(status, .usage)
        }
        output("result: " + (status == .ok ? "ok" : "problems found"))
        return status
    }

    private func checkDatabase(_ settings: DatabaseSettings, day: CalendarDay?, zone: String,
                               output: (String) -> Void) -> Bool {
        let connection: Connection
        do {
            connection = try Connection(options: settings.connectionOptions)
        } catch {
            output("database: cannot connect to \(settings.endpoint) as \(settings.username): \(error)")
            output("  fix: \(Self.hint(for: error, settings: settings))")
            return false
        }
        defer { connection.close() }
        output("database: connected to \(connection.serverVersion) at \(settings.endpoint) as \(settings.username)")
        output("  auth plugin: \(connection.authPlugin)")
        if let tls = connection.tls {
            output("  TLS: \(tls.version) \(tls.cipher) (certificate: \(connection.certificateCheck ?? "not verified"))")
        } else {
            output("  TLS: not encrypted" + (settings.endpoint.isUnixSocket ? " (unix socket)" : ""))
        }
        do {
            let columns = try connection.query("SHOW COLUMNS FROM `\(settings.table)`").rows.map { row in
                "\((try? row.string(0)) ?? nil ?? "?") \((try? row.string(1)) ?? nil ?? "?")"
            }
            output("  table `\(settings.table)`: \(columns.joined(separator: ", "))")
            let names = Set(columns.map { String($0.prefix { $0 != " " }) })
            let missing = ["date", "target", "status"].filter { !names.contains($0) }
            if !missing.isEmpty {
                output("  fix: the table has no column \(missing.joined(separator: ", ")); see deploy/schema.sql")
                return false
            }
            if let day {
                let count = try connection.query("SELECT COUNT(*) FROM `\(settings.table)` WHERE `date` = '\(day)'")
                    .rows.first?.int64(0) ?? 0
                output("  rows for \(day) (\(zone)): \(count)")
            }
        } catch {
            output("  table `\(settings.table)`: \(error)")
            output("  fix: \(Self.hint(for: error, settings: settings))")
            return false
        }
        return true
    }

    private func checkZulip(_ settings: ZulipSettings, output: (String) -> Void) -> Bool {
        do {
            let bot = try ZulipClient(settings: settings, logger: Logger(level: .error)).me()
            output("zulip: \(settings.site) as \(settings.email)")
            output("  bot: \(bot.name) <\(bot.email)>; messages go to \(settings.stream) > \(settings.topic)")
            return true
        } catch {
            output("zulip: \(settings.site) as \(settings.email): \(error)")
            let text = error.description
            if text.contains("HTTP 401") || text.contains("HTTP 403") {
                output("  fix: check zulip_bot_api_key and the bot's e-mail (zulip_bot_name or zulip_email)")
            } else if text.contains("certificate") {
                output("  fix: the site's certificate is not trusted; set zulip_tls_ca to the CA that signed it")
            } else {
                output("  fix: check zulip_site / zulip_organization, DNS, and that firewall and proxy let this host reach it")
            }
            return false
        }
    }

    /// What to change for a database error.
    static func hint(for error: MySQLError, settings: DatabaseSettings) -> String {
        switch error {
        case .transport(.resolve):
            return "db_host does not resolve; check the name or use an address"
        case .transport(.connect):
            return "nothing accepts connections at \(settings.endpoint); check db_host/db_port (or db_socket), the server's bind-address and the firewall"
        case .transport(.timeout):
            return "the server did not answer in time; a firewall may drop the packets, or db_host is wrong"
        case .transport:
            return "the connection broke; check the network and the server's log"
        case let .server(server):
            switch server.code {
            case 1045: return "check db_username and db_password, and that the account exists for the host the checker connects from"
            case 1044, 1049: return "check database, and that the account is granted SELECT on it (deploy/grants.sql)"
            case 1130: return "the server does not accept this host; create the account for the checker's address or subnet (deploy/grants.sql)"
            case 1146: return "check db_table (the table of backup results)"
            case 1142: return "grant SELECT on the table to \(settings.username) (deploy/grants.sql)"
            default: return "see the server's message above"
            }
        case .insecure:
            return "set db_tls_ca to the CA that signed the server's certificate, or db_tls=required to encrypt without verifying"
        case .unsupported:
            return "the server asks for something this client does not do; see the message above"
        default:
            return "see the message above"
        }
    }
}

extension Endpoint {
    var isUnixSocket: Bool {
        if case .unix = self { return true }
        return false
    }
}
