import Foundation
import TestSupport
import Testing
import Transport
@testable import Notify

/// The Synapse homeserver that scripts/synapse started, as scripts/test describes it in
/// BC_TEST_SYNAPSE_*: a user the checker logs in as, a room owner's token to read the rooms
/// with, a public room and an invite-only one. A missing server is a failure, never a skip.
struct TestSynapse {
    let site: SiteURL
    let user: String
    let password: String
    let ownerToken: String
    let room: String
    let privateRoom: String

    static func current() throws -> TestSynapse {
        let env = ProcessInfo.processInfo.environment
        let url = try #require(env["BC_TEST_SYNAPSE_URL"],
                               "BC_TEST_SYNAPSE_URL is not set: run the tests with scripts/test, which starts Synapse")
        return TestSynapse(site: try #require(SiteURL(url)), user: env["BC_TEST_SYNAPSE_USER"] ?? "",
                           password: env["BC_TEST_SYNAPSE_PASSWORD"] ?? "", ownerToken: env["BC_TEST_SYNAPSE_OWNER_TOKEN"] ?? "",
                           room: env["BC_TEST_SYNAPSE_ROOM"] ?? "", privateRoom: env["BC_TEST_SYNAPSE_PRIVATE_ROOM"] ?? "")
    }

    /// `matrix://user:password@127.0.0.1:PORT/…` with the password percent-encoded.
    func url(room: String = "#backups:localhost", password: String? = nil) -> String {
        "matrix://\(user):\(PathEncoding.segment(password ?? self.password))@127.0.0.1:\(site.port)/\(PathEncoding.segment(room))"
    }

    /// One client-server API call with `token`; the answer's JSON.
    func call(_ method: String, _ path: String, token: String, body: String? = nil) throws -> JSONValue {
        let client = HTTPClient(site: site, timeout: 10)
        let response = try client.send(HTTPRequest(method: method, path: "/_matrix/client/v3" + path,
                                                   headers: [("Authorization", "Bearer " + token), ("Content-Type", "application/json")],
                                                   body: Array((body ?? (method == "GET" ? "" : "{}")).utf8)))
        guard (200..<300).contains(response.status), let json = JSONValue(parsing: response.body) else {
            throw TestFailure("Synapse answered \(response.status) to \(method) \(path)")
        }
        return json
    }

    /// A public room of its own for one test (made by the owner), so that tests running at the
    /// same time never read each other's messages: its id and alias.
    func freshRoom() throws -> (id: String, alias: String) {
        let name = "t" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
        let answer = try call("POST", "/createRoom", token: ownerToken,
                              body: #"{"room_alias_name":"\#(name)","preset":"public_chat"}"#)
        return (try #require(answer["room_id"]?.stringValue), "#\(name):localhost")
    }

    /// The room's last `count` m.room.message events, newest first, as the owner reads them.
    func lastMessages(in room: String, count: Int = 5) throws -> [JSONValue] {
        let answer = try call("GET", "/rooms/\(PathEncoding.segment(room))/messages?dir=b&limit=\(count * 4)", token: ownerToken)
        guard case let .array(events)? = answer["chunk"] else { return [] }
        return Array(events.filter { $0["type"]?.stringValue == "m.room.message" }.prefix(count))
    }

    /// A session of the checker's user of its own (logged in here), to see its devices.
    func checkerSession() throws -> String {
        let body = JSONValue.object([("type", .string("m.login.password")),
                                     ("identifier", .object([("type", .string("m.id.user")), ("user", .string(user))])),
                                     ("password", .string(password))]).serialized
        let response = try HTTPClient(site: site, timeout: 10).send(HTTPRequest(
            method: "POST", path: "/_matrix/client/v3/login", headers: [("Content-Type", "application/json")], body: Array(body.utf8)))
        return try #require(JSONValue(parsing: response.body)?["access_token"]?.stringValue)
    }

    func devices(token: String) throws -> Int {
        guard case let .array(devices)? = try call("GET", "/devices", token: token)["devices"] else { return -1 }
        return devices.count
    }
}
