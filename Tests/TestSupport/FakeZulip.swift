import Foundation

/// A Zulip-like server on loopback (plain or TLS) that follows Zulip's documented API, its
/// error answers included: `POST /api/v1/messages` (basic auth, form fields), `GET
/// /api/v1/users/me`, `POST /api/v1/register` (the realm's `max_message_length`), `DELETE
/// /api/v1/events`, and the channel look-ups doctor makes: `GET /api/v1/get_stream_id`,
/// `GET /api/v1/streams/{id}`, `GET /api/v1/users/{id}/subscriptions/{stream}` and
/// `GET /api/v1/user_groups/{group}/members/{id}` (see `channels`). Each request takes the next
/// behaviour from a script; the last repeats.
package final class FakeZulip: @unchecked Sendable {
    package enum Behavior: Sendable {
        /// Answer as Zulip would (success, or 400/401 with Zulip's error bodies).
        case zulip
        /// Answer as Zulip would, with a chunked body.
        case zulipChunked
        /// Answer as Zulip would, chunked, written `piece` bytes per write with `pause` seconds between.
        case zulipInPieces(piece: Int, pause: Double)
        /// Answer with this status and body.
        case respond(Int, String)
        /// Answer 429 as Zulip's rate limit does, with Retry-After.
        case rateLimited(retryAfter: Double)
        /// Answer 302 with this Location.
        case redirect(to: String)
        /// Accept, read the request, close without answering.
        case close
        /// Accept, read the request, never answer.
        case hang
    }

    package static let email = "backup-bot@zulip.example.org"
    package static let apiKey = "zulip-Key-0123456789abcdef"

    private let server: LoopbackHTTPServer
    private let state: ScriptedBehaviors<Behavior>

    /// `maxMessageLength` is what the register endpoint reports.
    package init(script: [Behavior] = [.zulip], tls: TLSMaterial? = nil, maxMessageLength: Int = 10_000) throws {
        let state = ScriptedBehaviors(script, fallback: Behavior.zulip)
        self.state = state
        server = try LoopbackHTTPServer(tls: tls) { request, _ in
            let (status, body) = FakeZulip.answer(request, maxMessageLength: maxMessageLength)
            switch state.next() {
            case .zulip: return .answer(status: status, headers: [("Content-Type", "application/json")], body: body)
            case .zulipChunked:
                return .answer(status: status, headers: [("Content-Type", "application/json")], body: body, chunked: true)
            case let .zulipInPieces(piece, pause):
                return .answer(status: status, headers: [("Content-Type", "application/json")], body: body, chunked: true,
                               piece: piece, pause: pause)
            case let .respond(code, text): return .answer(status: code, body: text)
            case let .rateLimited(seconds):
                return .answer(status: 429, headers: [("Retry-After", String(seconds))],
                               body: #"{"result":"error","msg":"API usage exceeded rate limit","retry-after":\#(seconds),"code":"RATE_LIMIT_HIT"}"#)
            case let .redirect(location): return .answer(status: 302, headers: [("Location", location)], body: "")
            case .close: return .close
            case .hang: return .hang
            }
        }
    }

    package var port: UInt16 { server.port }
    package var site: String { server.url }
    package var requests: [RecordedRequest] { server.requests }
    /// The messages posted, in order.
    package var posted: [String] { requests.filter { $0.path == "/api/v1/messages" }.compactMap { $0.form["content"] } }
    package func stop() { server.stop() }
    /// Waits until `count` requests have arrived (at most `timeout` seconds).
    package func waitForRequests(_ count: Int, timeout: Double = 10) -> Bool { server.waitForRequests(count, timeout: timeout) }

    /// A channel as the stand-in's realm has it: its id, whether it is private and the bot
    /// subscribed, and who may post (`stream_post_policy`, or Zulip 10's
    /// `can_send_message_group` as JSON).
    package struct Channel: Sendable {
        package var name: String
        package var id: Int
        package var inviteOnly = false
        package var subscribed = true
        package var postPolicy = 1
        package var canSendGroup: String?
    }

    /// The realm's channels. The bot (user 12, a member: role 400) is in the anonymous group of
    /// "team" and in group 30 (everyone), not in group 31 (managers).
    package static let channels = [
        Channel(name: "ops", id: 15),
        Channel(name: "private-ops", id: 16, inviteOnly: true, subscribed: false),
        Channel(name: "announce", id: 17, postPolicy: 2),
        Channel(name: "release-notes", id: 18, canSendGroup: "31"),
        Channel(name: "team", id: 19, canSendGroup: #"{"direct_members":[12],"direct_subgroups":[]}"#),
        Channel(name: "everyone", id: 20, canSendGroup: #"{"direct_members":[],"direct_subgroups":[31,30]}"#),
    ]

    /// `streams/{id}`, `users/{id}/subscriptions/{stream}`, `user_groups/{group}/members/{id}`.
    static func channelAnswer(_ parts: [String]) -> (Int, String) {
        let invalidStream = (400, #"{"code":"BAD_REQUEST","msg":"Invalid stream ID","result":"error"}"#)
        switch parts.count {
        case 2 where parts[0] == "streams":
            guard let channel = channels.first(where: { String($0.id) == parts[1] }) else { return invalidStream }
            let who = channel.canSendGroup.map { #""can_send_message_group":\#($0)"# }
                ?? #""stream_post_policy":\#(channel.postPolicy)"#
            return (200, #"{"msg":"","result":"success","stream":{"stream_id":\#(channel.id),"name":"\#(channel.name)","#
                + #""invite_only":\#(channel.inviteOnly),"is_web_public":false,"description":"",\#(who)}}"#)
        case 4 where parts[0] == "users" && parts[2] == "subscriptions":
            guard parts[1] == "12" else { return (400, #"{"code":"BAD_REQUEST","msg":"No such user","result":"error"}"#) }
            guard let channel = channels.first(where: { String($0.id) == parts[3] }) else { return invalidStream }
            return (200, #"{"is_subscribed":\#(channel.subscribed),"msg":"","result":"success"}"#)
        case 4 where parts[0] == "user_groups" && parts[2] == "members":
            guard ["30", "31"].contains(parts[1]) else {
                return (400, #"{"code":"BAD_REQUEST","msg":"Invalid user group","result":"error"}"#)
            }
            return (200, #"{"is_user_group_member":\#(parts[1] == "30" && parts[3] == "12"),"msg":"","result":"success"}"#)
        default:
            return (404, #"{"result":"error","msg":"Not Found","code":"BAD_REQUEST"}"#)
        }
    }

    /// Zulip's answer to a request, as its API documents it.
    static func answer(_ request: RecordedRequest, maxMessageLength: Int) -> (Int, String) {
        let expected = "Basic " + Data("\(email):\(apiKey)".utf8).base64EncodedString()
        guard request.headers["authorization"] == expected else {
            return (401, #"{"result":"error","msg":"Invalid API key","code":"INVALID_API_KEY"}"#)
        }
        switch (request.method, request.path.split(separator: "?").first ?? "") {
        case ("POST", "/api/v1/messages"):
            guard request.headers["content-type"] == "application/x-www-form-urlencoded" else {
                return (400, #"{"result":"error","msg":"Missing 'type' argument","code":"REQUEST_VARIABLE_MISSING","var_name":"type"}"#)
            }
            for field in ["type", "to", "topic", "content"] where request.form[field] == nil {
                return (400, #"{"result":"error","msg":"Missing '\#(field)' argument","code":"REQUEST_VARIABLE_MISSING","var_name":"\#(field)"}"#)
            }
            guard request.form["type"] == "stream" || request.form["type"] == "channel" else {
                return (400, #"{"result":"error","msg":"Invalid message type","code":"BAD_REQUEST"}"#)
            }
            guard request.form["to"] != "no-such-channel" else {
                return (400, #"{"result":"error","msg":"Channel 'no-such-channel' does not exist","code":"STREAM_DOES_NOT_EXIST","stream":"no-such-channel"}"#)
            }
            return (200, #"{"id":42,"msg":"","result":"success"}"#)
        case ("GET", "/api/v1/users/me"):
            return (200, #"{"result":"success","msg":"","email":"\#(email)","full_name":"Backup","user_id":12,"is_bot":true,"role":400}"#)
        case ("GET", "/api/v1/get_stream_id"):
            let name = request.query("stream") ?? ""
            guard let channel = channels.first(where: { $0.name == name }) else {
                return (400, #"{"code":"BAD_REQUEST","msg":"Invalid stream name '\#(name)'","result":"error"}"#)
            }
            return (200, #"{"msg":"","result":"success","stream_id":\#(channel.id)}"#)
        case let ("GET", path) where path.hasPrefix("/api/v1/"):
            return channelAnswer(path.split(separator: "/").dropFirst(2).map(String.init))
        case ("POST", "/api/v1/register"):
            return (200, #"{"result":"success","msg":"","queue_id":"fb67bf8a-c031-47cc-84cf-ed80accacda8","last_event_id":-1,"zulip_feature_level":300,"max_message_length":\#(maxMessageLength),"max_topic_length":60}"#)
        case ("DELETE", "/api/v1/events"):
            return (200, #"{"result":"success","msg":""}"#)
        default:
            return (404, #"{"result":"error","msg":"Not Found","code":"BAD_REQUEST"}"#)
        }
    }
}
