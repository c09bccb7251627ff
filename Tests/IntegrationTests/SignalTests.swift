import Foundation
import Testing
import TestSupport

/// The checker as PID 1 of a PID namespace (`unshare --pid --fork`, as in a container), where a
/// signal without a handler is ignored: SIGTERM and SIGINT must end it at once, after the report
/// was printed, with nothing half-made posted.
@Suite("Signals as PID 1", .serialized)
struct SignalTests {
    @Test("SIGTERM and SIGINT end a run stuck in delivery within 2 s, with 143 and 130",
          arguments: [(SIGTERM, Int32(143)), (SIGINT, Int32(130))])
    func signal(signal: Int32, expected: Int32) throws {
        let setup = try CheckerSetup(list: "a.example.test\n")
        try setup.database.insert([("2024-10-18", "a.example.test", "01:00:00", "01:00:01", "success")])
        let zulip = try FakeZulip(script: [.hang])
        let running = try RunningChecker(["--date", "2024-10-18"],
                                         environment: setup.environment(CheckerSetup.zulip(zulip).merging(["zulip_timeout": "60"]) { $1 }),
                                         wrapper: ["/usr/bin/unshare", "--pid", "--fork"])
        // The request reached Zulip, which will never answer: the run is in the middle of delivery.
        try #require(zulip.waitForRequests(1), "the checker never posted")
        // The report was printed before the post; it may still be on its way through the pipe.
        #expect(running.waitForStdout(prefix: "everything is a-ok\ndate: 2024-10-18 (UTC)\n"), "the report is printed first: \(running.stdout)")
        let child = try #require(running.childPID)
        let status = try String(contentsOfFile: "/proc/\(child)/status", encoding: .utf8)
        #expect(status.split(separator: "\n").first { $0.hasPrefix("NSpid:") }?.split(separator: "\t").last == "1",
                "the checker is PID 1 in its namespace")
        let stopwatch = Stopwatch()
        kill(child, signal)
        let result = running.wait()
        let elapsed = stopwatch.seconds
        #expect(result.status == expected)
        #expect(elapsed < 2, "took \(elapsed) s")
        #expect(zulip.requests.count == 1)
    }
}
