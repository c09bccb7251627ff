/// The incoming-webhook post Slack defined and Mattermost takes as it stands: JSON `text` (the
/// report in a code block), `channel` when one is named, `username` when the URL names a bot.
enum IncomingWebhook {
    /// The POSTs that send `text`: one per channel, or one to the webhook's own channel when
    /// none is named.
    static func posts(path: String, text: String, channels: [String], botname: String?) -> [HTTPRequest] {
        (channels.isEmpty ? [nil] : channels.map(Optional.some)).map { channel in
            var fields: [(String, JSONValue)] = [("text", .string(CodeFence.wrap(text)))]
            if let channel { fields.append(("channel", .string(channel))) }
            if let botname { fields.append(("username", .string(botname))) }
            return HTTPRequest(method: "POST", path: path, headers: ServiceRequest.jsonHeaders(),
                               body: Array(JSONValue.object(fields).serialized.utf8))
        }
    }
}
