import Foundation
import Testing
@testable import Checker

/// Run times are the time that passed, in `timezone`, not the difference of two clock
/// readings: on the nights the clocks change, the two differ by the hour the clocks jumped.
@Suite("Durations across a clock change")
struct ClockChangeTests {
    /// The day's run of one target in Berlin, as --format json reports it.
    static func durationToday(on day: String, start: String, end: String, earlier: [InMemoryTable.Record] = [],
                              factor: Double = 3) throws -> (seconds: Int?, warning: String?) {
        var run = InMemoryRun(list: "a.example.test\n", earlier + [.success(day, "a.example.test", start, end)])
        run.day = day
        run.zone = try ZoneLocator().zone(named: "Europe/Berlin")
        run.format = .json
        run.factor = factor
        run.notifier = nil
        let output = try run.run().output
        let document = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        let target = try #require((document["targets"] as? [[String: Any]])?.first)
        return (target["duration_seconds"] as? Int, target["warning"] as? String)
    }

    @Test("01:30 to 03:30 on the night clocks go forward is one hour; on the night they go back, three")
    func elapsedTime() throws {
        #expect(try Self.durationToday(on: "2024-03-31", start: "01:30:00", end: "03:30:00").seconds == 3600)
        #expect(try Self.durationToday(on: "2024-10-27", start: "01:30:00", end: "03:30:00").seconds == 10_800)
        // Across midnight into the night of the change: 23:30 to 03:30 is three hours, not four.
        #expect(try Self.durationToday(on: "2024-03-30", start: "23:30:00", end: "03:30:00").seconds == 10_800)
        // Any other night, the clock readings' difference.
        #expect(try Self.durationToday(on: "2024-03-30", start: "01:30:00", end: "03:30:00").seconds == 7200)
    }

    @Test("an earlier run across the change counts its elapsed time in the median")
    func historyAcrossChange() throws {
        // Five runs of one hour each, one of them on the night the clocks went forward (01:30 to
        // 03:30 on the clock): against them a run of 3 h 30 min is slow at factor 3 (median
        // 1 h); had the change night counted 2 h, the median would still be 1 h, so the last
        // two runs are longer to move it: 1 h, 1 h, 1 h (change night), 1 h 10, 1 h 20.
        let earlier: [InMemoryTable.Record] = [
            .success("2024-03-27", "a.example.test", "01:30:00", "02:30:00"),
            .success("2024-03-28", "a.example.test", "01:30:00", "02:30:00"),
            .success("2024-03-31", "a.example.test", "01:30:00", "03:30:00"),
            .success("2024-04-01", "a.example.test", "01:30:00", "02:40:00"),
            .success("2024-04-02", "a.example.test", "01:30:00", "02:50:00"),
        ]
        // Median of 1:00, 1:00, 1:00, 1:10, 1:20 is 1:00 (counting the change night as 2:00
        // would make it 1:10): 3:01 is more than three times 1:00 but not three times 1:10.
        let today = try Self.durationToday(on: "2024-04-03", start: "01:00:00", end: "04:01:00", earlier: earlier)
        #expect(today.seconds == 10_860)
        #expect(today.warning == "slow")
    }
}
