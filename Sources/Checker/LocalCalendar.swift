#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// "Today" in an IANA time zone, through the C library's tz database reader (no Foundation).
public enum LocalCalendar {
    /// Directories searched for zone files, as glibc does (TZDIR first).
    static var zoneDirectories: [String] {
        var directories: [String] = []
        if let custom = getenv("TZDIR") { directories.append(String(cString: custom)) }
        directories.append("/usr/share/zoneinfo")
        return directories
    }

    /// True when `name` is UTC or a zone file of the tz database (e.g. "Europe/Berlin").
    public static func isKnownZone(_ name: String) -> Bool {
        if name == "UTC" || name == "Etc/UTC" { return true }
        let allowed = name.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: "+")
        }
        guard allowed, !name.isEmpty, name.utf8.count <= 64, !name.hasPrefix("/"),
              !name.split(separator: "/").contains(where: { $0 == ".." || $0 == "." }) else { return false }
        return zoneDirectories.contains { directory in
            guard let bytes = try? FileReader.read(directory + "/" + name, limit: 1 << 20) else { return false }
            return bytes.starts(with: Array("TZif".utf8))
        }
    }

    /// The zone name this process uses when none is configured: $TZ, else the zone
    /// /etc/localtime points at, else UTC.
    public static func processZoneName() -> String {
        if let tz = getenv("TZ") {
            var name = String(cString: tz)
            if name.hasPrefix(":") { name.removeFirst() }
            if !name.isEmpty { return name }
        }
        var buffer = [CChar](repeating: 0, count: 512)
        let count = readlink("/etc/localtime", &buffer, buffer.count - 1)
        if count > 0 {
            let target = String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if let range = target.firstRange(of: "zoneinfo/") {
                return String(target[range.upperBound...])
            }
        }
        return "UTC"
    }

    /// Seconds since 1970 now.
    public static func now() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int64(spec.tv_sec)
    }

    /// The calendar day at `epochSeconds` in `zone` (nil: the process's zone).
    public static func day(at epochSeconds: Int64, in zone: String?) -> CalendarDay? {
        let saved = getenv("TZ").map { String(cString: $0) }
        if let zone {
            setenv("TZ", zone == "UTC" || zone == "Etc/UTC" ? "UTC0" : zone, 1)
        }
        tzset()
        defer {
            if zone != nil {
                if let saved { setenv("TZ", saved, 1) } else { unsetenv("TZ") }
                tzset()
            }
        }
        var time = time_t(epochSeconds)
        var parts = tm()
        guard localtime_r(&time, &parts) != nil else { return nil }
        return CalendarDay(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday))
    }
}
