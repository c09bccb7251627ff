/// Column types as the server names them in column definitions.
/// https://mariadb.com/kb/en/result-set-packets/#field-types
public struct ColumnType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let decimal = ColumnType(rawValue: 0x00)
    public static let tiny = ColumnType(rawValue: 0x01)
    public static let short = ColumnType(rawValue: 0x02)
    public static let long = ColumnType(rawValue: 0x03)
    public static let float = ColumnType(rawValue: 0x04)
    public static let double = ColumnType(rawValue: 0x05)
    public static let null = ColumnType(rawValue: 0x06)
    public static let timestamp = ColumnType(rawValue: 0x07)
    public static let longlong = ColumnType(rawValue: 0x08)
    public static let int24 = ColumnType(rawValue: 0x09)
    public static let date = ColumnType(rawValue: 0x0A)
    public static let time = ColumnType(rawValue: 0x0B)
    public static let datetime = ColumnType(rawValue: 0x0C)
    public static let year = ColumnType(rawValue: 0x0D)
    public static let newdate = ColumnType(rawValue: 0x0E)
    public static let varchar = ColumnType(rawValue: 0x0F)
    public static let bit = ColumnType(rawValue: 0x10)
    public static let timestamp2 = ColumnType(rawValue: 0x11)
    public static let datetime2 = ColumnType(rawValue: 0x12)
    public static let time2 = ColumnType(rawValue: 0x13)
    public static let json = ColumnType(rawValue: 0xF5)
    public static let newdecimal = ColumnType(rawValue: 0xF6)
    public static let enumeration = ColumnType(rawValue: 0xF7)
    public static let set = ColumnType(rawValue: 0xF8)
    public static let tinyBlob = ColumnType(rawValue: 0xF9)
    public static let mediumBlob = ColumnType(rawValue: 0xFA)
    public static let longBlob = ColumnType(rawValue: 0xFB)
    public static let blob = ColumnType(rawValue: 0xFC)
    public static let varString = ColumnType(rawValue: 0xFD)
    public static let string = ColumnType(rawValue: 0xFE)
    public static let geometry = ColumnType(rawValue: 0xFF)

    /// Whole numbers: TINYINT … BIGINT, MEDIUMINT, YEAR.
    public var isInteger: Bool {
        [.tiny, .short, .long, .longlong, .int24, .year].contains(self)
    }

    /// Exact numbers, sent as decimal text.
    public var isDecimal: Bool { self == .decimal || self == .newdecimal }

    public var isFloatingPoint: Bool { self == .float || self == .double }

    public var isDate: Bool { self == .date || self == .newdate }

    public var isTime: Bool { self == .time || self == .time2 }

    public var isDateTime: Bool {
        [.datetime, .datetime2, .timestamp, .timestamp2].contains(self)
    }

    public var description: String {
        switch self {
        case .decimal, .newdecimal: return "DECIMAL"
        case .tiny: return "TINYINT"
        case .short: return "SMALLINT"
        case .long: return "INT"
        case .float: return "FLOAT"
        case .double: return "DOUBLE"
        case .null: return "NULL"
        case .timestamp, .timestamp2: return "TIMESTAMP"
        case .longlong: return "BIGINT"
        case .int24: return "MEDIUMINT"
        case .date, .newdate: return "DATE"
        case .time, .time2: return "TIME"
        case .datetime, .datetime2: return "DATETIME"
        case .year: return "YEAR"
        case .varchar, .varString: return "VARCHAR"
        case .bit: return "BIT"
        case .json: return "JSON"
        case .enumeration: return "ENUM"
        case .set: return "SET"
        case .tinyBlob, .mediumBlob, .longBlob, .blob: return "BLOB"
        case .string: return "CHAR"
        case .geometry: return "GEOMETRY"
        default: return "type 0x\(String(rawValue, radix: 16))"
        }
    }
}

/// Column flags from the column definition.
public struct ColumnFlags: OptionSet, Hashable, Sendable {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public static let notNull = ColumnFlags(rawValue: 1 << 0)
    public static let primaryKey = ColumnFlags(rawValue: 1 << 1)
    public static let uniqueKey = ColumnFlags(rawValue: 1 << 2)
    public static let multipleKey = ColumnFlags(rawValue: 1 << 3)
    public static let blob = ColumnFlags(rawValue: 1 << 4)
    public static let unsigned = ColumnFlags(rawValue: 1 << 5)
    public static let zerofill = ColumnFlags(rawValue: 1 << 6)
    public static let binary = ColumnFlags(rawValue: 1 << 7)
    public static let autoIncrement = ColumnFlags(rawValue: 1 << 9)
}
