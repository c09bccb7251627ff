import COpenSSL
import Glibc

/// Why a system or OpenSSL call failed, kept as the value it gave (an errno, a resolver code,
/// OpenSSL's error codes); the words are made from it, in `description`.
public enum TransportCause: Sendable, Equatable, CustomStringConvertible {
    /// A C `errno` value.
    case errno(Int32)
    /// A `getaddrinfo` error code (EAI_…).
    case resolver(Int32)
    /// A name under .invalid, which never resolves (RFC 6761) and is never sent to a resolver.
    case reservedName
    /// The host resolved to no address.
    case noAddress
    /// OpenSSL's queued error codes, oldest first.
    case openSSL([UInt])

    public var description: String {
        switch self {
        case let .errno(code): return errnoText(code)
        case let .resolver(code): return String(cString: gai_strerror(code))
        case .reservedName: return "a name under .invalid never resolves (RFC 6761)"
        case .noAddress: return "no address"
        case let .openSSL(codes):
            return codes.map { code in
                var buffer = [CChar](repeating: 0, count: 256)
                ERR_error_string_n(code, &buffer, buffer.count)
                return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            }.joined(separator: "; ")
        }
    }
}
