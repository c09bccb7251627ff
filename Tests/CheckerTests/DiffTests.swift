import Testing
@testable import Checker

@Suite("The diff")
struct DiffTests {
    @Test("each target is classified ok, failed, missing or unexpected")
    func classification() {
        let diff = BackupDiff(expected: ["a", "b", "c", "e"], rows: [
            ("a", "success"), ("b", "failed"), ("d", "success"), ("e", "failed"), ("e", "success"), ("f", "failed"),
        ])
        #expect(diff.expected == ["a", "b", "c", "e"])
        #expect(diff.done == ["a", "d", "e"])
        #expect(diff.difference == ["b", "c", "d"])
        #expect(diff.verdicts.map(\.target) == ["a", "b", "c", "d", "e"])
        #expect(diff.verdicts.map(\.verdict) == [.ok, .failed, .missing, .unexpected, .ok])
        #expect(!diff.isMatch)
    }

    @Test("all expected done and nothing else is a match")
    func match() {
        let diff = BackupDiff(expected: ["a", "b"], rows: [("b", "success"), ("a", "success"), ("x", "failed")])
        #expect(diff.isMatch)
        #expect(diff.verdicts.allSatisfy { $0.verdict == .ok })
    }

    @Test("status must be exactly success")
    func exactStatus() {
        let diff = BackupDiff(expected: ["a"], rows: [("a", "Success"), ("a", "success ")])
        #expect(diff.verdicts.first?.verdict == .failed)
    }

    @Test("the query quotes a checked table name and embeds our own date")
    func query() throws {
        let day = try #require(CalendarDay(parsing: "2024-10-18"))
        #expect(try BackupQuery.sql(table: "list", day: day) == "SELECT * FROM `list` WHERE `date` = '2024-10-18' ORDER BY 1")
        for bad in ["list; DROP TABLE list", "li`st", "", "a b", String(repeating: "x", count: 65), "lïst"] {
            #expect(!BackupQuery.isValidIdentifier(bad))
            #expect(throws: CheckerError.self) { try BackupQuery.sql(table: bad, day: day) }
        }
    }
}
