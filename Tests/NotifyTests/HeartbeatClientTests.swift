import Foundation
import Testing
import TestSupport
import Transport
@testable import Notify

/// The heartbeat against loopback stand-ins of the three monitors' documented APIs.
@Suite("Heartbeat client")
struct HeartbeatClientTests {
    static let runID = "0c3a5e2f-8d4b-4c6e-9f1a-2b3c4d5e6f70"

    static func client(_ url: String, retries: Int = 2, timeout: Double = 2) throws -> HeartbeatClient {
        HeartbeatClient(url: try #require(HeartbeatURL(url)), runID: runID, timeout: timeout,
                        retry: RetryPolicy(delays: Array(repeating: 0, count: retries)))
    }

    static func ending(_ status: Int32, body: String = "something went wrong\ndate: 2024-10-18 (UTC)") -> HeartbeatClient.Ending {
        .init(exitStatus: status, headline: String(body.prefix { $0 != "\n" }), body: body, milliseconds: 1234)
    }

    @Test("the monitor is chosen by the URL's form; the URL's own query is kept, the items the tool sets are not")
    func urlForms() throws {
        let kuma = try #require(HeartbeatURL("https://kuma.example.org/api/push/vJ3kYc9Wqe?status=up&msg=OK&ping="))
        #expect(kuma.monitor == .uptimeKuma && kuma.query.isEmpty && kuma.site.path == "/api/push/vJ3kYc9Wqe")
        let cronitor = try #require(HeartbeatURL("https://cronitor.link/p/cb54ac4f/nightly?env=production&state=run"))
        #expect(cronitor.monitor == .cronitor && cronitor.query == ["env=production"])
        let slug = try #require(HeartbeatURL("https://hc-ping.com/fqOOd6-F4MMNuCEnzTU01w/backups?create=1&rid=x"))
        #expect(slug.monitor == .healthchecks && slug.query == ["create=1"])
        #expect(try #require(HeartbeatURL("https://hc.example.org/ping/\(FakeHealthchecks.uuid)")).monitor == .healthchecks)
        for bad in ["https://hc-ping.com/x#frag", "https://user@hc-ping.com/x", "https://hc-ping.com/x?a b", "ftp://hc/x"] {
            #expect(HeartbeatURL(bad) == nil, "\(bad)")
        }
    }

