import Foundation
import Testing
import TestSupport
@testable import Checker

/// What the database holds is data: a value with a control character is written as the inside
/// of Python's repr of it, every other value unchanged — checked against Python itself, and
/// through the whole check into every output the in-memory run records.
@Suite("Values as data")
struct DataTextTests {
    /// Python's own answer for each value: repr without its quotes when the value holds a
    /// control character of DESIGN's list, else the value itself; one JSON string per line.
    static func python(_ values: [String]) throws -> [String] {
        let script = """
            import json, sys
            controls = set(range(0x20)) | set(range(0x7f, 0xa0)) | {0x2028, 0x2029} | set(range(0x202a, 0x202f)) | set(range(0x2066, 0x206a))
            for line in sys.stdin:
                value = json.loads(line)
                shown = repr(value)[1:-1] if any(ord(c) in controls for c in value) else value
                print(json.dumps(shown))
            """
        let input = values.map { JSONEncoderLine.encode($0) }.joined(separator: "\n") + "\n"
        let (status, output) = try runProgram("/usr/bin/python3", ["-c", script], input: input)
        guard status == 0 else { throw TestFailure("python3 failed") }
        return try output.split(separator: "\n").map { line in
            try JSONDecoder().decode(String.self, from: Data(line.utf8))
        }
    }

    @Test("every hostile value is written as Python's repr without quotes; plain values unchanged")
    func agreesWithPython() throws {
        let values = HostileValues.short.map(\.value) + [HostileValues.long] + HostileValues.plain
        let expected = try Self.python(values)
        try #require(expected.count == values.count)
        for (value, shown) in zip(values, expected) {
            #expect(DataText.escaped(value) == shown, "\(value.debugDescription)")
        }
        for value in HostileValues.plain { #expect(DataText.escaped(value) == value) }
        #expect(DataText.escaped("a\\b\nc") == #"a\\b\nc"#, "a backslash is doubled only where a control makes it needed")
    }

    @Test("the fence breakout stays inside Zulip's code block, in the verdict line, the table and the grid")
    func fenceBreakout() throws {
        var run = InMemoryRun(list: "a.example.test\n", [.success("2024-10-18", "a.example.test"),
                                                         .success("2024-10-18", HostileValues.fenceBreakout)])
        run.reportHistoryDays = 3
        let (status, output) = try run.run()
        #expect(status == .mismatch)
        let escaped = #"x\n```\n@**all** [click](https://evil.example)\n```"#
        #expect(output.contains("\nunexpected: \(escaped)\n"), "\(output)")
        let posted = try #require(run.notifier?.posted.first)
        let lines = posted.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.filter { $0.hasPrefix("```") }.count == 2, "only the message's own fences")
        #expect(lines.first == "```" && lines.last == "```")
        #expect(!lines.contains { $0.hasPrefix("@**all**") })
        #expect(lines.filter { $0.contains(escaped) }.count == 5,
                "the verdict line, the table row, the grid row, and inside the repr of two lists")
    }

    @Test("no hostile value reaches stdout, Zulip, the heartbeat or the metrics with a control character in it")
    func everyOutput() throws {
        let hostile = HostileValues.short.map(\.value) + [HostileValues.long]
        var run = InMemoryRun(list: "a.example.test\n", hostile.map { .success("2024-10-18", $0) })
        run.reportHistoryDays = 2
        let (_, output) = try run.run()
        func controls(_ text: String) -> [Unicode.Scalar] {
            text.unicodeScalars.filter { $0 != "\n" && DataTextTests.isControl($0) }
        }
        #expect(controls(output).isEmpty, "stdout")
        for message in run.notifier?.posted ?? [] { #expect(controls(message).isEmpty, "Zulip") }
        for report in run.monitor.events + run.monitor.reports { #expect(controls(report).isEmpty, "heartbeat") }
        // (The list refuses control characters, and only listed targets have series.)
        for text in run.metrics.texts { #expect(controls(text).isEmpty, "metrics") }
        for (_, value) in HostileValues.short {
            #expect(output.contains(DataText.escaped(value)), "\(value.debugDescription) is shown escaped")
        }
    }

    @Test("--format json carries each value whole, every control character as a \\u escape")
    func json() throws {
        var run = InMemoryRun(list: "a.example.test\n", HostileValues.short.map { .success("2024-10-18", $0.value) })
        run.format = .json
        let (_, output) = try run.run()
        #expect(!output.unicodeScalars.contains(where: Self.isControl), "\(output)")
        let object = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any]
        let targets = (object?["targets"] as? [[String: Any]])?.compactMap { $0["target"] as? String } ?? []
        for (name, value) in HostileValues.short { #expect(targets.contains(value), "\(name)") }
    }

    /// DESIGN's list, restated independently of the code under test.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return value < 0x20 || (0x7F...0x9F).contains(value) || value == 0x2028 || value == 0x2029
            || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
    }
}

/// One JSON string literal (Foundation's encoder, independent of the code under test).
enum JSONEncoderLine {
    static func encode(_ text: String) -> String {
        String(decoding: (try? JSONEncoder().encode(text)) ?? Data(), as: UTF8.self)
    }
}
