import TextRules

/// A small JSON reader and writer for the services' answers and `--format json`; no
/// Foundation. Integers are kept exact (a BIGINT does not pass through a Double).
package indirect enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case integer(Int64)
    /// A whole number above Int64's range (a BIGINT UNSIGNED up to 2^64 − 1), written with
    /// all its digits.
    case unsignedInteger(UInt64)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    package static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.integer(a), .integer(b)): return a == b
        case let (.unsignedInteger(a), .unsignedInteger(b)): return a == b
        case let (.number(a), .number(b)): return a == b
        case let (.string(a), .string(b)): return a == b
        case let (.array(a), .array(b)): return a == b
        case let (.object(a), .object(b)): return a.elementsEqual(b) { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    /// The member `key` of an object, or nil.
    package subscript(key: String) -> JSONValue? {
        guard case let .object(members) = self else { return nil }
        return members.last { $0.0 == key }?.1
    }

    package var stringValue: String? {
        if case let .string(text) = self { return text }
        return nil
    }

    /// The value of a number that is a whole number in Int64's range, or nil.
    package var integerValue: Int64? {
        switch self {
        case let .integer(value): return value
        case let .number(value) where value.rounded() == value && abs(value) < 9.2e18: return Int64(value)
        default: return nil
        }
    }

    /// Parses a whole document; nil for anything that is not valid JSON or nests too deep.
    package init?(parsing bytes: [UInt8]) {
        var parser = JSONParser(bytes: bytes)
        guard let value = parser.value(depth: 0) else { return nil }
        parser.skipSpace()
        guard parser.index == bytes.count else { return nil }
        self = value
    }

    /// Compact JSON text.
    package var serialized: String {
        switch self {
        case .null: return "null"
        case let .bool(value): return value ? "true" : "false"
        case let .integer(value): return String(value)
        case let .unsignedInteger(value): return String(value)
        case let .number(value):
            guard value.isFinite else { return "null" }
            if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
            return value.description
        case let .string(text): return JSONValue.quote(text)
        case let .array(items): return "[" + items.map(\.serialized).joined(separator: ",") + "]"
        case let .object(members):
            return "{" + members.map { JSONValue.quote($0.0) + ":" + $0.1.serialized }.joined(separator: ",") + "}"
        }
    }

    /// A JSON string literal.
    package static func quote(_ text: String) -> String {
        let escaped = text.escaped { scalar in
            switch scalar {
            case "\"": return "\\\""
            case "\\": return "\\\\"
            case "\n": return "\\n"
            case "\r": return "\\r"
            case "\t": return "\\t"
            default:
                // Every control a terminal or a bidirectional renderer acts on, as an escape:
                // the same text to a JSON reader, inert on a screen.
                return ControlCharacters.contains(scalar) ? "\\u" + scalar.value.hexadecimal(width: 4) : nil
            }
        }
        return "\"" + escaped + "\""
    }
}
