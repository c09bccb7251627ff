import TextRules
import Transport

/// A small HTTP/1.1 client over Transport: one request per connection (`Connection: close`),
/// bodies by Content-Length, chunked, or until close; sizes bounded; https verified against the
/// given CA file (or OpenSSL's default CAs) with the host name checked. Each exchange, from
/// connecting to the last byte of the answer, is bounded by `timeout` as a whole.
package struct HTTPClient: Sendable {
    package static let maxHeadBytes = 64 << 10
    package static let maxBodyBytes = 4 << 20

    package var site: SiteURL
    /// Seconds one exchange may take, connecting included.
    package var timeout: Double
    /// PEM file of CAs trusted for an https site; nil for OpenSSL's default locations.
    package var caFile: String?
    /// PEM file of CAs trusted besides `caFile` (notify_tls_ca); nil for none.
    package var extraCAFile: String?
    /// The User-Agent header, the calling program's name and version ("backup-checker/0.2.0");
    /// nil sends none. Notify does not name a product of its own.
    package var userAgent: String?

    package init(site: SiteURL, timeout: Double, caFile: String? = nil, extraCAFile: String? = nil, userAgent: String? = nil) {
        self.site = site
        self.timeout = timeout
        self.caFile = caFile
        self.extraCAFile = extraCAFile
        self.userAgent = userAgent
    }

    /// Sends `request` to `site.path + request.path` and reads the whole answer, within
    /// `timeout` or by `deadline` (one shared by several requests), whichever comes first.
    package func send(_ request: HTTPRequest, deadline: Deadline? = nil) throws(HTTPError) -> HTTPResponse {
        let head = try head(of: request)
        let stream = try open(deadline: Deadline.earliest(Deadline(secondsFromNow: timeout), deadline))
        defer { stream.close() }
        do {
            try stream.write(Array(head.utf8) + request.body)
        } catch {
            throw .send(error)
        }
        var reader = HTTPResponseReader(stream: stream)
        return try reader.read(expectBody: request.method != "HEAD")
    }

    /// Opens a connection (and for https completes the handshake and checks the certificate)
    /// without sending anything: whether the site can be reached, at no cost to it.
    package func probe(deadline: Deadline? = nil) throws(HTTPError) {
        try open(deadline: Deadline.earliest(Deadline(secondsFromNow: timeout), deadline)).close()
    }

    private func head(of request: HTTPRequest) throws(HTTPError) -> String {
        let agent = userAgent.map { [("User-Agent", $0)] } ?? []
        for (name, value) in agent + request.headers + [("Path", request.path)] where ControlCharacters.occur(in: name + value) {
            throw .invalidRequest("\(name) contains a control character")
        }
        var head = "\(request.method) \(site.path)\(request.path) HTTP/1.1\r\nHost: \(site.hostHeader)\r\n"
        for (name, value) in agent + request.headers { head += "\(name): \(value)\r\n" }
        if !request.body.isEmpty || request.method == "POST" || request.method == "PUT" {
            head += "Content-Length: \(request.body.count)\r\n"
        }
        return head + "Connection: close\r\n\r\n"
    }

    /// A plain socket for http sites; for https a TLS session whose certificate must chain to a
    /// trusted CA (the whole chain) and then name the site's host: always both, for every service.
    private func open(deadline: Deadline) throws(HTTPError) -> ByteStream {
        let timeouts = Timeouts(connect: timeout, read: timeout, write: timeout)
        let socket: Socket
        do {
            socket = try Socket(connectingTo: .tcp(host: site.host, port: site.port), timeouts: timeouts, deadline: deadline)
        } catch {
            throw .connect(error)
        }
        guard site.isTLS else { return socket }
        let tls: TLSStream
        do {
            tls = try TLSStream(over: socket, configuration: TLSConfiguration(caFile: caFile, extraCAFile: extraCAFile,
                                                                                 serverName: site.host, checkName: true),
                                timeouts: timeouts)
        } catch {
            throw .connect(error)
        }
        switch tls.trust {
        case .trusted, .notVerified:
            return tls
        case let .wrongName(reason), let .untrusted(reason):
            tls.close()
            throw .untrustedCertificate(reason)
        }
    }
}
