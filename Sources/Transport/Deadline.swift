#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A point on the monotonic clock, used to bound a step that may take several system calls.
struct Deadline {
    private let nanoseconds: UInt64

    init(secondsFromNow seconds: Double) {
        let span = seconds.isFinite && seconds > 0 ? min(seconds, 1e9) : 0
        nanoseconds = Deadline.now() &+ UInt64(span * 1e9)
    }

    /// Milliseconds left, clamped to what poll(2) accepts; 0 once the deadline has passed.
    var remainingMilliseconds: Int32 {
        let now = Deadline.now()
        guard nanoseconds > now else { return 0 }
        let millis = (nanoseconds - now + 999_999) / 1_000_000
        return Int32(clamping: millis)
    }

    static func now() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) &* 1_000_000_000 &+ UInt64(spec.tv_nsec)
    }
}

/// The text of a C `errno` value.
func errnoText(_ code: Int32) -> String {
    guard let text = strerror(code) else { return "error \(code)" }
    return String(cString: text)
}
