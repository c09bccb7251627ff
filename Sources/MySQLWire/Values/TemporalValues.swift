import TextRules

/// A DATE value as the server sends it in text form ("2024-10-18"). Zero dates are allowed,
/// as MariaDB stores them.
public struct MySQLDate: Hashable, Sendable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses "YYYY-MM-DD"; nil for anything else.
    public init?<Bytes: Collection<UInt8>>(text: Bytes) where Bytes.Index == Int {
        var scanner = DigitScanner(text)
        guard let year = scanner.number(digits: 4), scanner.expect(UInt8(ascii: "-")),
              let month = scanner.number(digits: 2), scanner.expect(UInt8(ascii: "-")),
              let day = scanner.number(digits: 2), scanner.isAtEnd,
              month <= 12, day <= 31 else { return nil }
        self.init(year: year, month: month, day: day)
    }

    public var description: String {
        "\(year.decimal(width: 4))-\(month.decimal(width: 2))-\(day.decimal(width: 2))"
    }
}

/// A TIME value: a signed duration of up to 838 hours, with microseconds.
public struct MySQLTime: Hashable, Sendable, CustomStringConvertible {
    public var isNegative: Bool
    public var hours: Int
    public var minutes: Int
    public var seconds: Int
    public var microseconds: Int

    public init(isNegative: Bool = false, hours: Int, minutes: Int, seconds: Int, microseconds: Int = 0) {
        self.isNegative = isNegative
        self.hours = hours
        self.minutes = minutes
        self.seconds = seconds
        self.microseconds = microseconds
    }

    /// Parses "[-]H…H:MM:SS[.ffffff]"; nil for anything else.
    public init?<Bytes: Collection<UInt8>>(text: Bytes) where Bytes.Index == Int {
        var scanner = DigitScanner(text)
        let negative = scanner.expect(UInt8(ascii: "-"))
        guard let hours = scanner.number(minDigits: 1, maxDigits: 4), scanner.expect(UInt8(ascii: ":")),
              let minutes = scanner.number(digits: 2), scanner.expect(UInt8(ascii: ":")),
              let seconds = scanner.number(digits: 2), minutes < 60, seconds < 60,
              let micros = scanner.fraction(), scanner.isAtEnd else { return nil }
        self.init(isNegative: negative, hours: hours, minutes: minutes, seconds: seconds, microseconds: micros)
    }

    /// The signed length of the duration in microseconds.
    public var totalMicroseconds: Int64 {
        let magnitude = ((Int64(hours) * 60 + Int64(minutes)) * 60 + Int64(seconds)) * 1_000_000 + Int64(microseconds)
        return isNegative ? -magnitude : magnitude
    }

    public var description: String {
        let sign = isNegative ? "-" : ""
        let fraction = microseconds == 0 ? "" : "." + microseconds.decimal(width: 6)
        return "\(sign)\(hours.decimal(width: 2)):\(minutes.decimal(width: 2)):\(seconds.decimal(width: 2))\(fraction)"
    }
}

/// A DATETIME or TIMESTAMP value in the session's time zone, as the server sends it.
public struct MySQLDateTime: Hashable, Sendable, CustomStringConvertible {
    public var date: MySQLDate
    public var hour: Int
    public var minute: Int
    public var second: Int
    public var microsecond: Int

    public init(date: MySQLDate, hour: Int, minute: Int, second: Int, microsecond: Int = 0) {
        self.date = date
        self.hour = hour
        self.minute = minute
        self.second = second
        self.microsecond = microsecond
    }

    /// Parses "YYYY-MM-DD HH:MM:SS[.ffffff]"; nil for anything else.
    public init?<Bytes: Collection<UInt8>>(text: Bytes) where Bytes.Index == Int {
        guard text.count >= 19 else { return nil }
        let split = text.startIndex + 10
        guard let date = MySQLDate(text: text[text.startIndex..<split]) else { return nil }
        var scanner = DigitScanner(text[split...])
        guard scanner.expect(UInt8(ascii: " ")),
              let hour = scanner.number(digits: 2), scanner.expect(UInt8(ascii: ":")),
              let minute = scanner.number(digits: 2), scanner.expect(UInt8(ascii: ":")),
              let second = scanner.number(digits: 2), hour < 24, minute < 60, second < 60,
              let micros = scanner.fraction(), scanner.isAtEnd else { return nil }
        self.init(date: date, hour: hour, minute: minute, second: second, microsecond: micros)
    }

    public var description: String {
        let fraction = microsecond == 0 ? "" : "." + microsecond.decimal(width: 6)
        return "\(date) \(hour.decimal(width: 2)):\(minute.decimal(width: 2)):\(second.decimal(width: 2))\(fraction)"
    }
}

/// Reads ASCII digits and separators from a byte collection, never past its end.
struct DigitScanner<Bytes: Collection<UInt8>> where Bytes.Index == Int {
    private let bytes: Bytes
    private var index: Int

    init(_ bytes: Bytes) {
        self.bytes = bytes
        self.index = bytes.startIndex
    }

    var isAtEnd: Bool { index >= bytes.endIndex }

    mutating func expect(_ byte: UInt8) -> Bool {
        guard index < bytes.endIndex, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    mutating func number(digits: Int) -> Int? { number(minDigits: digits, maxDigits: digits) }

    mutating func number(minDigits: Int, maxDigits: Int) -> Int? {
        var value = 0
        var count = 0
        while count < maxDigits, index < bytes.endIndex, bytes[index] >= 0x30, bytes[index] <= 0x39 {
            value = value * 10 + Int(bytes[index] - 0x30)
            index += 1
            count += 1
        }
        return count >= minDigits ? value : nil
    }

    /// An optional ".ffffff" fraction (1 to 6 digits) as microseconds; 0 when absent.
    mutating func fraction() -> Int? {
        guard expect(UInt8(ascii: ".")) else { return 0 }
        let start = index
        guard let value = number(minDigits: 1, maxDigits: 6) else { return nil }
        var micros = value
        for _ in (index - start)..<6 { micros *= 10 }
        return micros
    }
}
