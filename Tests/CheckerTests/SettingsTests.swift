import Glibc
import Testing
import TestSupport
import TextRules
import Transport
import Notify
@testable import Checker

@Suite("Settings")
struct SettingsTests {
    /// The ten variables the seed's pipeline wrote.
    static let seed: [String: String] = [
        "db_host": "10.0.0.5", "db_port": "3306", "db_username": "checker", "db_password": "pw",
        "database": "backups", "zulip_bot_name": "backup", "zulip_bot_api_key": "key",
        "zulip_organization": "zulip.example.org", "zulip_stream": "ops", "zulip_topic": "backups",
    ]

    static func settings(_ values: [String: String], requireZulip: Bool = true) throws(ConfigurationError) -> Settings {
        try Settings(sources: ConfigurationSources(file: values), requireZulip: requireZulip)
    }

    /// The problems a configuration has, by variable.
    static func problems(_ values: [String: String]) -> [String] {
        do {
            _ = try settings(values)
            return []
        } catch {
            guard case let .settings(missing, problems) = error else { return ["unexpected \(error)"] }
            return missing + problems.map(\.name)
        }
    }

    @Test("the seed's variables give the database, the Zulip site and the bot e-mail")
    func seedVariables() throws {
        let settings = try Self.settings(Self.seed)
        #expect(settings.database.endpoint == .tcp(host: "10.0.0.5", port: 3306))
        #expect(settings.database.table.name == "list")
        #expect(settings.database.tls == .preferred)
        #expect(settings.database.timeouts == Timeouts(connect: 10, read: 30, write: 30))
        let zulip = try #require(settings.zulip)
        #expect(zulip.site.description == "https://zulip.example.org")
        #expect(zulip.email == "backup-bot@zulip.example.org")
        #expect(settings.check.expectedPath == "./expected-backups")
        #expect(settings.check.historyDays == 35)
        #expect(settings.check.durationFactor == 3)
        #expect(settings.heartbeat == nil && settings.metrics.file == nil && settings.metrics.pushgateway == nil)
    }

    @Test("a bare organization is a zulipchat.com site; zulip_site and zulip_email override")
    func derivations() throws {
        var values = Self.seed
        values["zulip_organization"] = "acme"
        values["zulip_bot_name"] = "backup-bot"
        var zulip = try #require(try Self.settings(values).zulip)
        #expect(zulip.site.description == "https://acme.zulipchat.com")
        #expect(zulip.email == "backup-bot@acme.zulipchat.com")

        values["zulip_organization"] = "zulip.example.org"
        values["zulip_site"] = "http://127.0.0.1:9000"
        zulip = try #require(try Self.settings(values).zulip)
        #expect(zulip.site == SiteURL("http://127.0.0.1:9000"))
        #expect(zulip.email == "backup-bot@zulip.example.org")

        values["zulip_email"] = "robot@chat.example.test"
        zulip = try #require(try Self.settings(values).zulip)
        #expect(zulip.email == "robot@chat.example.test")

        values["zulip_email"] = nil
        values["zulip_bot_name"] = "someone@else.test"
        zulip = try #require(try Self.settings(values).zulip)
        #expect(zulip.email == "someone@else.test")
    }

