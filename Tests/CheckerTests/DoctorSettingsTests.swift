import Testing
import TestSupport
@testable import Checker

/// Doctor reads the settings once, as a dry run would, and says from that one value what
/// Zulip's settings lack.
@Suite("Doctor's settings")
struct DoctorSettingsTests {
    /// The database settings without Zulip; nothing listens on port 1, so the database check
    /// fails at once and the Zulip line still follows.
    static func values(_ directory: TemporaryDirectory) throws -> [String: String] {
        ["db_host": "127.0.0.1", "db_port": "1", "db_username": "u", "db_password": "pw", "database": "d",
         "timezone": "UTC", "expected_backups": try directory.write("expected", "a.example.test\n")]
    }

    static func doctor(_ values: [String: String]) -> (status: Checker.ExitStatus, lines: [String]) {
        var lines: [String] = []
        let status = Doctor(sources: ConfigurationSources(file: values)).run(now: 1_729_209_600) { lines.append($0) }
        return (status, lines)
    }

    @Test("without Zulip settings doctor names every one missing, as a run that posts would", arguments: [
        ([:], "zulip: missing zulip_bot_api_key, zulip_stream, zulip_topic, zulip_organization (or zulip_site), zulip_bot_name (or zulip_email)"
              + "; nobody would be told: set the zulip_* settings, notify_urls, or both"),
        (["zulip_organization": "acme/x", "zulip_stream": "ops"],
         "zulip: missing zulip_bot_api_key, zulip_topic, zulip_bot_name (or zulip_email); zulip_organization must be a host name (zulip.example.org) or an organization name (acme), not \"acme/x\""),
    ])
    func zulipMissing(extra: [String: String], line: String) throws {
        let directory = try TemporaryDirectory()
        let values = try Self.values(directory).merging(extra) { $1 }
        let (status, lines) = Self.doctor(values)
        #expect(status == .database)  // the database check failed: 3 outranks the 2 of the missing settings
        #expect(lines.contains(line), "\(lines)")
        #expect(lines.contains("  fix: set zulip_organization (or zulip_site), zulip_bot_name (or zulip_email), zulip_bot_api_key, zulip_stream and zulip_topic"))
        // The one value read holds what a run that posts would have refused, word for word.
        let settings = try Settings(sources: ConfigurationSources(file: values), requireZulip: false)
        #expect(settings.zulip == nil)
        #expect(throws: try #require(settings.zulipIncomplete)) {
            try Settings(sources: ConfigurationSources(file: values), requireZulip: true)
        }
    }

    @Test("with the Zulip settings complete nothing is said missing")
    func zulipComplete() throws {
        let directory = try TemporaryDirectory()
        let values = try Self.values(directory).merging([
            "zulip_site": "http://127.0.0.1:1", "zulip_email": "bot@z", "zulip_bot_api_key": "key",
            "zulip_stream": "ops", "zulip_topic": "backups",
        ]) { $1 }
        let settings = try Settings(sources: ConfigurationSources(file: values), requireZulip: false)
        #expect(settings.zulip != nil && settings.zulipIncomplete == nil)
        let (_, lines) = Self.doctor(values)
        #expect(!lines.contains { $0.hasPrefix("zulip: missing") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("zulip: http://127.0.0.1:1 as bot@z: ") }, "\(lines)")
    }
}
