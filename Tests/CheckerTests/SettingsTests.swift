import Testing
import Transport
@testable import Checker

@Suite("Settings")
struct SettingsTests {
    /// The ten variables the seed's pipeline wrote.
    static let seed: [String: String] = [
        "db_host": "10.0.0.5", "db_port": "3306", "db_username": "checker", "db_password": "pw",
        "database": "backups", "zulip_bot_name": "backup", "zulip_bot_api_key": "key",
        "zulip_organization": "zulip.example.org", "zulip_stream": "ops", "zulip_topic": "backups",
    ]

    @Test("the seed's variables give the database, the Zulip site and the bot e-mail")
    func seedVariables() throws {
        let settings = try Settings(sources: ConfigurationSources(file: Self.seed), requireZulip: true)
        #expect(settings.database.endpoint == .tcp(host: "10.0.0.5", port: 3306))
        #expect(settings.database.table == "list")
        #expect(settings.database.tls == .preferred)
        #expect(settings.database.timeouts == Timeouts(connect: 10, read: 30, write: 30))
        let zulip = try #require(settings.zulip)
        #expect(zulip.site.description == "https://zulip.example.org")
        #expect(zulip.email == "backup-bot@zulip.example.org")
        #expect(settings.expectedPath == "./expected-backups")
    }

    @Test("a bare organization is a zulipchat.com site; zulip_site and zulip_email override")
    func derivations() throws {
        var values = Self.seed
        values["zulip_organization"] = "acme"
        values["zulip_bot_name"] = "backup-bot"
        var zulip = try #require(try Settings(sources: ConfigurationSources(file: values), requireZulip: true).zulip)
        #expect(zulip.site.description == "https://acme.zulipchat.com")
        #expect(zulip.email == "backup-bot@acme.zulipchat.com")

        values["zulip_organization"] = "zulip.example.org"
        values["zulip_site"] = "http://127.0.0.1:9000"
        zulip = try #require(try Settings(sources: ConfigurationSources(file: values), requireZulip: true).zulip)
        #expect(zulip.site == SiteURL("http://127.0.0.1:9000"))
        #expect(zulip.email == "backup-bot@zulip.example.org")

        values["zulip_email"] = "robot@chat.example.test"
        zulip = try #require(try Settings(sources: ConfigurationSources(file: values), requireZulip: true).zulip)
        #expect(zulip.email == "robot@chat.example.test")

        values["zulip_email"] = nil
        values["zulip_bot_name"] = "someone@else.test"
        zulip = try #require(try Settings(sources: ConfigurationSources(file: values), requireZulip: true).zulip)
        #expect(zulip.email == "someone@else.test")
    }

    @Test("every missing variable is named in one error, and no value is shown")
    func missing() {
        #expect(throws: CheckerError.configuration(
            "missing db_username, db_password, database, zulip_bot_api_key, zulip_stream, zulip_topic, "
                + "zulip_organization (or zulip_site), zulip_bot_name (or zulip_email)")) {
            try Settings(sources: ConfigurationSources(), requireZulip: true)
        }
    }

    @Test("a dry run needs no Zulip settings")
    func dryRun() throws {
        let values = ["db_username": "u", "db_password": "", "database": "d"]
        let settings = try Settings(sources: ConfigurationSources(environment: values), requireZulip: false)
        #expect(settings.zulip == nil)
        #expect(settings.database.password.isEmpty)
    }

    @Test("bad values are errors that name the variable", arguments: [
        ("db_port", "99999"), ("db_table", "list; DROP TABLE list"), ("db_tls", "sometimes"),
        ("db_connect_timeout", "-1"), ("timezone", "Mars/Olympus"), ("timezone", "../../etc/passwd"),
        ("LOG_LEVEL", "loud"), ("zulip_site", "ftp://x"),
    ])
    func badValues(name: String, value: String) {
        var values = Self.seed
        values[name] = value
        #expect {
            try Settings(sources: ConfigurationSources(file: values), requireZulip: true)
        } throws: { error in
            guard case let .configuration(text) = error as? CheckerError else { return false }
            return text.contains(name) && !text.contains("pw")
        }
    }

    @Test("a bad read timeout is reported once, though it sets both read and write")
    func readTimeoutOnce() {
        var values = Self.seed
        values["db_read_timeout"] = "soon"
        #expect(throws: CheckerError.configuration(
            "db_read_timeout must be a number of seconds between 0 and 86400, not \"soon\"")) {
            try Settings(sources: ConfigurationSources(file: values), requireZulip: true)
        }
    }

    @Test("a socket path wins over host and port")
    func socketWins() throws {
        var values = Self.seed
        values["db_socket"] = "/run/mysqld/mysqld.sock"
        let settings = try Settings(sources: ConfigurationSources(file: values), requireZulip: false)
        #expect(settings.database.endpoint == .unix(path: "/run/mysqld/mysqld.sock"))
    }

    @Test("the password prints as <redacted>")
    func redacted() throws {
        let settings = try Settings(sources: ConfigurationSources(file: Self.seed), requireZulip: true)
        #expect("\(settings)".contains("pw") == false)
        #expect("\(settings.database.password)" == "<redacted>")
    }
}
