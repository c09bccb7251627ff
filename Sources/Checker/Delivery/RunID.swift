import TextRules

/// A random UUID (version 4) that names one run: the heartbeat pairs a run's start and end
/// pings with it (`?rid=`), and the metrics file's temporary file carries it, so that no
/// earlier run, killed mid-write with the same process ID (always 1 in a container), can still
/// hold that name.
public struct RunID: Sendable, Equatable, CustomStringConvertible {
    /// The 16 bytes, with the version and variant bits set.
    public let bytes: [UInt8]

    /// A UUID from these 16 bytes (missing ones are zero); version 4 and the RFC 4122 variant
    /// are set.
    public init(bytes: [UInt8]) {
        var value = Array(bytes.prefix(16)) + Array(repeating: 0, count: max(0, 16 - bytes.count))
        value[6] = value[6] & 0x0F | 0x40
        value[8] = value[8] & 0x3F | 0x80
        self.bytes = value
    }

    /// A new random one, from the system's random source (the standard library's
    /// SystemRandomNumberGenerator: getrandom(2)).
    public static func random() -> RunID {
        var generator = SystemRandomNumberGenerator()
        let words = [generator.next(), generator.next()] as [UInt64]
        return RunID(bytes: words.flatMap { word in (0..<8).map { UInt8(truncatingIfNeeded: word >> ($0 * 8)) } })
    }

    /// `xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx`, lower case.
    public var description: String {
        var text = ""
        for (index, byte) in bytes.enumerated() {
            if [4, 6, 8, 10].contains(index) { text += "-" }
            text += byte.hexadecimal(width: 2)
        }
        return text
    }
}
