/// One HTTP/1.1 request: method, path below the site's prefix, headers and body.
public struct HTTPRequest: Sendable {
    public var method: String
    /// The path below the site's path prefix, starting with "/" (query included, if any).
    public var path: String
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(method: String, path: String, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body
    }
}

/// An HTTP/1.1 answer.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var reason: String
    /// Header names in lower case, in the order received.
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(status: Int, reason: String, headers: [(name: String, value: String)], body: [UInt8]) {
        self.status = status
        self.reason = reason
        self.headers = headers
        self.body = body
    }

    /// The last value of header `name` (case-insensitive), or nil.
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.last { $0.name == wanted }?.value
    }

    /// Retry-After in seconds, when the server sent it as a number of seconds.
    public var retryAfterSeconds: Double? {
        header("retry-after").flatMap { Double($0) }.flatMap { $0 >= 0 && $0.isFinite ? $0 : nil }
    }
}
