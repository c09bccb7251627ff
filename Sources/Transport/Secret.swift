/// A password or key. It prints as "<redacted>" so that it cannot reach a log, a message or
/// an error by accident; only the code that must send it (an auth plugin, an HTTP
/// Authorization header) reads its bytes. It lives here, below MySQLWire and Notify, so that
/// both carry secrets the same way without knowing each other.
public struct Secret: Sendable, Equatable, ExpressibleByStringLiteral, CustomStringConvertible,
    CustomDebugStringConvertible, CustomReflectable {
    private let value: String

    public init(_ value: String) { self.value = value }
    public init(stringLiteral value: String) { self.value = value }

    /// The secret's UTF-8 bytes, for the code that must send them.
    public var utf8Bytes: [UInt8] { Array(value.utf8) }
    public var isEmpty: Bool { value.isEmpty }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
    public var customMirror: Mirror { Mirror(self, children: []) }

    /// The secret as text, for the code that must send it.
    public func reveal() -> String { value }
}