    @Test("Healthchecks: start, then the exit status with the report, both with the run ID and the URL's own query")
    func healthchecks() throws {
        let server = try FakeHealthchecks()
        let client = try Self.client(server.slugURL("new-check") + "?create=1")
        try client.start()
        try client.finish(Self.ending(1))
        #expect(server.pings == [.init(kind: "start", body: "", rid: Self.runID),
                                 .init(kind: "1", body: "something went wrong\ndate: 2024-10-18 (UTC)", rid: Self.runID)])
        #expect(server.requests.allSatisfy { $0.method == "POST" && $0.query("create") == "1" })
        #expect(server.requests.allSatisfy { $0.headers["content-type"] == "text/plain; charset=utf-8" })
    }

    @Test("a report longer than 100,000 bytes keeps its first lines and ends with how much was left out")
    func longReport() throws {
        let server = try FakeHealthchecks()
        let lines = (1...3000).map { "missing: host-\($0).example.test (no success in the last 35 days)" }
        let report = "something went wrong\n" + lines.joined(separator: "\n")
        try Self.client(server.pingURL).finish(Self.ending(1, body: report))
        let body = try #require(server.pings.first?.body)
        #expect(body.utf8.count <= 100_000)
        let kept = body.split(separator: "\n").dropLast().joined(separator: "\n")
        #expect(report.hasPrefix(kept + "\n"))
        #expect(body.hasSuffix("\n[cut: \(report.utf8.count - kept.utf8.count) bytes left out]"))
        // A report that fits is sent whole, without a mark.
        try Self.client(server.pingURL).finish(Self.ending(0, body: String(repeating: "é", count: 50_000)))
        #expect(server.pings.last?.body == String(repeating: "é", count: 50_000))
    }

    @Test("Healthchecks: an unknown check is a 404, not retried, and the error does not show the ping URL's secret")
    func unknownCheck() throws {
        let server = try FakeHealthchecks()
        #expect {
            try Self.client(server.url + "/00000000-0000-0000-0000-000000000000").start()
        } throws: { error in
            guard let error = error as? DeliveryError,
                  error.problem == .rejected(status: 404, message: "not found", code: nil, retryAfter: nil) else { return false }
            return error.site == server.url + "/…" && !"\(error)".contains("00000000-0000")
        }
        #expect(server.requests.count == 1)
    }

    @Test("Uptime Kuma: one push at the end, up or down, the headline with the exit status, the run's milliseconds")
    func uptimeKuma() throws {
        let server = try FakeUptimeKuma()
        let client = try Self.client(server.pushURL)
        try client.start()
        #expect(server.requests.isEmpty)
        try client.finish(Self.ending(1))
        try client.finish(Self.ending(0, body: "everything is a-ok\ndate: 2024-10-18 (UTC)"))
        #expect(server.pushes == [.init(up: false, msg: "something went wrong (exit 1)", ping: 1234),
                                  .init(up: true, msg: "everything is a-ok (exit 0)", ping: 1234)])
        #expect(server.requests.allSatisfy { $0.method == "GET" && $0.queryItems.count == 3 })
    }

    @Test("Uptime Kuma: an unknown push token is refused with its own message")
    func uptimeKumaUnknown() throws {
        let server = try FakeUptimeKuma()
        #expect {
            try Self.client(server.url + "/api/push/wrongToken").finish(Self.ending(0))
        } throws: { error in
            (error as? DeliveryError)?.problem
                == .rejected(status: 404, message: "Monitor not found or not active.", code: nil, retryAfter: nil)
        }
    }

    @Test("Cronitor: state=run at the start, fail or complete with the status code and message at the end, one series")
    func cronitor() throws {
        let server = try FakeCronitor()
        let client = try Self.client(server.pingURL + "?env=production")
        try client.start()
        try client.finish(Self.ending(3))
        let monitor = FakeCronitor.monitorKey
        #expect(server.events == [
            .init(monitor: monitor, state: "run", series: Self.runID, statusCode: nil, message: nil),
            .init(monitor: monitor, state: "fail", series: Self.runID, statusCode: "3", message: "something went wrong"),
        ])
        try client.finish(Self.ending(0, body: "everything is a-ok"))
        #expect(server.events.last?.state == "complete" && server.events.last?.statusCode == "0")
        #expect(server.requests.allSatisfy { $0.method == "GET" && $0.query("env") == "production" })
    }

    @Test("Cronitor: an unknown API key is refused (403), not retried")
    func cronitorUnknownKey() throws {
        let server = try FakeCronitor()
        #expect {
            try Self.client(server.url + "/p/wrong-key/\(FakeCronitor.monitorKey)").start()
        } throws: { error in
            (error as? DeliveryError)?.problem == .rejected(status: 403, message: "Invalid API key", code: nil, retryAfter: nil)
        }
        #expect(server.requests.count == 1)
    }

    @Test("a 500 is retried")
    func retried() throws {
        let server = try FakeHealthchecks(failures: 1)
        try Self.client(server.pingURL).start()
        #expect(server.pings.map(\.kind) == ["start", "start"])
    }

    @Test("a silent monitor: the start uses up heartbeat_timeout, so the end is not sent at all")
    func silentMonitorSharesTheTime() throws {
        let server = try LoopbackHTTPServer { _, _ in .hang }
        let client = try Self.client(server.url + "/\(FakeHealthchecks.uuid)", timeout: 0.5)
        #expect {
            try client.start()
        } throws: { error in
            guard case .deliveryUnknown(.receive(.timeout))? = (error as? DeliveryError)?.problem else { return false }
            return true
        }
        #expect {
            try client.finish(Self.ending(1))
        } throws: { error in
            // Said as what happened: the run's time for the heartbeat was spent, nothing was
            // tried; not a connect time-out, which would send the reader to firewalls and DNS.
            guard let failure = error as? DeliveryError, case .timeSpent(seconds: 0.5) = failure.problem else { return false }
            return failure.description.contains("0.5 s") && !failure.isRetryable
        }
        #expect(server.requests.count == 1)
        #expect(client.budget.remaining == 0)
    }

    @Test("a refused monitor: no retry pause runs past heartbeat_timeout")
    func refusedMonitorNoLongPauses() throws {
        let server = try LoopbackHTTPServer { _, _ in .close }
        let url = server.url
        server.stop()
        let retries = Retries()
        let client = HeartbeatClient(url: try #require(HeartbeatURL(url + "/\(FakeHealthchecks.uuid)")), runID: Self.runID,
                                     timeout: 1, retry: RetryPolicy(delays: [2, 10], onRetry: { retries.add($0) }))
        #expect {
            try client.start()
        } throws: { error in
            guard case .unreachable? = (error as? DeliveryError)?.problem else { return false }
            return true
        }
        #expect(retries.all.isEmpty)
    }

    @Test("probing connects without sending a ping")
    func probe() throws {
        let server = try FakeHealthchecks()
        try Self.client(server.pingURL).probe()
        #expect(server.requests.isEmpty)
    }

    @Test("a ping URL over plain http beyond loopback is refused before anything is sent")
    func plainHTTP() throws {
        #expect(throws: DeliveryError(service: "the heartbeat", site: "http://hc.example.org/…", problem: .insecureSite)) {
            try Self.client("http://hc.example.org/\(FakeHealthchecks.uuid)").start()
        }
    }
}

