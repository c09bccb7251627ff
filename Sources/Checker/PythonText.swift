import MySQLWire

/// Text as the seed's Python script printed it: `str()` of the values the Python mariadb
/// connector returns, and `repr()` of lists of strings. The report must match it byte for byte.
public enum PythonText {
    /// `str(value)` for one column of a row: ints as decimals, DATE as YYYY-MM-DD, TIME as a
    /// timedelta, DATETIME as datetime, bytes as tabulate shows them, NULL as "".
    public static func cell(_ row: Row, _ index: Int) throws(MySQLError) -> String {
        guard let raw = try row.bytes(index) else { return "" }
        let column = row.columns[index]
        let type = column.type
        if type.isInteger {
            if let value = try? row.int64(index) { return String(value) }
            if let value = try? row.uint64(index) { return String(value) }
        } else if type.isFloatingPoint {
            if let value = try? row.double(index) { return floatRepr(value) }
        } else if type.isDate {
            // The connector gives None for dates Python cannot hold (0000-00-00).
            guard let date = try? row.date(index), date.year >= 1, date.month >= 1, date.day >= 1 else { return "" }
            return date.description
        } else if type.isTime {
            if let time = try? row.time(index) { return timedelta(microseconds: time.totalMicroseconds) }
        } else if type.isDateTime {
            guard let value = try? row.dateTime(index), value.date.year >= 1, value.date.month >= 1,
                  value.date.day >= 1 else { return "" }
            return value.description
        } else if column.isBinary || type == .bit {
            return bytesText(raw)
        }
        return String(decoding: raw, as: UTF8.self)
    }

    /// `str(datetime.timedelta(microseconds=n))`: "1:01:00", "-1 day, 23:00:00", "1:00:00.500000".
    public static func timedelta(microseconds total: Int64) -> String {
        let perDay: Int64 = 86_400_000_000
        var days = total / perDay
        var rest = total % perDay
        if rest < 0 {
            rest += perDay
            days -= 1
        }
        let micros = rest % 1_000_000
        let seconds = rest / 1_000_000
        var text = ""
        if days != 0 { text = "\(days) day\(abs(days) == 1 ? "" : "s"), " }
        text += "\(seconds / 3600):\(twoDigits(seconds / 60 % 60)):\(twoDigits(seconds % 60))"
        if micros != 0 {
            let digits = String(micros)
            text += "." + String(repeating: "0", count: 6 - digits.count) + digits
        }
        return text
    }

    /// `repr(float)`: the shortest text that reads back the same number.
    public static func floatRepr(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        return value.description
    }

    /// tabulate shows bytes decoded as ASCII when they are, else their `repr`.
    static func bytesText(_ raw: ArraySlice<UInt8>) -> String {
        if raw.allSatisfy({ $0 < 0x80 }) { return String(decoding: raw, as: UTF8.self) }
        let quote: Character = raw.contains(UInt8(ascii: "'")) && !raw.contains(UInt8(ascii: "\"")) ? "\"" : "'"
        var text = "b\(quote)"
        for byte in raw {
            switch byte {
            case UInt8(ascii: "\\"): text += "\\\\"
            case UInt8(ascii: "\t"): text += "\\t"
            case UInt8(ascii: "\n"): text += "\\n"
            case UInt8(ascii: "\r"): text += "\\r"
            case 0x20..<0x7F:
                if Character(Unicode.Scalar(byte)) == quote { text += "\\" }
                text.append(Character(Unicode.Scalar(byte)))
            default:
                text += "\\x" + hex(byte)
            }
        }
        return text + String(quote)
    }

    /// `repr(list_of_str)`: "['a.example.test', 'b.example.test']".
    public static func listRepr(_ items: [String]) -> String {
        "[" + items.map(stringRepr).joined(separator: ", ") + "]"
    }

    /// `repr(str)`: single quotes unless the text has ' and no ", escapes for the rest.
    public static func stringRepr(_ text: String) -> String {
        let quote: Character = text.contains("'") && !text.contains("\"") ? "\"" : "'"
        var result = String(quote)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\t": result += "\\t"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            default:
                if Character(scalar) == quote {
                    result += "\\" + String(quote)
                } else if isPrintable(scalar) {
                    result.unicodeScalars.append(scalar)
                } else if scalar.value < 0x100 {
                    result += "\\x" + hex(UInt8(scalar.value))
                } else if scalar.value < 0x10000 {
                    result += "\\u" + hexPadded(scalar.value, 4)
                } else {
                    result += "\\U" + hexPadded(scalar.value, 8)
                }
            }
        }
        return result + String(quote)
    }

    /// Python's str.isprintable() for one character: not a control, format, separator
    /// (other than the ASCII space), surrogate, private-use or unassigned code point.
    static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == " " { return true }
        switch scalar.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned,
             .lineSeparator, .paragraphSeparator, .spaceSeparator:
            return false
        default:
            return true
        }
    }

    private static func twoDigits(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }

    private static func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16)
        return byte < 16 ? "0" + digits : digits
    }

    private static func hexPadded(_ value: UInt32, _ width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
