import Foundation
import Testing
import TestSupport
import Transport
@testable import Notify

/// apprise is the anchor for what is sent, too: the same notification sent by apprise
/// (Tests/Apprise/send.py) and by the checker's client to the same loopback stand-in (JSON
/// webhook, Mattermost, ntfy) or to the same real Synapse, and the requests compared.
@Suite("apprise's requests and the checker's", .serialized)
struct AppriseRequestTests {
    static let title = "backup check 2024-10-18: something went wrong"
    static let text = "something went wrong\ndate: 2024-10-18 (UTC)\nmissing: b.example.test <&> ü"
    static let message = NotifyMessage(title: title, text: text, severity: .failure)

    /// Sends the message with apprise; true when apprise says it was delivered.
    static func apprise(_ url: String) throws -> Bool {
        let python = try #require(ProcessInfo.processInfo.environment["BC_APPRISE_PYTHON"],
                                  "BC_APPRISE_PYTHON is not set: run the tests with scripts/test, which makes apprise's venv")
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Apprise/send.py").path
        return try runProgram(python, [script, url, title, text, "failure"]).status == 0
    }

    static func options() -> DestinationOptions { DestinationOptions(timeout: 10, retry: RetryPolicy(delays: [])) }

    static func keys(_ request: RecordedRequest) -> Set<String> { Set((FakeService.body(request) ?? [:]).keys) }

    @Test("JSON webhook: the same path, method and document (version, title, message, attachments, type)")
    func json() throws {
        let server = try FakeService { _ in (200, [], "") }
        let url = "json://127.0.0.1:\(server.port)/hooks/backups"
        #expect(try Self.apprise(url))
        guard case let .json(parsed) = try DestinationURL.parse(url) else { throw TestFailure("not JSON") }
        try JSONWebhookClient(url: parsed, options: Self.options()).send(Self.message)
        let requests = server.requests
        try #require(requests.count == 2)
        let (theirs, ours) = (requests[0], requests[1])
        #expect(theirs.method == ours.method && theirs.path == ours.path)
        #expect(theirs.headers["content-type"] == ours.headers["content-type"])
        #expect(Self.keys(theirs) == Self.keys(ours))
        let (a, c) = (try #require(FakeService.body(theirs)), try #require(FakeService.body(ours)))
        for key in ["version", "title", "message", "type"] { #expect(a[key] as? String == c[key] as? String, "\(key)") }
    }

    @Test("Mattermost: the same path and the fields apprise sends, the report in the text")
    func mattermost() throws {
        let server = try FakeMattermost.make()
        let url = "mmost://backups@127.0.0.1:\(server.port)/\(FakeMattermost.token)?channel=town-square"
        #expect(try Self.apprise(url))
        guard case let .mattermost(parsed) = try DestinationURL.parse(url) else { throw TestFailure("not Mattermost") }
        try MattermostClient(url: parsed, options: Self.options()).send(Self.message)
        let requests = server.requests
        try #require(requests.count == 2)
        let (theirs, ours) = (requests[0], requests[1])
        #expect(theirs.method == ours.method && theirs.path == ours.path)
        let (a, c) = (try #require(FakeService.body(theirs)), try #require(FakeService.body(ours)))
        #expect(Set(a.keys).subtracting(["icon_url"]).isSubset(of: Set(c.keys)), "\(a.keys) \(c.keys)")
        #expect(a["channel"] as? String == c["channel"] as? String && a["username"] as? String == c["username"] as? String)
        #expect((a["text"] as? String)?.contains(Self.text) == true && (c["text"] as? String)?.contains(Self.text) == true)
    }

    @Test("ntfy: the same JSON publish (topic, title, message) and the same basic auth")
    func ntfy() throws {
        let server = try FakeNtfy.make(requireLogin: true)
        let url = "ntfy://\(FakeNtfy.user):ntfy%20secret@127.0.0.1:\(server.port)/backups?priority=high"
        #expect(try Self.apprise(url))
        guard case let .ntfy(parsed) = try DestinationURL.parse(url) else { throw TestFailure("not ntfy") }
        try NtfyClient(url: parsed, options: Self.options()).send(Self.message)
        let requests = server.requests
        try #require(requests.count == 2)
        let (theirs, ours) = (requests[0], requests[1])
        #expect(theirs.method == ours.method && theirs.path == ours.path)
        #expect(theirs.headers["authorization"] == ours.headers["authorization"])
        #expect(theirs.headers["x-priority"] == ours.headers["x-priority"])
        #expect(Self.keys(theirs) == Self.keys(ours))
        let (a, c) = (try #require(FakeService.body(theirs)), try #require(FakeService.body(ours)))
        for key in ["topic", "title", "message"] { #expect(a[key] as? String == c[key] as? String, "\(key)") }
    }

    @Test("Matrix: Synapse receives from both an m.room.message; the checker's carries apprise's fields and the HTML form")
    func matrix() throws {
        let synapse = try TestSynapse.current()
        let room = try synapse.freshRoom()
        let url = synapse.url(room: room.alias)
        #expect(try Self.apprise(url))
        let theirs = try #require(try synapse.lastMessages(in: room.id, count: 1).first)
        guard case let .matrix(parsed) = try DestinationURL.parse(url) else { throw TestFailure("not Matrix") }
        try MatrixClient(url: parsed, options: Self.options()).send(Self.message)
        let ours = try #require(try synapse.lastMessages(in: room.id, count: 1).first)
        #expect(theirs["sender"] == ours["sender"] && theirs["type"] == ours["type"])
        guard case let .object(a)? = theirs["content"], case let .object(c)? = ours["content"] else {
            throw TestFailure("no content")
        }
        #expect(Set(a.map(\.0)).isSubset(of: Set(c.map(\.0))), "\(a.map(\.0)) \(c.map(\.0))")
        #expect(theirs["content"]?["msgtype"] == ours["content"]?["msgtype"])
        #expect(theirs["content"]?["body"]?.stringValue?.hasSuffix(Self.text) == true)
        #expect(ours["content"]?["body"]?.stringValue == Self.text)
    }
}
