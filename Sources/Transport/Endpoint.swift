/// Where a server listens: a host name or address with a port, or a unix socket path.
public enum Endpoint: Sendable, Equatable, CustomStringConvertible {
    case tcp(host: String, port: UInt16)
    case unix(path: String)

    public var description: String {
        switch self {
        case let .tcp(host, port):
            return host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        case let .unix(path):
            return path
        }
    }
}
