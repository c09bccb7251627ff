import Testing
@testable import Checker

@Suite("Today")
struct CalendarTests {
    @Test("dates are parsed strictly")
    func parsing() {
        #expect(CalendarDay(parsing: "2024-02-29")?.description == "2024-02-29")
        for bad in ["2023-02-29", "2024-13-01", "2024-1-01", "20241018", "2024-10-18'", "", "0000-01-01"] {
            #expect(CalendarDay(parsing: bad) == nil)
        }
    }

    @Test("shortly after midnight UTC it is still yesterday in Los Angeles")
    func midnightTrap() {
        let epoch: Int64 = 1_729_211_400  // 2024-10-18 00:30:00 UTC
        #expect(LocalCalendar.day(at: epoch, in: "UTC")?.description == "2024-10-18")
        #expect(LocalCalendar.day(at: epoch, in: "America/Los_Angeles")?.description == "2024-10-17")
        #expect(LocalCalendar.day(at: epoch, in: "Asia/Tokyo")?.description == "2024-10-18")
    }

    @Test("zone names are checked against the tz database")
    func zones() {
        #expect(LocalCalendar.isKnownZone("UTC"))
        #expect(LocalCalendar.isKnownZone("Europe/Berlin"))
        #expect(!LocalCalendar.isKnownZone("Europe/Atlantis"))
        #expect(!LocalCalendar.isKnownZone("../zoneinfo/UTC"))
        #expect(!LocalCalendar.isKnownZone("/etc/passwd"))
    }
}
