/// Whether the bot may post to its channel, learnt with GET requests only, so that nothing is
/// left behind on the server (no message, no event queue):
/// `GET /api/v1/users/me` (the bot's id and role), `GET /api/v1/get_stream_id` (the channel
/// exists and the bot can see it), `GET /api/v1/streams/{id}` (private? who may post?),
/// `GET /api/v1/users/{id}/subscriptions/{stream}` (a private channel's subscriber?) and
/// `GET /api/v1/user_groups/{group}/members/{id}` (in the group allowed to post, Zulip 10+).
/// https://zulip.com/api/get-stream-id, https://zulip.com/api/get-stream-by-id
public enum ZulipChannelAccess: Sendable, Equatable {
    /// The channel exists and the bot may post there.
    case mayPost(channelID: Int64, inviteOnly: Bool)
    /// Zulip knows no such channel, or the bot cannot see it: Zulip's words.
    case missing(String)
    /// A private channel the bot is not subscribed to.
    case notSubscribed(channelID: Int64)
    /// The channel allows posting only to some: who.
    case notAllowed(channelID: Int64, who: String)
}

extension ZulipClient {
    /// Zulip's roles (`role` of a user), smaller is more.
    private static let roles: [Int64: String] = [100: "owners", 200: "administrators", 300: "moderators", 400: "members"]

    /// Checks that the channel exists and that the bot may post to it, without posting.
    public func channelAccess() throws(DeliveryError) -> ZulipChannelAccess {
        let me = try call(HTTPRequest(method: "GET", path: "/api/v1/users/me", headers: headers))
        let query = String(decoding: FormEncoding.encode([("stream", destination.channel)]), as: UTF8.self)
        let found: JSONValue
        do {
            found = try call(HTTPRequest(method: "GET", path: "/api/v1/get_stream_id?" + query, headers: headers))
        } catch {
            // Zulip answers 400 BAD_REQUEST "Invalid stream name '…'" for a channel it does not show the bot.
            if case let .rejected(400, message, _, _) = error.problem { return .missing(message ?? "no such channel") }
            throw error
        }
        guard let channelID = found["stream_id"]?.integerValue else {
            throw unexpected("no stream_id in the answer to get_stream_id")
        }
        let answer = try call(HTTPRequest(method: "GET", path: "/api/v1/streams/\(channelID)", headers: headers))
        guard let channel = answer["stream"] else { throw unexpected("no stream in the answer to streams/\(channelID)") }
        let inviteOnly = channel["invite_only"] == .bool(true)
        let userID = me["user_id"]?.integerValue
        if inviteOnly {
            guard let userID else { throw unexpected("no user_id in the answer to users/me") }
            let subscription = try call(HTTPRequest(method: "GET", path: "/api/v1/users/\(userID)/subscriptions/\(channelID)",
                                                    headers: headers))
            if subscription["is_subscribed"] != .bool(true) { return .notSubscribed(channelID: channelID) }
        }
        if let group = channel["can_send_message_group"] {
            // Zulip 10+: a user group's id, or an anonymous group of members and subgroups.
            guard let userID else { throw unexpected("no user_id in the answer to users/me") }
            if try !isMember(userID, of: group) {
                return .notAllowed(channelID: channelID, who: "the members of the group allowed to post (can_send_message_group)")
            }
        } else if let policy = channel["stream_post_policy"]?.integerValue {
            // Before Zulip 10: 1 anyone, 2 administrators, 3 full members, 4 moderators.
            let needed: Int64? = switch policy {
            case 2: 200
            case 4: 300
            default: nil
            }
            let role = me["role"]?.integerValue ?? 400
            if let needed, role > needed {
                return .notAllowed(channelID: channelID, who: ZulipClient.roles[needed] ?? "some roles")
            }
        }
        return .mayPost(channelID: channelID, inviteOnly: inviteOnly)
    }

    /// Whether the user is in `group`: a group id (asked of Zulip, subgroups included) or an
    /// anonymous group (its direct members, then each subgroup asked of Zulip).
    private func isMember(_ userID: Int64, of group: JSONValue) throws(DeliveryError) -> Bool {
        if let id = group.integerValue { return try isMember(userID, ofGroup: id) }
        if case let .array(members)? = group["direct_members"], members.contains(.integer(userID)) { return true }
        if case let .array(subgroups)? = group["direct_subgroups"] {
            for subgroup in subgroups.prefix(20) {
                if let id = subgroup.integerValue, try isMember(userID, ofGroup: id) { return true }
            }
        }
        return false
    }

    private func isMember(_ userID: Int64, ofGroup id: Int64) throws(DeliveryError) -> Bool {
        let answer = try call(HTTPRequest(method: "GET", path: "/api/v1/user_groups/\(id)/members/\(userID)", headers: headers))
        return answer["is_user_group_member"] == .bool(true)
    }

    private func unexpected(_ detail: String) -> DeliveryError {
        DeliveryError(service: "Zulip", site: destination.site.description, problem: .unexpectedAnswer(status: 200, detail: detail))
    }
}
