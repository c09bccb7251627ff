import Foundation
import Testing
import TestSupport
import Transport
@testable import Notify

/// The heartbeat against a Healthchecks-like server on loopback.
@Suite("Heartbeat client")
struct HeartbeatClientTests {
    static func client(_ url: String, retries: Int = 2) throws -> HeartbeatClient {
        HeartbeatClient(url: try #require(SiteURL(url)), timeout: 2, retry: RetryPolicy(delays: Array(repeating: 0, count: retries)))
    }

    @Test("start, then the exit status with the log as the body")
    func startAndFinish() throws {
        let server = try FakeHealthchecks()
        let client = try Self.client(server.pingURL)
        try client.start()
        try client.finish(exitStatus: 1, log: "something went wrong\ndate: 2024-10-18 (UTC)")
        #expect(server.pings == [.init(kind: "start", body: ""), .init(kind: "1", body: "something went wrong\ndate: 2024-10-18 (UTC)")])
        #expect(server.requests.allSatisfy { $0.method == "POST" && $0.headers["content-type"] == "text/plain; charset=utf-8" })
    }

    @Test("the User-Agent names the calling program, as it hands it down; Notify names none of its own")
    func userAgent() throws {
        let server = try FakeHealthchecks()
        var client = try Self.client(server.pingURL)
        try client.start()
        client.userAgent = "some-tool/1.2.3"
        try client.start()
        #expect(server.requests.map { $0.headers["user-agent"] } == [nil, "some-tool/1.2.3"])
    }

    @Test("a log longer than 10,000 bytes is cut there, between characters")
    func longLog() throws {
        let server = try FakeHealthchecks()
        let log = String(repeating: "é", count: 6_000)  // 12,000 bytes
        try Self.client(server.pingURL).finish(exitStatus: 0, log: log)
        let body = try #require(server.pings.first?.body)
        #expect(body.utf8.count == 10_000)
        #expect(body == String(repeating: "é", count: 5_000))
    }

    @Test("an unknown check is a 404, not retried, and the error does not show the ping URL's secret")
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

    @Test("a 500 is retried")
    func retried() throws {
        let server = try FakeHealthchecks(failures: 1)
        try Self.client(server.pingURL).start()
        #expect(server.pings.map(\.kind) == ["start", "start"])
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
}
