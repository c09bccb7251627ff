import Foundation
import Testing
import TestSupport

/// The zone that defines "today", as the executable reads it from `timezone` or from TZ and
/// hands it down: a zone that cannot be found or read stops the run with exit 2 before any
/// connection, never a silent UTC that would check the wrong day.
@Suite("Time zone settings")
struct TimeZoneSettingTests {
    /// Every setting a dry run needs, so that the zone is the only problem left.
    static func environment(_ directory: TemporaryDirectory, _ extra: [String: String]) throws -> [String: String] {
        let expected = try directory.write("expected", "mail.example.test\n")
        return ["db_host": "127.0.0.1", "db_port": "9", "db_username": "checker", "db_password": "pw",
                "database": "backups", "expected_backups": expected].merging(extra) { $1 }
    }

    @Test("a misspelt zone in TZ, with no timezone set, is exit 2 naming TZ", arguments: ["Europe/Berln", ":Europe/Berln"])
    func misspeltTZ(tz: String) throws {
        let directory = try TemporaryDirectory()
        let result = try CheckerProcess.run(["--dry-run", "--date", "2024-10-18"], environment: Self.environment(directory, ["TZ": tz]))
        #expect(result.status == 2, "\(result.stdout) \(result.stderr)")
        #expect(result.stderr.contains("TZ \"Europe/Berln\" is not a known IANA time zone (e.g. Europe/Berlin, UTC); set timezone, or correct or unset TZ"),
                "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test("a zone file this user may not read is reported as a permission problem, not as an unknown zone")
    func unreadableZoneFile() throws {
        let directory = try TemporaryDirectory()
        let zones = directory.url.appendingPathComponent("zoneinfo/Europe")
        try FileManager.default.createDirectory(at: zones, withIntermediateDirectories: true)
        let berlin = zones.appendingPathComponent("Berlin").path
        try FileManager.default.copyItem(atPath: "/usr/share/zoneinfo/Europe/Berlin", toPath: berlin)
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: berlin)
        let environment = try Self.environment(directory, ["TZDIR": directory.path + "/zoneinfo"])
        // Root reads any file; without the capabilities that override file permissions, the
        // checker meets the mode 000 as any other user would.
        let wrapper = ["/usr/bin/setpriv", "--bounding-set=-dac_override,-dac_read_search", "--"]
        for (name, value) in [("timezone", "Europe/Berlin"), ("TZ", "Europe/Berlin")] {
            let result = try RunningChecker(["--dry-run", "--date", "2024-10-18"], environment: environment.merging([name: value]) { $1 },
                                            wrapper: wrapper).wait()
            #expect(result.status == 2, "\(result.stdout) \(result.stderr)")
            #expect(result.stderr.contains("\(name) Europe/Berlin: this user may not read its zone file \(berlin) (permission denied)"),
                    "\(result.stderr)")
            #expect(!result.stderr.contains("not a known"))
        }
    }
}