    @Test("every missing variable is named in one error, and no value is shown")
    func missing() {
        #expect(throws: ConfigurationError.settings(missing: [
            "db_username", "db_password", "database", "zulip_bot_api_key", "zulip_stream", "zulip_topic",
            "zulip_organization (or zulip_site)", "zulip_bot_name (or zulip_email)",
        ], problems: [SettingProblem(name: "notify_urls", message: "nobody would be told: set the zulip_* settings, notify_urls, or both")])) {
            try Settings(sources: ConfigurationSources(), requireZulip: true)
        }
        #expect(ConfigurationError.settings(missing: ["a", "b"], problems: []).description == "missing a, b")
    }

    @Test("a dry run needs no Zulip settings")
    func dryRun() throws {
        let values = ["db_username": "u", "db_password": "", "database": "d"]
        let settings = try Settings(sources: ConfigurationSources(environment: values), requireZulip: false)
        #expect(settings.zulip == nil)
        #expect(settings.database.password.isEmpty)
    }

    @Test("bad values are errors that name the variable, never with the password", arguments: [
        ("db_port", "99999"), ("db_table", "list; DROP TABLE list"), ("db_tls", "sometimes"),
        ("db_connect_timeout", "-1"), ("timezone", "Mars/Olympus"), ("timezone", "../../etc/passwd"),
        ("LOG_LEVEL", "loud"), ("zulip_site", "ftp://x"), ("history_days", "0"), ("history_days", "367"),
        ("duration_factor", "1"), ("duration_factor", "fast"), ("heartbeat_url", "hc-ping.com/uuid"),
        ("pushgateway_url", "gopher://x"), ("zulip_organization", "acme/x"), ("zulip_organization", "a b"),
        ("db_tls_ca", "/no/such/ca.pem"), ("zulip_tls_ca", "/no/such/ca.pem"),
    ])
    func badValues(name: String, value: String) throws {
        var values = Self.seed
        values[name] = value
        #expect(Self.problems(values) == [name])
        do {
            _ = try Self.settings(values)
        } catch {
            #expect(!error.description.contains("pw"))
        }
    }

    @Test("a hostile db_table is refused once, when the settings are read, with its case and the rule it breaks; a plain one is kept", arguments: [
        "list; DROP TABLE list", "li`st", "a b", String(repeating: "x", count: 65), "lïst", "backups.list",
    ])
    func hostileTable(name: String) throws {
        var values = Self.seed
        values["db_table"] = name
        #expect(throws: ConfigurationError.settings(missing: [], problems: [SettingProblem(
            name: "db_table", message: "db_table must be a table name of 1-64 letters, digits, _ or $, not \"\(name.prefix(70))\"")])) {
            try Self.settings(values)
        }
        values["db_table"] = "backup_runs$2"
        #expect(try Self.settings(values).database.table.quoted == "`backup_runs$2`")
    }

    @Test("an unknown zone in TZ, when timezone is not set, is a configuration error like an unknown timezone", arguments: [
        "Europe/Berln", ":Europe/Berln",
    ])
    func unknownTZ(tz: String) {
        let sources = ConfigurationSources(environment: ["TZ": tz], file: Self.seed)
        #expect(throws: ConfigurationError.settings(missing: [], problems: [SettingProblem(
            name: "TZ", message: "TZ \"Europe/Berln\" is not a known IANA time zone (e.g. Europe/Berlin, UTC); set timezone, or correct or unset TZ")])) {
            try Settings(sources: sources, requireZulip: true, zones: ZoneLocator(environment: sources.environment))
        }
        // timezone, when set, decides: TZ is then not read at all.
        var values = Self.seed
        values["timezone"] = "Asia/Tokyo"
        let chosen = ConfigurationSources(environment: ["TZ": tz], file: values)
        #expect((try? Settings(sources: chosen, requireZulip: true, zones: ZoneLocator(environment: chosen.environment)))?.check.zone.name == "Asia/Tokyo")
    }

    @Test("a heartbeat URL that is not a URL is refused without being repeated: it is the ping's credential")
    func malformedHeartbeatURLNotShown() {
        var values = Self.seed
        values["heartbeat_url"] = "hc-ping.com/5bf66975-d4c7-4bf5-bcc8-b8d8a82ea278"
        do {
            _ = try Self.settings(values)
            Issue.record("a malformed heartbeat_url was accepted")
        } catch {
            #expect(error.description.includes("heartbeat_url"))
            #expect(!error.description.includes("5bf66975"), "\(error)")
        }
    }

    @Test("a credential over plain http beyond loopback is refused: exit 2 before any connection")
    func plainHTTP() {
        var values = Self.seed
        values["zulip_site"] = "http://zulip.example.org"
        values["heartbeat_url"] = "http://hc.example.org/5bf66975"
        #expect(Self.problems(values) == ["zulip_site", "heartbeat_url"])
        values["zulip_site"] = "http://127.0.0.1:9000"
        values["heartbeat_url"] = "http://[::1]:8000/5bf66975"
        #expect(Self.problems(values).isEmpty)
        // A Pushgateway URL carries no credential: plain http is its usual form.
        values["pushgateway_url"] = "http://prometheus.example.org:9091"
        #expect(Self.problems(values).isEmpty)
        // With a user part it does (basic auth): https, or plain http only to loopback.
        values["pushgateway_url"] = "http://u:pw@prometheus.example.org:9091"
        #expect(Self.problems(values) == ["pushgateway_url"])
        values["pushgateway_url"] = "https://u:pw@prometheus.example.org:9091"
        #expect(Self.problems(values).isEmpty)
        values["pushgateway_url"] = "http://u:pw@127.0.0.1:9091"
        let settings = try? Self.settings(values)
        #expect(settings?.metrics.pushgatewayCredentials?.user == "u")
        #expect(settings?.metrics.pushgateway?.description == "http://127.0.0.1:9091")
    }

    @Test("CR, LF and other control characters in a setting are refused, naming it", arguments: [
        ("zulip_topic", "daily\r\nX-Injected: 1"), ("zulip_stream", "ops\u{1B}[31m"), ("db_host", "db\n.example"),
        ("db_password", "pw\nx"), ("timezone", "UTC\t"),
    ])
    func controlCharacters(name: String, value: String) {
        var values = Self.seed
        values[name] = value
        #expect(Self.problems(values) == [name])
    }

    @Test("a bad read timeout is reported once, though it sets both read and write")
    func readTimeoutOnce() {
        var values = Self.seed
        values["db_read_timeout"] = "soon"
        #expect(throws: ConfigurationError.settings(missing: [], problems: [SettingProblem(
            name: "db_read_timeout", message: "db_read_timeout must be a number of seconds between 0 and 86400, not \"soon\"")])) {
            try Self.settings(values)
        }
    }

    @Test("a socket path wins over host and port")
    func socketWins() throws {
        var values = Self.seed
        values["db_socket"] = "/run/mysqld/mysqld.sock"
        let settings = try Self.settings(values, requireZulip: false)
        #expect(settings.database.endpoint == .unix(path: "/run/mysqld/mysqld.sock"))
    }

    @Test("the history, the factor, the heartbeat and the metrics settings")
    func newSettings() throws {
        var values = Self.seed
        values["history_days"] = "366"
        values["duration_factor"] = "2.5"
        values["heartbeat_url"] = "https://hc-ping.com/5bf66975-d4c7-4bf5-bcc8-b8d8a82ea278"
        values["metrics_file"] = "/var/lib/node_exporter/textfile/backup_checker.prom"
        values["pushgateway_url"] = "http://127.0.0.1:9091"
        values["metrics_instance"] = "db-1"
        values["timezone"] = "Europe/Berlin"
        let settings = try Self.settings(values)
        #expect(settings.check.historyDays == 366)
        #expect(settings.check.durationFactor == 2.5)
        #expect(settings.heartbeat?.site.host == "hc-ping.com" && settings.heartbeat?.monitor == .healthchecks)
        #expect(settings.heartbeatTimeout == 10)
        #expect(settings.metrics.file == "/var/lib/node_exporter/textfile/backup_checker.prom")
        #expect(settings.metrics.pushgateway?.port == 9091)
        #expect(settings.metrics.instance == "db-1")
        #expect(settings.check.zone.name == "Europe/Berlin")
    }

    @Test("the password prints as <redacted>")
    func redacted() throws {
        let settings = try Self.settings(Self.seed)
        #expect("\(settings)".contains("pw") == false)
        #expect("\(settings.database.password)" == "<redacted>")
    }

    @Test("the database options name the program handed down, and no version of the library's own")
    func connectionOptions() throws {
        let program = Program(name: "backup-checker", version: "9.8.7")
        let settings = try Settings(sources: ConfigurationSources(file: Self.seed), requireZulip: true, program: program)
        let options = settings.connectionOptions()
        #expect(options.attributes.contains { $0 == ("program_name", "backup-checker") })
        #expect(!options.attributes.contains { $0.0 == "_client_version" })
        #expect(!(try Self.settings(Self.seed)).connectionOptions().attributes.contains { $0.0 == "program_name" })
        #expect(options.commandTimeout == 30)
    }

    @Test("the system CA file and zulip_timeout are kept once: Zulip and the database take them from the settings, so a change reaches both")
    func storedOnce() throws {
        var settings = try Settings(sources: ConfigurationSources(file: Self.seed), requireZulip: true, systemCAFile: "/etc/ssl/first.pem")
        #expect(settings.zulip?.caFile == "/etc/ssl/first.pem")
        settings.systemCAFile = "/etc/ssl/second.pem"
        settings.httpTimeout = 7
        #expect(settings.zulip?.caFile == "/etc/ssl/second.pem")
        #expect(settings.zulip?.timeout == 7)
        #expect(settings.connectionOptions().tlsDefaultCAFile == "/etc/ssl/second.pem")
        // zulip_tls_ca, when set, is Zulip's own and wins over the system's.
        let directory = try TemporaryDirectory()
        var values = Self.seed
        values["zulip_tls_ca"] = try directory.write("zulip-ca.pem", "")
        settings = try Settings(sources: ConfigurationSources(file: values), requireZulip: true, systemCAFile: "/etc/ssl/first.pem")
        #expect(settings.zulip?.caFile == values["zulip_tls_ca"])
    }

    @Test("a CA file that is a directory or a FIFO is refused at reading with its case, for each CA setting (a FIFO without waiting for a writer)", arguments: [
        "db_tls_ca", "zulip_tls_ca", "notify_tls_ca",
    ])
    func caFileKinds(name: String) throws {
        let directory = try TemporaryDirectory()
        let fifo = directory.path + "/ca.fifo"
        #expect(mkfifo(fifo, 0o600) == 0)
        for (path, kind) in [(directory.path, LocalFile.FileKind.directory), (fifo, .fifo)] {
            var values = Self.seed
            values[name] = path
            #expect(throws: ConfigurationError.settings(missing: [], problems: [
                SettingProblem(name: name, message: "\(name) \(path) \(LocalFile.Failure.notRegularFile(kind))")])) {
                try Self.settings(values)
            }
        }
    }

    /// /proc/self/mem is a regular file this process may open whose first read fails (EIO):
    /// the settings accept it only if they do not read it.
    @Test("a CA file is read by OpenSSL alone, not first by the settings: one it cannot load passes the reading and fails the TLS setup with the typed error naming the file", arguments: [
        "garbage", "/proc/self/mem",
    ])
    func caFileReadOnce(file: String) throws {
        let directory = try TemporaryDirectory()
        let path = file.hasPrefix("/") ? file : try directory.write("ca.pem", "not a certificate\n")
        var values = Self.seed
        values["db_tls_ca"] = path
        let settings = try Self.settings(values)
        #expect(settings.database.tlsCA == path)
        do {
            _ = try TLSContext(configuration: TLSConfiguration(caFile: path))
            Issue.record("a file without a certificate was loaded as a CA file")
        } catch {
            guard case let .caFile(failed, _) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(failed == path)
        }
    }
}

@Suite("notify_urls settings")
struct NotifyURLSettingsTests {
    @Test("an entry that cannot be read is named by position and service, never shown")
    func entryNamed() {
        var values = SettingsTests.seed
        values["notify_urls"] = "json://127.0.0.1:9/x, mmost://chat.example.org/SECRETTOKEN nope://SECRET@x"
        do {
            _ = try SettingsTests.settings(values)
            Issue.record("accepted")
        } catch {
            guard case let .settings(_, problems) = error else {
                Issue.record("\(error)")
                return
            }
            let texts = problems.map(\.message)
            #expect(texts.contains { $0.hasPrefix("notify_urls entry 2 (Mattermost): ") })
            #expect(texts.contains { $0.hasPrefix("notify_urls entry 3: ") })
            #expect(!texts.contains { $0.contains("SECRET") })
            #expect(!texts.contains { $0.contains("entry 1") })
        }
    }

    @Test("notify_tls_ca must exist")
    func caFile() {
        var values = SettingsTests.seed
        values["notify_tls_ca"] = "/nonexistent/ca.pem"
        #expect(SettingsTests.problems(values) == ["notify_tls_ca"])
    }
}
