import Glibc

/// A connected TCP or unix-domain socket. Every operation is bounded by its `Timeouts` and by
/// the stream's `deadline`, whichever comes first.
package final class Socket: ByteStream {
    private var fd: Int32
    private let timeouts: Timeouts
    /// The endpoint this socket is connected to.
    package let endpoint: Endpoint
    package var deadline: Deadline?

    /// Opens a connection to `endpoint`, trying each resolved address in turn, within the
    /// connect timeout and `deadline`.
    package init(connectingTo endpoint: Endpoint, timeouts: Timeouts, deadline: Deadline? = nil) throws(TransportError) {
        self.endpoint = endpoint
        self.timeouts = timeouts
        self.deadline = deadline
        let limit = Deadline.earliest(Deadline(secondsFromNow: timeouts.connect), deadline)
        switch endpoint {
        case let .tcp(host, port):
            fd = try Socket.connectTCP(host: host, port: port, until: limit)
        case let .unix(path):
            fd = try Socket.connectUnix(path: path, until: limit)
        }
    }

    deinit { close() }

    /// The file descriptor, for the TLS layer that wraps this socket.
    var fileDescriptor: Int32 { fd }

    /// The limit for one operation allowed `seconds`: that, or the exchange's deadline.
    func limit(_ seconds: Double) -> Deadline {
        Deadline.earliest(Deadline(secondsFromNow: seconds), deadline)
    }

    /// Throws when the exchange's deadline has passed, so that a peer that keeps sending a
    /// byte at a time cannot keep an exchange going.
    func checkDeadline(_ step: TransportStep) throws(TransportError) {
        if let deadline, deadline.hasPassed { throw .timeout(step, seconds: deadline.seconds) }
    }

    package func read(into buffer: UnsafeMutableRawBufferPointer) throws(TransportError) -> Int {
        guard fd >= 0 else { throw .closed }
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        let step = TransportStep.waitingForAnswer(endpoint.description)
        try checkDeadline(step)
        let limit = limit(timeouts.read)
        while true {
            let count = recv(fd, base, buffer.count, 0)
            if count >= 0 { return count }
            let code = errno
            if code == EINTR { continue }
            guard code == EAGAIN || code == EWOULDBLOCK else {
                throw .io(step, .errno(code))
            }
            try Socket.wait(fd: fd, for: Int16(POLLIN), until: limit, step: step)
        }
    }

    package func write(_ bytes: UnsafeRawBufferPointer) throws(TransportError) {
        guard fd >= 0 else { throw .closed }
        guard let base = bytes.baseAddress else { return }
        let step = TransportStep.sending(endpoint.description)
        try checkDeadline(step)
        let limit = limit(timeouts.write)
        var offset = 0
        while offset < bytes.count {
            // MSG_NOSIGNAL: a peer that went away is an error here, never a SIGPIPE.
            let count = send(fd, base + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
            if count >= 0 {
                offset += count
                continue
            }
            let code = errno
            if code == EINTR { continue }
            guard code == EAGAIN || code == EWOULDBLOCK else {
                throw code == EPIPE || code == ECONNRESET ? .closed : .io(step, .errno(code))
            }
            try Socket.wait(fd: fd, for: Int16(POLLOUT), until: limit, step: step)
        }
    }

    package func close() {
        if fd >= 0 {
            _ = Glibc.close(fd)
            fd = -1
        }
    }

    // MARK: - Opening

    private static func connectTCP(host: String, port: UInt16, until limit: Deadline) throws(TransportError) -> Int32 {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_protocol = Int32(IPPROTO_TCP)
        // RFC 6761 §6.4: a name under .invalid never resolves, and asking a resolver for it
        // would send it beyond this host.
        let lowered = host.lowercased()
        guard lowered != "invalid", !lowered.hasSuffix(".invalid"), !lowered.hasSuffix(".invalid.") else {
            throw .resolve(host: host, .reservedName)
        }
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            throw .resolve(host: host, status == EAI_SYSTEM ? .errno(errno) : .resolver(status))
        }
        defer { freeaddrinfo(first) }

        let endpoint = Endpoint.tcp(host: host, port: port).description
        var lastError = TransportError.connect(endpoint: endpoint, .noAddress)
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let info = entry {
            entry = info.pointee.ai_next
            do throws(TransportError) {
                let fd = try open(family: info.pointee.ai_family, endpoint: endpoint)
                do throws(TransportError) {
                    try connect(fd: fd, address: info.pointee.ai_addr, length: info.pointee.ai_addrlen,
                                until: limit, endpoint: endpoint)
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

    private static func connectUnix(path: String, until limit: Deadline) throws(TransportError) -> Int32 {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard !bytes.isEmpty, bytes.count < capacity, !bytes.contains(0) else { throw .invalidSocketPath(path) }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
        }
        let fd = try open(family: AF_UNIX, endpoint: path)
        var failure: TransportError?
        withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                do throws(TransportError) {
                    try connect(fd: fd, address: generic, length: socklen_t(MemoryLayout<sockaddr_un>.size),
                                until: limit, endpoint: path)
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
        guard fd >= 0 else { throw .connect(endpoint: endpoint, .errno(errno)) }
        return fd
    }

    private static func connect(fd: Int32, address: UnsafePointer<sockaddr>?, length: socklen_t,
                                until limit: Deadline, endpoint: String) throws(TransportError) {
        if Glibc.connect(fd, address, length) == 0 { return }
        let code = errno
        guard code == EINPROGRESS || code == EINTR || code == EAGAIN else {
            throw .connect(endpoint: endpoint, .errno(code))
        }
        try wait(fd: fd, for: Int16(POLLOUT), until: limit, step: .connecting(endpoint))
        var result: Int32 = 0
        var size = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(fd, SOL_SOCKET, SO_ERROR, &result, &size) == 0 else {
            throw .connect(endpoint: endpoint, .errno(errno))
        }
        guard result == 0 else { throw .connect(endpoint: endpoint, .errno(result)) }
    }

    /// Waits until `fd` is ready for `events`, or throws a timeout once `limit` passes.
    static func wait(fd: Int32, for events: Int16, until limit: Deadline, step: TransportStep) throws(TransportError) {
        while true {
            let remaining = limit.remainingMilliseconds
            guard remaining > 0 else { throw .timeout(step, seconds: limit.seconds) }
            var entry = pollfd(fd: fd, events: events, revents: 0)
            let ready = poll(&entry, 1, remaining)
            if ready > 0 { return }
            if ready == 0 { throw .timeout(step, seconds: limit.seconds) }
            let code = errno
            if code != EINTR { throw .io(step, .errno(code)) }
        }
    }
}
