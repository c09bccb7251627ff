import Glibc

/// A moment as RFC 5322 writes it in a Date header, in UTC: "Fri, 18 Oct 2024 06:00:00 +0000".
/// The calendar is the C library's (gmtime_r, which reads no time zone); Notify keeps no date
/// arithmetic of its own.
package enum MailDate {
    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `seconds` since 1970-01-01 00:00 UTC.
    package static func format(_ seconds: Int64) -> String {
        var parts = tm()
        // A moment time_t cannot hold, or a year beyond Int32 (gmtime_r fails): written as the
        // epoch rather than trapping.
        guard var clock = time_t(exactly: seconds), gmtime_r(&clock, &parts) != nil, (0..<7).contains(parts.tm_wday), (0..<12).contains(parts.tm_mon) else {
            return "Thu, 1 Jan 1970 00:00:00 +0000"
        }
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(weekdays[Int(parts.tm_wday)]), \(parts.tm_mday) \(months[Int(parts.tm_mon)]) \(Int(parts.tm_year) + 1900) "
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) +0000"
    }
}