/// Retry notices, collected from any thread.
final class Retries: @unchecked Sendable {
    private let lock = NSLock()
    private var notices: [String] = []
    func add(_ notice: String) { lock.withLock { notices.append(notice) } }
    var all: [String] { lock.withLock { notices } }
}

@Suite("Pushgateway client")
struct PushgatewayClientTests {
    @Test("the grouping key: plain values as they are, others as @base64")
    func groupPath() throws {
        let url = try #require(SiteURL("http://127.0.0.1:9091"))
        #expect(PushgatewayClient(url: url, job: "backup_checker").groupPath == "/metrics/job/backup_checker")
        #expect(PushgatewayClient(url: url, job: "backup_checker", instance: "db-1.example.org").groupPath
                == "/metrics/job/backup_checker/instance/db-1.example.org")
        #expect(PushgatewayClient(url: url, job: "backup_checker", instance: "a/b c").groupPath
                == "/metrics/job/backup_checker/instance@base64/YS9iIGM=")
        #expect(PushgatewayClient(url: url, job: "backup_checker", instance: "").groupPath
                == "/metrics/job/backup_checker/instance@base64/=")
    }

    @Test("behind basic auth: pushgateway_url's user part is the Authorization header of every request")
    func basicAuth() throws {
        let server = try LoopbackHTTPServer { _, _ in .answer(status: 200, body: "") }
        let (site, credentials) = try #require(SiteURL.parse(withUserPart: server.url.replacingOccurrences(of: "://", with: "://push%40er:p%3Ass@w0rd@")))
        #expect(credentials?.user == "push@er")
        #expect(credentials?.password.reveal() == "p:ss@w0rd")
        let client = PushgatewayClient(url: site, job: "backup_checker", credentials: credentials, timeout: 5, retry: RetryPolicy(delays: []))
        try client.ready()
        try client.push("up 1\n")
        let expected = "Basic " + Data("push@er:p:ss@w0rd".utf8).base64EncodedString()
        #expect(server.requests.map { $0.headers["authorization"] } == [expected, expected])
    }

    @Test("a credential for the Pushgateway goes over https or to loopback only; nothing is sent")
    func basicAuthNotOverPlainHTTP() throws {
        let (site, credentials) = try #require(SiteURL.parse(withUserPart: "http://u:pw@pg.example.invalid:9091"))
        let client = PushgatewayClient(url: site, job: "backup_checker", credentials: credentials, timeout: 5, retry: RetryPolicy(delays: []))
        #expect(throws: DeliveryError(service: "the Pushgateway", site: "http://pg.example.invalid:9091", problem: .insecureSite)) {
            try client.push("up 1\n")
        }
    }
}
