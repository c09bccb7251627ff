/// What a typed accessor reads a text value as, named in `MySQLError.invalidValue`.
public enum ValueKind: Sendable, Equatable, CustomStringConvertible {
    case int64, uint64, number, decimal, date, time, dateTime

    public var description: String {
        switch self {
        case .int64: return "a 64-bit integer"
        case .uint64: return "an unsigned 64-bit integer"
        case .number: return "a number"
        case .decimal: return "a decimal"
        case .date: return "a DATE"
        case .time: return "a TIME"
        case .dateTime: return "a DATETIME"
        }
    }
}
