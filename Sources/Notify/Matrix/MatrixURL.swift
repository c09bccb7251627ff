import TextRules
import Transport

/// `matrix://user:password@host[:port]/#room[:server]` (http) and `matrixs://…` (https), or
/// an access token as the user (`matrixs://token@host/#room`, or `?token=`): log in (or use
/// the token), join each room, post, as apprise reads it. A room is `#alias`, `!id` or a bare
/// alias; one without a server is on `host`. The password or token is a credential: plain
/// `matrix://` only to a loopback host.
/// https://spec.matrix.org/v1.11/client-server-api/
public struct MatrixURL: Sendable, Equatable {
    static let service = "Matrix"
    package enum Login: Sendable, Equatable {
        case password(user: String, password: Secret)
        case token(Secret)
    }

    package var site: SiteURL
    package var login: Login
    /// Room aliases (`#name:server`) and ids (`!id:server`), in the order written.
    package var rooms: [String]
    /// `m.text` or `m.notice` (`?msgtype=notice`).
    package var messageType: String

    init(_ url: AppriseURL) throws(DestinationURLError) {
        let service = MatrixURL.service
        site = try url.site(service: service)
        if let token = url.option("token") {
            login = .token(Secret(token))
        } else if let user = url.user, let password = url.password {
            login = .password(user: user, password: Secret(password))
        } else if let token = url.user {
            login = .token(Secret(token))
        } else {
            throw .malformed(service: service, .noMatrixLogin)
        }
        try AppriseURL.requireProtected(site, service: service)
        let targets = url.path + url.list("to")
        guard !targets.isEmpty else { throw .malformed(service: service, .noMatrixRoom) }
        var rooms: [String] = []
        for target in targets {
            guard let room = MatrixURL.room(target, host: url.host) else {
                throw .malformed(service: service, .badMatrixRoom)
            }
            rooms.append(room)
        }
        self.rooms = rooms
        switch url.option("msgtype")?.lowercased() {
        case nil, "text": messageType = "m.text"
        case "notice": messageType = "m.notice"
        default: throw .malformed(service: service, .badMatrixMessageType)
        }
    }

    /// A target as apprise reads it: `#alias`, or a bare alias, with `:host` added when no
    /// server is named; `!id` as written (room ids of room version 12 name no server).
    static func room(_ target: String, host: String) -> String? {
        if target.hasPrefix("!") {
            return target.dropFirst().isASCIIWord(allowing: "._=-:") ? target : nil
        }
        let text = target.hasPrefix("#") ? target.dropFirst() : Substring(target)
        let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        guard let name = parts.first, name.isASCIIWord(allowing: "._=-") else { return nil }
        let server = parts.count > 1 ? parts[1] : Substring(host)
        guard server.isASCIIWord(allowing: ".-") else { return nil }
        return "#\(name):\(server)"
    }
}
