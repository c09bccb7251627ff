import Testing
@testable import Checker

/// The metrics text: each schedule's max age, and the series every listed target keeps.
@Suite("Metrics text")
struct MetricsTextTests {
    @Test("max age is the longest gap between due days plus one day", arguments: [
        ("daily", 2), ("mon-fri", 4), ("sun", 8), ("1,15,last", 17), ("every 3 days", 4), ("every 1 day", 2),
        ("sat,sun", 7), ("last", 32), ("31", 62), ("29", 60), ("mon,15", 8),
    ])
    func maxAge(schedule: String, days: Int) throws {
        #expect(try Schedule(parsing: schedule).maxAgeSeconds == Int64(days) * 86_400)
    }

    @Test("every listed target has last success (0 without one) and max age; unlisted ones have neither")
    func seriesForEveryListedTarget() throws {
        let run = InMemoryRun(list: "a.example.test\nb.example.test sun\nc.example.test every 3 days\n",
                              [.success("2024-10-18", "a.example.test"), .success("2024-10-18", "rogue.example.test")])
        #expect(try run.run().status == .mismatch)
        let text = try #require(run.metrics.texts.first)
        #expect(text.contains("backup_checker_target_last_success_timestamp_seconds{target=\"b.example.test\"} 0\n"))
        #expect(text.contains("backup_checker_target_last_success_timestamp_seconds{target=\"c.example.test\"} 0\n"))
        #expect(text.contains("backup_checker_target_max_age_seconds{target=\"a.example.test\"} 172800\n"))
        #expect(text.contains("backup_checker_target_max_age_seconds{target=\"b.example.test\"} 691200\n"))
        #expect(text.contains("backup_checker_target_max_age_seconds{target=\"c.example.test\"} 345600\n"))
        #expect(!text.contains("rogue"))
        // b is not due on a Friday: no ok series; c (every) has one.
        #expect(!text.contains("backup_checker_target_ok{target=\"b.example.test\"}"))
        #expect(text.contains("backup_checker_target_ok{target=\"c.example.test\"} 0\n"))
    }
}
