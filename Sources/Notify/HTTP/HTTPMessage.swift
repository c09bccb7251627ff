/// One HTTP/1.1 request: method, path below the site's prefix, headers and body.
package struct HTTPRequest: Sendable {
    package var method: String
    /// The path below the site's path prefix, starting with "/" (query included, if any).
    package var path: String
    package var headers: [(name: String, value: String)]
    package var body: [UInt8]

    package init(method: String, path: String, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body
    }
}

/// An HTTP/1.1 answer.
package struct HTTPResponse: Sendable {
    package var status: Int
    package var reason: String
    /// Header names in lower case, in the order received.
    package var headers: [(name: String, value: String)]
    package var body: [UInt8]

    package init(status: Int, reason: String, headers: [(name: String, value: String)], body: [UInt8]) {
        self.status = status
        self.reason = reason
        self.headers = headers
        self.body = body
    }

    /// The last value of header `name` (case-insensitive), or nil.
    package func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.last { $0.name == wanted }?.value
    }

    /// Retry-After in seconds, when the server sent it as a number of seconds.
    package var retryAfterSeconds: Double? {
        header("retry-after").flatMap { Double($0) }.flatMap { $0 >= 0 && $0.isFinite ? $0 : nil }
    }
}
