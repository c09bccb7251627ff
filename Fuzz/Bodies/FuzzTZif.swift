@testable import Checker

extension FuzzBodies {
    /// TZif data and POSIX TZ strings: any bytes must give a zone or an error, and any zone an
    /// offset and a day for any instant.
    package static func tzif(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
        let bytes = Array(UnsafeBufferPointer(start: data, count: size))
        let instants: [Int64] = [Int64.min / 2, -2_208_988_800, 0, 1_729_211_400, 4_102_444_800, Int64.max / 2]
        for zone in [try? TimeZone(name: "fuzz", tzif: bytes),
                     try? TimeZone(name: "fuzz", posixRule: String(decoding: bytes.prefix(80), as: UTF8.self))] {
            guard let zone else { continue }
            for instant in instants {
                _ = zone.offset(at: instant)
                _ = zone.day(at: instant)
            }
            if let day = CalendarDay(parsing: "2024-03-31") { _ = zone.instant(of: day, secondsIntoDay: 9000) }
        }
        return 0
    }
}
