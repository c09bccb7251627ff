/// A time zone read from the tz database's TZif data (RFC 8536), or from a POSIX TZ string:
/// the UTC offset at any instant, hence the local day. No process state is read or changed
/// (no TZ, no tzset), so any number of zones can be used at once.
package struct TimeZone: Sendable {
    /// The name it was asked for, e.g. "Europe/Berlin", as reports show it.
    package let name: String
    /// Transition instants (seconds since 1970, UTC), ascending.
    private let transitions: [Int64]
    /// The offset index in force from each transition on.
    private let transitionTypes: [UInt8]
    /// UTC offsets in seconds, by type index.
    private let offsets: [Int32]
    /// The rule for instants after the last transition (the TZif footer), if any.
    private let rule: PosixTimeZoneRule?

    /// UTC, built in: it needs no file.
    package static let utc = TimeZone(name: "UTC", rule: PosixTimeZoneRule(standardOffset: 0))

    private init(name: String, rule: PosixTimeZoneRule) {
        self.name = name
        transitions = []
        transitionTypes = []
        offsets = [rule.standardOffset]
        self.rule = rule
    }

    /// A zone from a POSIX TZ string such as "CET-1CEST,M3.5.0,M10.5.0/3" or "UTC0".
    package init(name: String, posixRule text: String) throws(Invalid) {
        guard let rule = PosixTimeZoneRule(parsing: text) else { throw .notPosixRule }
        self.init(name: name, rule: rule)
    }

    /// A zone from the bytes of a TZif file (versions 1 to 4).
    package init(name: String, tzif bytes: [UInt8]) throws(Invalid) {
        var reader = TZifReader(bytes: bytes)
        let first = try reader.header()
        var block = try reader.block(first, timeSize: 4)
        var footer: PosixTimeZoneRule?
        if first.version >= 2 {
            let second = try reader.header()
            block = try reader.block(second, timeSize: 8)
            let text = try reader.footer()
            if !text.isEmpty {
                guard let parsed = PosixTimeZoneRule(parsing: text) else {
                    throw .footerNotPosixRule(String(text.prefix(40)))
                }
                footer = parsed
            }
        }
        guard !block.offsets.isEmpty else { throw .noLocalTimeTypes }
        self.name = name
        transitions = block.times
        transitionTypes = block.types
        offsets = block.offsets
        rule = footer
    }

    /// The UTC offset in seconds at `instant` (seconds since 1970, UTC).
    package func offset(at instant: Int64) -> Int32 {
        if let last = transitions.last, instant >= last, let rule { return rule.offset(at: instant) }
        if transitions.isEmpty { return rule?.offset(at: instant) ?? offsets[0] }
        guard instant >= transitions[0] else { return offsets[0] }
        // The last transition at or before `instant`.
        var low = 0
        var high = transitions.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if transitions[middle] <= instant { low = middle } else { high = middle - 1 }
        }
        return offsets[Int(transitionTypes[low])]
    }

    /// The local calendar day at `instant`.
    package func day(at instant: Int64) -> CalendarDay? {
        let local = instant + Int64(offset(at: instant))
        return CalendarDay(daysSinceEpoch: floorDivide(local, 86_400))
    }

    /// The instant of local wall-clock time `seconds` after the start of `day`. A time that
    /// falls in a gap (clocks jumped forward) is read with the offset before the jump; one that
    /// happens twice (clocks went back) is the first of the two.
    package func instant(of day: CalendarDay, secondsIntoDay seconds: Int64) -> Int64 {
        let local = day.daysSinceEpoch * 86_400 + seconds
        let before = Int64(offset(at: local - 86_400))
        // Every offset in force within a day of that time; the instants it maps to that really
        // show that offset are the readings of the wall-clock time.
        let readings = Set([before, Int64(offset(at: local)), Int64(offset(at: local + 86_400))])
            .map { local - $0 }
            .filter { instant in instant + Int64(offset(at: instant)) == local }
        return readings.min() ?? local - before
    }
}

/// Floor division for negative instants.
func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
    let quotient = value / divisor
    return value % divisor < 0 ? quotient - 1 : quotient
}

/// Reads the parts of a TZif file, bounds-checked.
private struct TZifReader {
    struct Header {
        var version: Int
        var isUTCCount, isStandardCount, leapCount, timeCount, typeCount, charCount: Int
    }

    struct Block {
        var times: [Int64]
        var types: [UInt8]
        var offsets: [Int32]
    }

    let bytes: [UInt8]
    var offset = 0

    mutating func take(_ count: Int) throws(TimeZone.Invalid) -> ArraySlice<UInt8> {
        guard count >= 0, bytes.count - offset >= count else { throw .truncated }
        defer { offset += count }
        return bytes[offset..<(offset + count)]
    }

    mutating func integer(_ width: Int) throws(TimeZone.Invalid) -> Int64 {
        var value: UInt64 = 0
        for byte in try take(width) { value = value << 8 | UInt64(byte) }
        if width == 4 { return Int64(Int32(bitPattern: UInt32(truncatingIfNeeded: value))) }
        return Int64(bitPattern: value)
    }

    mutating func header() throws(TimeZone.Invalid) -> Header {
        guard Array(try take(4)) == Array("TZif".utf8) else { throw .notTZif }
        let versionByte = try take(1).first ?? 0
        let version = versionByte == 0 ? 1 : Int(versionByte) - 0x30
        guard (1...9).contains(version) else { throw .unknownVersion }
        _ = try take(15)
        var counts: [Int] = []
        for _ in 0..<6 {
            let count = try integer(4)
            guard count >= 0, count <= 1 << 20 else { throw .implausibleCounts }
            counts.append(Int(count))
        }
        return Header(version: version, isUTCCount: counts[0], isStandardCount: counts[1], leapCount: counts[2],
                      timeCount: counts[3], typeCount: counts[4], charCount: counts[5])
    }

    mutating func block(_ header: Header, timeSize: Int) throws(TimeZone.Invalid) -> Block {
        var times: [Int64] = []
        times.reserveCapacity(header.timeCount)
        for _ in 0..<header.timeCount { times.append(try integer(timeSize)) }
        let types = Array(try take(header.timeCount))
        var offsets: [Int32] = []
        for _ in 0..<header.typeCount {
            let utcOffset = try integer(4)
            _ = try take(2)  // isdst, abbreviation index
            guard abs(utcOffset) < 86_400 * 2 else { throw .implausibleOffset }
            offsets.append(Int32(utcOffset))
        }
        guard types.allSatisfy({ Int($0) < offsets.count }) else { throw .transitionToNoType }
        guard zip(times, times.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw .transitionsOutOfOrder
        }
        _ = try take(header.charCount + header.leapCount * (timeSize + 4) + header.isStandardCount + header.isUTCCount)
        return Block(times: times, types: types, offsets: offsets)
    }

    mutating func footer() throws(TimeZone.Invalid) -> String {
        guard try take(1).first == UInt8(ascii: "\n") else { throw .noFooter }
        let rest = bytes[offset...]
        guard let end = rest.firstIndex(of: UInt8(ascii: "\n")) else { throw .unterminatedFooter }
        return String(decoding: rest[rest.startIndex..<end], as: UTF8.self)
    }
}
