import MySQLWire
import TextRules

/// Text as the seed's Python script printed it: `str()` of the values the Python mariadb
/// connector returns, and `repr()` of lists of strings. The report must match it byte for byte.
package enum PythonText {
    /// `str(value)` for one column of a row: ints as decimals, DATE as YYYY-MM-DD, TIME as a
    /// timedelta, DATETIME as datetime, bytes as tabulate shows them, NULL as ""; a value that
    /// is not of its column's type (a date no calendar holds) as the server sent it.
    package static func cell(_ row: Row, _ index: Int) throws(MySQLError) -> String {
        guard let raw = try row.bytes(index) else { return "" }
        let column = row.columns[index]
        let type = column.type
        if type.isInteger {
            if let value = (try? row.int64(index)) ?? nil { return String(value) }
            if let value = (try? row.uint64(index)) ?? nil { return String(value) }
        } else if type.isFloatingPoint {
            if let value = (try? row.double(index)) ?? nil { return floatRepr(value) }
        } else if type.isDate {
            // A date no calendar holds (0000-00-00, 2026-00-00, 2026-02-30, which a permissive
            // sql_mode lets in) is shown as the server sent it, never hidden as an empty cell
            // that looks like NULL (the Python connector gave None for it).
            if let date = (try? row.date(index)) ?? nil, isCalendarDay(date) { return date.description }
        } else if type.isTime {
            if let time = (try? row.time(index)) ?? nil { return timedelta(microseconds: time.totalMicroseconds) }
        } else if type.isDateTime {
            if let value = (try? row.dateTime(index)) ?? nil, isCalendarDay(value.date) { return value.description }
        } else if column.isBinary || type == .bit {
            return bytesText(raw)
        }
        return String(decoding: raw, as: UTF8.self)
    }

    /// True for a day Python's `datetime.date` can hold: years 1 to 9999, a real month and day.
    static func isCalendarDay(_ date: MySQLDate) -> Bool {
        CalendarDay(year: date.year, month: date.month, day: date.day) != nil
    }

    /// `str(datetime.timedelta(microseconds=n))`: "1:01:00", "-1 day, 23:00:00", "1:00:00.500000".
    package static func timedelta(microseconds total: Int64) -> String {
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
        text += "\(seconds / 3600):\((seconds / 60 % 60).decimal(width: 2)):\((seconds % 60).decimal(width: 2))"
        if micros != 0 { text += "." + micros.decimal(width: 6) }
        return text
    }

    /// `repr(float)`: the shortest digits that read back the same number (Swift finds the same
    /// ones), laid out as Python does: positional from 1e-4 up to (not including) 1e16 with at
    /// least one decimal, scientific with a signed two-digit exponent outside that range.
    package static func floatRepr(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        let sign = value.sign == .minus ? "-" : ""
        // Swift's shortest form: "123.45", "1e-05", "9.5e+15".
        let text = value.magnitude.description
        let parts = text.split(separator: "e", maxSplits: 1)
        let exponent = parts.count == 2 ? Int(parts[1]) ?? 0 : 0
        let mantissa = parts[0].split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        var digits = Array(mantissa[0].utf8) + (mantissa.count == 2 ? Array(mantissa[1].utf8) : [])
        var point = mantissa[0].utf8.count + exponent  // digits before the decimal point
        while digits.first == UInt8(ascii: "0") {
            digits.removeFirst()
            point -= 1
        }
        while digits.last == UInt8(ascii: "0") { digits.removeLast() }
        guard !digits.isEmpty else { return sign + "0.0" }
        let decimalExponent = point - 1
        let zeros = { (count: Int) in String(repeating: "0", count: max(0, count)) }
        let all = String(decoding: digits, as: UTF8.self)
        if decimalExponent >= -4 && decimalExponent < 16 {
            if point <= 0 { return sign + "0." + zeros(-point) + all }
            if point >= digits.count { return sign + all + zeros(point - digits.count) + ".0" }
            return sign + String(all.prefix(point)) + "." + String(all.dropFirst(point))
        }
        let lead = String(all.prefix(1)) + (digits.count > 1 ? "." + String(all.dropFirst()) : "")
        return sign + lead + "e" + (decimalExponent < 0 ? "-" : "+") + abs(decimalExponent).decimal(width: 2)
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
                text += "\\x" + byte.hexadecimal(width: 2)
            }
        }
        return text + String(quote)
    }

    /// `repr(list_of_str)`: "['a.example.test', 'b.example.test']".
    package static func listRepr(_ items: [String]) -> String {
        "[" + items.map(stringRepr).joined(separator: ", ") + "]"
    }

    /// `repr(str)`: single quotes unless the text has ' and no ", escapes for the rest.
    package static func stringRepr(_ text: String) -> String {
        let quote: Character = text.contains("'") && !text.contains("\"") ? "\"" : "'"
        let escaped = text.escaped { scalar in
            switch scalar {
            case "\\": return "\\\\"
            case "\t": return "\\t"
            case "\n": return "\\n"
            case "\r": return "\\r"
            default:
                if Character(scalar) == quote { return "\\" + String(quote) }
                if isPrintable(scalar) { return nil }
                if scalar.value < 0x100 { return "\\x" + scalar.value.hexadecimal(width: 2) }
                if scalar.value < 0x10000 { return "\\u" + scalar.value.hexadecimal(width: 4) }
                return "\\U" + scalar.value.hexadecimal(width: 8)
            }
        }
        return String(quote) + escaped + String(quote)
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
}
