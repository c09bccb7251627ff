import Transport

/// A user and password for HTTP basic authentication, as a URL's user part carries them
/// (`https://user:password@host`, percent-decoded). The password prints as "<redacted>".
public struct BasicCredentials: Sendable, Equatable {
    public var user: String
    public var password: Secret

    public init(user: String, password: Secret) {
        self.user = user
        self.password = password
    }

    /// The Authorization header that sends them.
    public var header: (name: String, value: String) {
        ("Authorization", "Basic " + Base64.encode(Array("\(user):\(password.reveal())".utf8)))
    }
}
