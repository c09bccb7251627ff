import Foundation
import Testing
import TestSupport
import Transport
@testable import Notify

/// The Matrix client against a real homeserver (Synapse, started by scripts/synapse).
@Suite("Matrix against Synapse", .serialized)
struct MatrixSynapseTests {
    static func client(_ text: String) throws -> MatrixClient {
        guard case let .matrix(url) = try DestinationURL.parse(text) else { throw TestFailure("not Matrix") }
        return MatrixClient(url: url, options: DestinationOptions(timeout: 10, retry: RetryPolicy(delays: [])))
    }

    static let message = NotifyMessage(title: "backup check 2024-10-18: something went wrong",
                                       text: "something went wrong\nmissing: <b>x</b> & 'y'\n+---+\n| ü |\n+---+", severity: .failure)

    @Test("logs in with the password, joins #backups:localhost, posts body and formatted_body, logs out (no device left)")
    func passwordLogin() throws {
        let synapse = try TestSynapse.current()
        let session = try synapse.checkerSession()
        let devicesBefore = try synapse.devices(token: session)
        let room = try synapse.freshRoom()
        try Self.client(synapse.url(room: room.alias)).send(Self.message)
        let event = try #require(try synapse.lastMessages(in: room.id, count: 1).first)
        #expect(event["sender"]?.stringValue == "@checker:localhost")
        let content = try #require(event["content"])
        #expect(content["msgtype"]?.stringValue == "m.text")
        #expect(content["body"]?.stringValue == Self.message.text)
        #expect(content["format"]?.stringValue == "org.matrix.custom.html")
        #expect(content["formatted_body"]?.stringValue
                == "<pre><code>something went wrong\nmissing: &lt;b&gt;x&lt;/b&gt; &amp; &#39;y&#39;\n+---+\n| ü |\n+---+</code></pre>")
        #expect(try synapse.devices(token: session) == devicesBefore)
        _ = try synapse.call("POST", "/logout", token: session)
    }

    @Test("an access token as the user, a room by id, msgtype=notice")
    func tokenLogin() throws {
        let synapse = try TestSynapse.current()
        let token = try synapse.checkerSession()
        let room = try synapse.freshRoom()
        let text = "matrix://\(token)@127.0.0.1:\(synapse.site.port)/\(PathEncoding.segment(room.id))?msgtype=notice"
        try Self.client(text).send(NotifyMessage(title: "t", text: "by token", severity: .info))
        let event = try #require(try synapse.lastMessages(in: room.id, count: 1).first)
        #expect(event["content"]?["msgtype"]?.stringValue == "m.notice")
        #expect(event["content"]?["body"]?.stringValue == "by token")
        _ = try synapse.call("POST", "/logout", token: token)
    }

    @Test("a wrong password is Synapse's 403 M_FORBIDDEN; nothing is posted")
    func wrongPassword() throws {
        let synapse = try TestSynapse.current()
        #expect {
            try Self.client(synapse.url(password: "wrong")).send(Self.message)
        } throws: { error in
            guard case let .rejected(status, _, code, _)? = (error as? DeliveryError)?.problem else { return false }
            return status == 403 && code == "M_FORBIDDEN"
        }
    }

    @Test("an invite-only room refuses the join (403 M_FORBIDDEN); doctor says the login works and which rooms are joined")
    func privateRoom() throws {
        let synapse = try TestSynapse.current()
        let client = try Self.client(synapse.url(room: "#private:localhost"))
        #expect {
            try client.send(Self.message)
        } throws: { error in
            guard case let .rejected(status, _, code, _)? = (error as? DeliveryError)?.problem else { return false }
            return status == 403 && code == "M_FORBIDDEN"
        }
        let found = try client.check()
        #expect(found.hasPrefix("logged in as @checker:localhost; #private:localhost: not joined yet"))
        let room = try synapse.freshRoom()
        let open = try Self.client(synapse.url(room: room.alias))
        #expect(try open.check().contains("\(room.alias): not joined yet"))
        try open.send(Self.message)
        #expect(try open.check().contains("\(room.alias): joined"))
    }

    @Test("a part of the largest size the client makes (60,000 bytes of event content) is taken by Synapse")
    func largestPart() throws {
        let synapse = try TestSynapse.current()
        let room = try synapse.freshRoom()
        let client = try Self.client(synapse.url(room: room.alias))
        var low = 1, high = 20_000  // repetitions of a piece that escaping makes longer
        while low < high {
            let middle = (low + high + 1) / 2
            if client.size(of: String(repeating: "<&> é", count: middle)) <= 60_000 { low = middle } else { high = middle - 1 }
        }
        let text = String(repeating: "<&> é", count: low)
        #expect(client.size(of: text) <= 60_000 && client.size(of: text) > 59_000)
        try client.send(NotifyMessage(title: "t", text: text, severity: .info))
        #expect(try synapse.lastMessages(in: room.id, count: 1).first?["content"]?["body"]?.stringValue == text)
    }
}
