import Foundation
import Testing
import FuzzBodies
@testable import Checker

/// Every seed of Tests/FuzzCorpus through its fuzz target's body, under plain `swift test`
/// (as go runs its fuzz seeds under `go test`), and round-trip properties of what the seeds
/// hold.
@Suite("Fuzz corpus replay")
struct CorpusReplayTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("FuzzCorpus")

    static func targets() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: corpus.path).filter { !$0.hasPrefix(".") }.sorted()
    }

    static func seeds(_ target: String) throws -> [(name: String, bytes: [UInt8])] {
        let folder = corpus.appendingPathComponent(target)
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().map { name in
            (name, Array(try Data(contentsOf: folder.appendingPathComponent(name))))
        }
    }

    @Test("every fuzz target has a corpus, and every corpus a target")
    func targetsMatch() throws {
        #expect(try Self.targets() == FuzzBodies.byTarget.keys.sorted())
    }

    @Test("every seed replays through its target's body without a trap",
          arguments: ["auth-packets", "column-definition", "dotenv", "expected-list", "framing", "greeting",
                      "http-response", "notify-urls", "server-packets", "text-row", "tzif"])
    func replay(target: String) throws {
        let body = try #require(FuzzBodies.byTarget[target])
        let seeds = try Self.seeds(target)
        #expect(!seeds.isEmpty, "no seeds for \(target)")
        for seed in seeds {
            #expect(FuzzBodies.run(body, seed.bytes) == 0, "\(target)/\(seed.name)")
        }
    }

    @Test("parsing a schedule's description gives the same schedule: every schedule the list seeds hold")
    func scheduleRoundTripSeeds() throws {
        var checked = 0
        for seed in try Self.seeds("expected-list") {
            guard let list = try? ExpectedList(parsing: String(decoding: seed.bytes, as: UTF8.self), source: seed.name) else {
                continue
            }
            for entry in list.entries {
                #expect(try Schedule(parsing: entry.schedule.description) == entry.schedule, "\(seed.name): \(entry.schedule)")
                checked += 1
            }
        }
        #expect(checked >= 10)
    }

    @Test("parsing a schedule's description gives the same schedule: every N, and 5,000 day lists")
    func scheduleRoundTripGenerated() throws {
        var schedules: [Schedule] = [.daily] + (1...Schedule.maxEveryDays).map(Schedule.every)
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 33
        }
        for _ in 0..<5_000 {
            let weekdays = Set((1...7).filter { _ in next() % 3 == 0 })
            let monthDays = Set((0...31).filter { _ in next() % 5 == 0 })
            guard !weekdays.isEmpty || !monthDays.isEmpty else { continue }
            schedules.append(.days(weekdays: weekdays, monthDays: monthDays))
        }
        for schedule in schedules {
            #expect(try Schedule(parsing: schedule.description) == schedule, "\(schedule)")
        }
    }
}
