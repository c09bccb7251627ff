#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A connected TCP or unix-domain socket whose every operation is bounded by `Timeouts`.
public final class Socket: ByteStream {
    private var fd: Int32
    private let timeouts: Timeouts
    /// The endpoint this socket is connected to.
    public let endpoint: Endpoint

    /// Opens a connection to `endpoint`, trying each resolved address in turn within the
    /// connect timeout.
    public init(connectingTo endpoint: Endpoint, timeouts: Timeouts) throws(TransportError) {
        self.endpoint = endpoint
        self.timeouts = timeouts
        let deadline = Deadline(secondsFromNow: timeouts.connect)
        switch endpoint {
        case let .tcp(host, port):
            fd = try Socket.connectTCP(host: host, port: port, deadline: deadline, timeouts: timeouts)
        case let .unix(path):
            fd = try Socket.connectUnix(path: path, deadline: deadline, timeouts: timeouts)
        }
    }

    deinit { close() }

    /// True when the peer is a unix socket, where a cleartext secret never crosses a network.
    public var isLocal: Bool {
        if case .unix = endpoint { return true }
        return false
    }

    /// The file descriptor, for the TLS layer that wraps this socket.
    public var fileDescriptor: Int32 { fd }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(TransportError) -> Int {
        guard fd >= 0 else { throw .closed }
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        let deadline = Deadline(secondsFromNow: timeouts.read)
        while true {
            let count = recv(fd, base, buffer.count, 0)
            if count >= 0 { return count }
            let code = errno
            if code == EINTR { continue }
            guard code == EAGAIN || code == EWOULDBLOCK else {
                throw .io(step: "reading from \(endpoint)", reason: errnoText(code))
            }
            try Socket.wait(fd: fd, for: Int16(POLLIN), deadline: deadline,
                            step: "waiting for the server at \(endpoint) to answer", seconds: timeouts.read)
        }
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws(TransportError) {
        guard fd >= 0 else { throw .closed }
        guard let base = bytes.baseAddress else { return }
        let deadline = Deadline(secondsFromNow: timeouts.write)
        var offset = 0
        while offset < bytes.count {
            let count = send(fd, base + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
            if count >= 0 {
                offset += count
                continue
            }
            let code = errno
            if code == EINTR { continue }
            guard code == EAGAIN || code == EWOULDBLOCK else {
                throw code == EPIPE || code == ECONNRESET
                    ? .closed : .io(step: "writing to \(endpoint)", reason: errnoText(code))
            }
            try Socket.wait(fd: fd, for: Int16(POLLOUT), deadline: deadline,
                            step: "sending to \(endpoint)", seconds: timeouts.write)
        }
    }

    public func close() {
        if fd >= 0 {
            _ = Glibc.close(fd)
            fd = -1
        }
    }

    // MARK: - Opening

    private static func connectTCP(host: String, port: UInt16, deadline: Deadline,
                                   timeouts: Timeouts) throws(TransportError) -> Int32 {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_protocol = Int32(IPPROTO_TCP)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            let reason = status == EAI_SYSTEM ? errnoText(errno) : String(cString: gai_strerror(status))
            throw .resolve(host: host, reason: reason)
        }
        defer { freeaddrinfo(first) }

        let endpoint = Endpoint.tcp(host: host, port: port).description
        var lastError = TransportError.connect(endpoint: endpoint, reason: "no address")
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let info = entry {
            entry = info.pointee.ai_next
            do throws(TransportError) {
                let fd = try open(family: info.pointee.ai_family, endpoint: endpoint)
                do throws(TransportError) {
                    try connect(fd: fd, address: info.pointee.ai_addr, length: info.pointee.ai_addrlen,
                                deadline: deadline, endpoint: endpoint, seconds: timeouts.connect)
                    var one: Int32 = 1
                    _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
                    return fd
                } catch {
                    _ = Glibc.close(fd)
                    throw error
                }
            } catch {
                lastError = error
                if case .timeout = error { break }
            }
        }
        throw lastError
    }

    private static func connectUnix(path: String, deadline: Deadline,
                                    timeouts: Timeouts) throws(TransportError) -> Int32 {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard !bytes.isEmpty, bytes.count < capacity, !bytes.contains(0) else {
            throw .invalidArgument("the socket path must be 1 to \(capacity - 1) bytes without NUL: \(path)")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
        }
        let fd = try open(family: AF_UNIX, endpoint: path)
        var failure: TransportError?
        withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                do throws(TransportError) {
                    try connect(fd: fd, address: generic, length: socklen_t(MemoryLayout<sockaddr_un>.size),
                                deadline: deadline, endpoint: path, seconds: timeouts.connect)
                } catch {
                    failure = error
                }
            }
        }
        if let failure {
            _ = Glibc.close(fd)
            throw failure
        }
        return fd
    }

    private static func open(family: Int32, endpoint: String) throws(TransportError) -> Int32 {
        let fd = socket(family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        guard fd >= 0 else { throw .connect(endpoint: endpoint, reason: errnoText(errno)) }
        return fd
    }

    private static func connect(fd: Int32, address: UnsafePointer<sockaddr>?, length: socklen_t,
                                deadline: Deadline, endpoint: String, seconds: Double) throws(TransportError) {
        if Glibc.connect(fd, address, length) == 0 { return }
        let code = errno
        guard code == EINPROGRESS || code == EINTR || code == EAGAIN else {
            throw .connect(endpoint: endpoint, reason: errnoText(code))
        }
        try wait(fd: fd, for: Int16(POLLOUT), deadline: deadline, step: "connecting to \(endpoint)", seconds: seconds)
        var result: Int32 = 0
        var size = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(fd, SOL_SOCKET, SO_ERROR, &result, &size) == 0 else {
            throw .connect(endpoint: endpoint, reason: errnoText(errno))
        }
        guard result == 0 else { throw .connect(endpoint: endpoint, reason: errnoText(result)) }
    }

    /// Waits until `fd` is ready for `events` or the deadline passes.
    static func wait(fd: Int32, for events: Int16, deadline: Deadline,
                             step: String, seconds: Double) throws(TransportError) {
        while true {
            let remaining = deadline.remainingMilliseconds
            guard remaining > 0 else { throw .timeout(step: step, seconds: seconds) }
            var entry = pollfd(fd: fd, events: events, revents: 0)
            let ready = poll(&entry, 1, remaining)
            if ready > 0 { return }
            if ready == 0 { throw .timeout(step: step, seconds: seconds) }
            let code = errno
            if code != EINTR { throw .io(step: step, reason: errnoText(code)) }
        }
    }
}
