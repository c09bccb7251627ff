import Foundation
import Testing
import TestSupport
@testable import Checker

@Suite("Calendar days")
struct CalendarTests {
    @Test("dates are parsed strictly")
    func parsing() {
        #expect(CalendarDay(parsing: "2024-02-29")?.description == "2024-02-29")
        for bad in ["2023-02-29", "2024-13-01", "2024-1-01", "20241018", "2024-10-18'", "", "0000-01-01"] {
            #expect(CalendarDay(parsing: bad) == nil)
        }
    }

    @Test("days count from 1970 both ways, with weekdays and month ends")
    func arithmetic() throws {
        let day = try #require(CalendarDay(parsing: "2024-10-18"))
        #expect(day.daysSinceEpoch == 20014)
        #expect(CalendarDay(daysSinceEpoch: 20014) == day)
        #expect(CalendarDay(daysSinceEpoch: 0)?.description == "1970-01-01")
        #expect(CalendarDay(daysSinceEpoch: -1)?.description == "1969-12-31")
        #expect(day.weekday == 5)  // a Friday
        #expect(day.adding(days: 12)?.description == "2024-10-30")
        #expect(try #require(CalendarDay(parsing: "2024-03-01")).adding(days: -1)?.description == "2024-02-29")
        #expect(try #require(CalendarDay(parsing: "2024-02-29")).isLastOfMonth)
        #expect(try !#require(CalendarDay(parsing: "2023-02-28")).adding(days: 1)!.isLastOfMonth)
        #expect(day.days(since: try #require(CalendarDay(parsing: "2024-10-11"))) == 7)
        // Every day of four centuries round-trips.
        var wrong: [Int64] = []
        for days in stride(from: Int64(-146_097), through: 146_097, by: 1)
        where CalendarDay(daysSinceEpoch: days)?.daysSinceEpoch != days {
            wrong.append(days)
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(5))")
    }
}

/// Local days from the zones' TZif data, against Python's zoneinfo reading the same files.
@Suite("Time zones")
struct TimeZoneTests {
    static let zones = ["UTC", "Europe/Berlin", "America/Los_Angeles", "Australia/Lord_Howe", "Asia/Kolkata",
                        "Pacific/Chatham", "America/St_Johns", "Africa/Casablanca", "Pacific/Apia", "Asia/Tehran",
                        "America/Santiago", "Europe/Dublin", "Pacific/Kiritimati", "Antarctica/Troll"]

    /// Instants around every DST change of the zones from 1990 to 2040 (a second before, at,
    /// and a second after each transition, and the midnights around them), plus a spread of
    /// others from 1901 to 2100.
    @Test("the UTC offset and the local day agree with Python's zoneinfo", arguments: zones)
    func againstZoneinfo(zone: String) throws {
        let script = """
            import sys, datetime, zoneinfo
            zone = zoneinfo.ZoneInfo(sys.argv[1])
            instants = set(range(-2_200_000_000, 4_200_000_000, 9_876_543))
            previous = None
            for t in range(631_152_000, 2_209_075_200, 1800):
                offset = datetime.datetime.fromtimestamp(t, zone).utcoffset()
                if previous is not None and offset != previous:
                    for d in (-1, 0, 1, -86400, 86400, -1801, 1799):
                        instants.add(t + d)
                previous = offset
            for t in sorted(instants):
                local = datetime.datetime.fromtimestamp(t, zone)
                print(t, int(local.utcoffset().total_seconds()), local.date().isoformat())
            """
        let (status, output) = try runProgram("/usr/bin/python3", ["-c", script, zone])
        try #require(status == 0, "python3 with zoneinfo is needed (scripts/install-deps installs it)")
        let timeZone = try ZoneLocator().zone(named: zone)
        var checked = 0
        for line in output.split(separator: "\n") {
            let fields = line.split(separator: " ")
            let instant = try #require(Int64(fields[0]))
            #expect(Int64(timeZone.offset(at: instant)) == Int64(fields[1]), "\(zone) at \(instant)")
            #expect(timeZone.day(at: instant)?.description == String(fields[2]), "\(zone) at \(instant)")
            checked += 1
        }
        #expect(checked > 600)
    }

    @Test("shortly after midnight UTC it is still yesterday in Los Angeles")
    func midnightTrap() throws {
        let instant: Int64 = 1_729_211_400  // 2024-10-18 00:30:00 UTC
        #expect(TimeZone.utc.day(at: instant)?.description == "2024-10-18")
        #expect(try ZoneLocator().zone(named: "America/Los_Angeles").day(at: instant)?.description == "2024-10-17")
        #expect(try ZoneLocator().zone(named: "Asia/Tokyo").day(at: instant)?.description == "2024-10-18")
    }

    @Test("a local date and time becomes its instant, through gaps and repeats")
    func localToInstant() throws {
        let berlin = try ZoneLocator().zone(named: "Europe/Berlin")
        let day = try #require(CalendarDay(parsing: "2024-10-18"))
        #expect(berlin.instant(of: day, secondsIntoDay: 3600) == 1_729_206_000)  // 01:00 CEST = 23:00 UTC the day before
        // 2024-03-31 02:30 does not exist (clocks jump 02:00 → 03:00): read with the offset before.
        let spring = try #require(CalendarDay(parsing: "2024-03-31"))
        #expect(berlin.instant(of: spring, secondsIntoDay: 9000) == 1_711_848_600)
        // 2024-10-27 02:30 happens twice: the first, still in summer time.
        let autumn = try #require(CalendarDay(parsing: "2024-10-27"))
        #expect(berlin.instant(of: autumn, secondsIntoDay: 9000) == 1_729_989_000)
    }

