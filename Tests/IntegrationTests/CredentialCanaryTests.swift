import Foundation
import Testing
import TestSupport

/// A secret canary in every part of every URL setting that can hold one (user, password, path,
/// query): whether the setting is refused (exit 2) or its service answers with an error at run
/// time, no message and no log line repeats it. A URL is shown at most as scheme and host.
@Suite("Credentials in URLs", .serialized)
struct CredentialCanaryTests {
    static let canary = "Url-Canary-5e1f0b77"

    static func base(_ directory: TemporaryDirectory) throws -> [String: String] {
        var environment = try ConfigurationFaultTests.base(directory)
        environment["db_port"] = "1"  // nothing listens: the run is a database error after the settings
        return environment
    }

    static func expectNoCanary(_ result: CheckerProcess.Result, sourceLocation: SourceLocation = #_sourceLocation) {
        for text in [result.stdout, result.stderr] {
            #expect(!text.contains(canary), "\(text)", sourceLocation: sourceLocation)
        }
        SecretCanary.expectAbsent(in: [result.stdout, result.stderr], sourceLocation: sourceLocation)
    }

    @Test("a URL setting that is refused names the setting, shows at most scheme and host, and exits 2", arguments: [
        ("pushgateway_url", "http://u:\(canary)@pg.example.com:9091", "pushgateway_url is plain http to pg.example.com"),
        ("pushgateway_url", "https://u:\(canary)@pg.example.com:9091/x y?\(canary)", "pushgateway_url must be"),
        ("pushgateway_url", "https://\(canary)@pg.example.com:99999/", "pushgateway_url must be"),
        ("pushgateway_url", "ftp://u:\(canary)@pg.example.com/", "pushgateway_url must be"),
        ("zulip_site", "https://bot:\(canary)@zulip.example.org", "zulip_site has a user part"),
        ("zulip_site", "https://\(canary)@zulip.example.org", "zulip_site has a user part"),
        ("zulip_site", "http://zulip.example.org/\(canary)", "zulip_site is plain http to zulip.example.org"),
        ("zulip_site", "https://zulip.example.org/a b/\(canary)", "zulip_site must be"),
        ("heartbeat_url", "http://hc.example.com/ping/\(canary)", "heartbeat_url is plain http to hc.example.com"),
        ("heartbeat_url", "https://hc-ping.com/\(canary) x", "heartbeat_url must be"),
        ("heartbeat_url", "https://u:\(canary)@hc-ping.com/abc", "heartbeat_url"),
    ])
    func refused(setting: String, value: String, message: String) throws {
        let directory = try TemporaryDirectory()
        var environment = try Self.base(directory)
        environment[setting] = value
        let result = try CheckerProcess.run(["--dry-run"], environment: environment, directory: directory.url)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
        Self.expectNoCanary(result)
    }

    @Test("services that answer with errors: their URLs' user, password, path and query stay out of every message")
    func runtime() throws {
        let directory = try TemporaryDirectory()
        // Every service answers 404 (Zulip's and the heartbeat's paths included), and a
        // redirect for the notify_urls destination.
        let server = try LoopbackHTTPServer { request, _ in
            request.path.hasPrefix("/json") ? .answer(status: 302, headers: [("Location", "https://u:\(Self.canary)@evil.example/\(Self.canary)?\(Self.canary)")], body: "")
                : .answer(status: 404, body: "not found")
        }
        let origin = "127.0.0.1:\(server.port)"
        var environment = try Self.base(directory)
        environment["zulip_site"] = "http://\(origin)/zulip-\(Self.canary)"
        environment["heartbeat_url"] = "http://\(origin)/ping/\(Self.canary)"
        environment["pushgateway_url"] = "http://pg:\(Self.canary)@\(origin)/push-\(Self.canary)"
        environment["notify_urls"] = "json://u:\(Self.canary)@\(origin)/json-\(Self.canary)"
        let result = try CheckerProcess.run([], environment: environment, directory: directory.url)
        #expect(result.status == 4, "\(result.stderr)")
        #expect(server.requests.count >= 4, "every service was asked")
        #expect(result.stderr.contains("a redirect to https://evil.example, which is not followed"), "\(result.stderr)")
        Self.expectNoCanary(result)
    }
}
