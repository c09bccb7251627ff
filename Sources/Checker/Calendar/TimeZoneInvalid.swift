extension TimeZone {
    /// Why TZif data or a TZ string cannot be used.
    package enum Invalid: Error, Equatable, Sendable, CustomStringConvertible {
        /// The TZ string is not a POSIX rule.
        case notPosixRule
        /// The TZif footer (its first 40 characters kept) is not a POSIX rule.
        case footerNotPosixRule(String)
        case noLocalTimeTypes
        case truncated
        /// The data does not start with "TZif".
        case notTZif
        case unknownVersion
        case implausibleCounts
        case implausibleOffset
        case transitionToNoType
        case transitionsOutOfOrder
        case noFooter
        case unterminatedFooter

        package var description: String {
            switch self {
            case .notPosixRule: return "not a POSIX TZ string"
            case let .footerNotPosixRule(text): return "the footer \"\(text)\" is not a POSIX TZ string"
            case .noLocalTimeTypes: return "no local time types"
            case .truncated: return "truncated TZif data"
            case .notTZif: return "not TZif data"
            case .unknownVersion: return "unknown TZif version"
            case .implausibleCounts: return "implausible TZif counts"
            case .implausibleOffset: return "implausible UTC offset"
            case .transitionToNoType: return "a transition to no type"
            case .transitionsOutOfOrder: return "transitions out of order"
            case .noFooter: return "no TZif footer"
            case .unterminatedFooter: return "unterminated TZif footer"
            }
        }
    }
}