    @Test("POSIX rules, as TZ and TZif footers hold them")
    func posixRules() throws {
        let rule = try TimeZone(name: "x", posixRule: "CET-1CEST,M3.5.0,M10.5.0/3")
        #expect(rule.offset(at: 1_729_206_000) == 7200)  // October 2024, summer time
        #expect(rule.offset(at: 1_735_689_600) == 3600)  // 2025-01-01
        let south = try TimeZone(name: "y", posixRule: "<+1030>-10:30<+11>-11,M10.1.0,M4.1.0")
        #expect(south.offset(at: 1_735_689_600) == 39600)  // January: summer in the south
        #expect(south.offset(at: 1_719_792_000) == 37800)  // July
        #expect(try TimeZone(name: "u", posixRule: "UTC0").offset(at: 0) == 0)
        for bad in ["", "X", "CET-1CEST,M13.5.0,M10.5.0", "<+01", "CET-1CEST,M3.5.0"] {
            #expect(throws: TimeZone.Invalid.notPosixRule) { try TimeZone(name: bad, posixRule: bad) }
        }
    }

    @Test("zone names are checked and only read below the zone directories")
    func zoneNames() {
        let locator = ZoneLocator()
        #expect((try? locator.zone(named: "UTC")) != nil)
        #expect((try? locator.zone(named: "Europe/Berlin")) != nil)
        for bad in ["Europe/Atlantis", "../zoneinfo/UTC", "/etc/passwd", "Europe//Berlin", "a.b", ""] {
            #expect(throws: ZoneLocator.Failure.unknown(bad)) { try locator.zone(named: bad) }
        }
        #expect(throws: ZoneLocator.Failure.invalid(name: "leapseconds", .notTZif)) {
            try ZoneLocator().zone(named: "leapseconds")
        }
    }

    @Test("the process zone comes from TZ (a name, a path or a rule), else /etc/localtime")
    func processZone() throws {
        #expect(try ZoneLocator(processTZ: "Asia/Tokyo").processZone().name == "Asia/Tokyo")
        #expect(try ZoneLocator(processTZ: ":Asia/Tokyo").processZone().offset(at: 0) == 32400)
        #expect(try ZoneLocator(processTZ: "EST5").processZone().offset(at: 0) == -18000)
        #expect(try ZoneLocator(processTZ: "/usr/share/zoneinfo/Asia/Kolkata").processZone().offset(at: 0) == 19800)
        #expect(try ZoneLocator(environment: ["TZDIR": "/nowhere", "TZ": "Europe/Berlin"]).processZone().name == "Europe/Berlin")
        // No TZ and no /etc/localtime: UTC, as glibc decides.
        #expect(try ZoneLocator(localtimePath: "/nowhere/localtime").processZone().name == "UTC")
    }

    @Test("a TZ that names no zone, file or rule is an error, never a silent UTC", arguments: [
        ("Europe/Berln", "Europe/Berln"), (":Europe/Berln", "Europe/Berln"), ("nonsense", "nonsense"),
        ("/nowhere/zone", "/nowhere/zone"), (":/usr/share/zoneinfo/Europe", "/usr/share/zoneinfo/Europe"),
    ])
    func unknownTZ(tz: String, name: String) {
        #expect(throws: ZoneLocator.Failure.unknown(name)) { try ZoneLocator(processTZ: tz).processZone() }
    }

    @Test("a zone file that is not TZif data is unreadable, not unknown and not UTC")
    func unreadableZoneFile() throws {
        let directory = try TemporaryDirectory()
        try directory.write("Broken", "not a zone")
        let locator = ZoneLocator(environment: ["TZDIR": directory.path, "TZ": "Broken"])
        #expect(throws: ZoneLocator.Failure.invalid(name: "Broken", .notTZif)) { try locator.processZone() }
        #expect(throws: ZoneLocator.Failure.invalid(name: "Broken", .notTZif)) { try locator.zone(named: "Broken") }
        // The words are made at the edge, from the case.
        #expect(ZoneLocator.problem(.invalid(name: "Broken", .notTZif), setting: "TZ") == "TZ Broken cannot be read: not TZif data")
    }

    @Test("a zone file too large to be one is unreadable, with the file's failure as a case")
    func oversizedZoneFile() throws {
        let directory = try TemporaryDirectory()
        try directory.write("Huge", String(repeating: "x", count: (1 << 20) + 1))
        let locator = ZoneLocator(environment: ["TZDIR": directory.path])
        let path = directory.path + "/Huge"
        #expect(throws: ZoneLocator.Failure.unreadable(name: "Huge", path: path, .tooLarge(limit: 1 << 20))) {
            try locator.zone(named: "Huge")
        }
        #expect(ZoneLocator.problem(.unreadable(name: "Huge", path: path, .tooLarge(limit: 1 << 20)), setting: "timezone")
                == "timezone Huge cannot be read: \(path) is larger than 1048576 bytes")
    }

    @Test("TZif data that is cut short or out of order is refused by case")
    func malformedTZif() throws {
        let utc = try #require(FileManager.default.contents(atPath: "/usr/share/zoneinfo/Europe/Berlin"))
        let bytes = [UInt8](utc)
        #expect(throws: TimeZone.Invalid.truncated) { try TimeZone(name: "x", tzif: Array(bytes.prefix(30))) }
        #expect(throws: TimeZone.Invalid.notTZif) { try TimeZone(name: "x", tzif: Array("TZix".utf8) + bytes.dropFirst(4)) }
        var version = bytes
        version[4] = UInt8(ascii: "x")
        #expect(throws: TimeZone.Invalid.unknownVersion) { try TimeZone(name: "x", tzif: version) }
    }
}
