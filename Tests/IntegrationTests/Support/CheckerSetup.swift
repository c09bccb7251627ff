import Foundation
import TestSupport

/// What a test of the checker as a process needs: a scratch database with the backups table
/// on the real MariaDB, a temporary directory holding the expected list, and the settings that
/// point the checker at both.
struct CheckerSetup {
    let server: TestServer
    let database: ScratchDatabase
    let directory: TemporaryDirectory

    init(list: String) throws {
        server = try TestServer.current()
        database = try ScratchDatabase(server: server)
        directory = try TemporaryDirectory()
        try directory.write("expected-backups", list)
    }

    var expectedPath: String { directory.url.appendingPathComponent("expected-backups").path }

    /// The checker's settings for this database and list (in UTC), with `extra` on top.
    func environment(_ extra: [String: String] = [:]) -> [String: String] {
        [
            "db_host": server.host, "db_port": String(server.port), "db_username": server.user,
            "db_password": server.password, "database": database.name, "expected_backups": expectedPath,
            "timezone": "UTC",
        ].merging(extra) { $1 }
    }

    /// Zulip settings for a Zulip-like server.
    static func zulip(_ zulip: FakeZulip, apiKey: String = FakeZulip.apiKey) -> [String: String] {
        ["zulip_site": zulip.site, "zulip_email": FakeZulip.email, "zulip_bot_api_key": apiKey, "zulip_stream": "ops",
         "zulip_topic": "backups"]
    }
}
