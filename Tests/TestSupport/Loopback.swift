import Glibc

/// A TCP socket bound to 127.0.0.1 and a port the kernel chose, not yet listening.
private func boundLoopbackSocket() -> (fd: Int32, port: UInt16)? {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { return nil }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var size = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, size) }
    }
    guard bound == 0 else {
        close(fd)
        return nil
    }
    _ = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &size) }
    }
    return (fd, UInt16(bigEndian: address.sin_port))
}

/// A listening TCP socket on 127.0.0.1 with a port the kernel chose, for the test servers of
/// every test target.
package func listenOnLoopback(backlog: Int32 = 16) -> (fd: Int32, port: UInt16)? {
    guard let socket = boundLoopbackSocket() else { return nil }
    guard listen(socket.fd, backlog) == 0 else {
        close(socket.fd)
        return nil
    }
    return socket
}

/// A loopback port that refuses connections and that nobody else can take while `fd` stays
/// open: a socket bound to it that does not listen. (Closing a listener frees its port for the
/// next test that binds one, which would then answer instead.)
package func refusingLoopbackPort() -> (fd: Int32, port: UInt16)? {
    boundLoopbackSocket()
}
