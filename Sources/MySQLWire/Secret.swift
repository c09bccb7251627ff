/// A password or key. It prints as "<redacted>" so that it cannot reach a log, a message or
/// an error by accident; only the auth plugins read its bytes.
public struct Secret: Sendable, Equatable, ExpressibleByStringLiteral, CustomStringConvertible,
    CustomDebugStringConvertible, CustomReflectable {
    let value: String

    public init(_ value: String) { self.value = value }
    public init(stringLiteral value: String) { self.value = value }

    /// The secret's UTF-8 bytes, for the code that must use them.
    public var utf8Bytes: [UInt8] { Array(value.utf8) }
    public var isEmpty: Bool { value.isEmpty }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
    public var customMirror: Mirror { Mirror(self, children: []) }

    /// Reveals the secret to code outside this module that must send it (an HTTP client).
    public func reveal() -> String { value }
}
