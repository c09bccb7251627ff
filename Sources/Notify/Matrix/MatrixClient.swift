import Transport

/// Matrix's client-server API v3: log in with the password (or use the access token), join
/// each room (a no-op when already joined), and send an `m.room.message` with the report as
/// `body` and as `formatted_body` in `<pre><code>`; a session made by logging in is logged out
/// again, so that no device is left behind. Errors are `{"errcode", "error"}`; a rate limit is
/// 429 `M_LIMIT_EXCEEDED` with `retry_after_ms`, which the retry honours. The message's event
/// is kept within 60,000 bytes (Matrix refuses events over 65,536).
/// https://spec.matrix.org/v1.11/client-server-api/
package struct MatrixClient: SiteDestination {
    package let url: MatrixURL
    let service: ServiceSite

    package init(url: MatrixURL, options: DestinationOptions) {
        self.url = url
        service = ServiceSite("Matrix", at: url.site, options)
    }

    package var messageLimit: MessageLimit? { .bytes(60_000) }
    package func size(of text: String) -> Int { content(text).serialized.utf8.count }

    private static let api = "/_matrix/client/v3"

    private func content(_ text: String) -> JSONValue {
        .object([("msgtype", .string(url.messageType)), ("body", .string(text)), ("format", .string("org.matrix.custom.html")),
                 ("formatted_body", .string("<pre><code>" + HTMLEscaping.escape(text) + "</code></pre>"))])
    }

    private func call(_ method: String, _ path: String, token: Secret?, body: JSONValue? = nil) throws(DeliveryError) -> JSONValue? {
        let auth: [(name: String, value: String)] = token.map { [("Authorization", "Bearer " + $0.reveal())] } ?? []
        let http = HTTPRequest(method: method, path: MatrixClient.api + path, headers: ServiceRequest.jsonHeaders(auth),
                               body: body.map { Array($0.serialized.utf8) } ?? [])
        return try service.options.retry.run { () throws(DeliveryError) -> JSONValue? in
            try service.request.call(http, carriesCredential: true) { json in
                ServiceComplaint(message: json["error"]?.stringValue, code: json["errcode"]?.stringValue,
                                 retryAfter: json["retry_after_ms"]?.seconds.map { $0 / 1000 })
            }.json
        }
    }

    /// An access token: the URL's, or a new session's (then `loggedIn`).
    private func session() throws(DeliveryError) -> (token: Secret, loggedIn: Bool) {
        switch url.login {
        case let .token(token):
            return (token, false)
        case let .password(user, password):
            let body = JSONValue.object([
                ("type", .string("m.login.password")),
                ("identifier", .object([("type", .string("m.id.user")), ("user", .string(user))])),
                ("password", .string(password.reveal())), ("initial_device_display_name", .string("backup-checker")),
            ])
            guard let token = try call("POST", "/login", token: nil, body: body)?["access_token"]?.stringValue else {
                throw service.request.failure(.unexpectedAnswer(status: 200, detail: "a login answer without an access_token"))
            }
            return (Secret(token), true)
        }
    }

    /// Runs `work` with a session, logging out afterwards when it logged in.
    private func withSession<Value>(_ work: (Secret) throws(DeliveryError) -> Value) throws(DeliveryError) -> Value {
        let (token, loggedIn) = try session()
        defer { if loggedIn { _ = try? call("POST", "/logout", token: token, body: .object([])) } }
        return try work(token)
    }

    package func send(_ message: NotifyMessage) throws(DeliveryError) {
        try withSession { (token) throws(DeliveryError) in
            for room in url.rooms {
                guard let roomID = try call("POST", "/join/" + PathEncoding.segment(room), token: token, body: .object([]))?["room_id"]?.stringValue else {
                    throw service.request.failure(.unexpectedAnswer(status: 200, detail: "a join answer without a room_id"))
                }
                let transaction = "bc" + String(UInt64.random(in: 0...UInt64.max), radix: 16)
                _ = try call("PUT", "/rooms/\(PathEncoding.segment(roomID))/send/m.room.message/\(transaction)", token: token,
                             body: content(message.text))
            }
        }
    }

    /// Who the login is (whoami) and whether it is in each room, posting nothing.
    package func check() throws(DeliveryError) -> String {
        try withSession { (token) throws(DeliveryError) -> String in
            let user = try call("GET", "/account/whoami", token: token)?["user_id"]?.stringValue ?? "?"
            let joined = try call("GET", "/joined_rooms", token: token)?["joined_rooms"]
            var found = "logged in as \(user.prefix(100))"
            for room in url.rooms {
                var roomID = room
                if room.hasPrefix("#") {
                    roomID = try call("GET", "/directory/room/" + PathEncoding.segment(room), token: token)?["room_id"]?.stringValue ?? "?"
                }
                let member = joined.map { list in
                    if case let .array(items) = list { return items.contains(.string(roomID)) }
                    return false
                } ?? false
                found += "; \(room.prefix(100)): " + (member ? "joined" : "not joined yet (the first run joins it; an invite-only room needs an invite)")
            }
            return found + " (nothing posted)"
        }
    }
}
