import Transport

/// `json://[user:password@]host[:port][/path]` (http) and `jsons://…` (https): `POST` of
/// apprise's JSON document (`version`, `title`, `message`, `attachments`, `type`) to the
/// path, with HTTP basic auth when a user is given. A password is a credential: plain
/// `json://` with one only to a loopback host.
/// https://github.com/caronc/apprise/wiki/Notify_Custom_JSON
public struct JSONWebhookURL: Sendable, Equatable {
    static let service = "JSON webhook"
    /// The server and the path posted to.
    package var site: SiteURL
    package var user: String?
    package var password: Secret?

    init(_ url: AppriseURL) throws(DestinationURLError) {
        let service = JSONWebhookURL.service
        site = try url.site(service: service, prefix: url.path)
        user = url.user
        password = url.password.map { Secret($0) }
        if url.user != nil || url.password != nil { try AppriseURL.requireProtected(site, service: service) }
        if let method = url.option("method"), method.uppercased() != "POST" {
            throw .malformed(service: service, .methodNotPOST)
        }
    }
}
