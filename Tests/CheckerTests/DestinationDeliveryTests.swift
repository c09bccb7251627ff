import Notify
import Transport
import Testing
import TestSupport
@testable import Checker

/// A notify_urls destination in memory.
final class RecordingDestination: Destination, @unchecked Sendable {
    let name: String
    let messageLimit: MessageLimit?
    var takesHTML = false
    var failure: DeliveryError?
    var sent: [NotifyMessage] = []
    /// Every destination's sends, in the order they happened, by name.
    let journal: Journal

    final class Journal: @unchecked Sendable {
        var names: [String] = []
    }

    init(_ name: String, limit: MessageLimit? = nil, failure: DeliveryError? = nil, journal: Journal) {
        self.name = name
        messageLimit = limit
        self.failure = failure
        self.journal = journal
    }

    func size(of text: String) -> Int { text.utf8.count }

    func send(_ message: NotifyMessage) throws(DeliveryError) {
        journal.names.append(name)
        if let failure { throw failure }
        sent.append(message)
    }

    func check() throws(DeliveryError) -> String { "fine" }
}

@Suite("notify_urls destinations, in memory")
struct DestinationDeliveryTests {
    static let refused = DeliveryError(service: "Slack", site: "https://hooks.slack.com", problem: .rejected(
        status: 403, message: "invalid_token", code: nil, retryAfter: nil))

    func run(_ destinations: [Destination], records: [InMemoryTable.Record], list: String = "a.example.test\n",
             monitor: RecordingMonitor = RecordingMonitor()) throws -> (Checker.ExitStatus, String) {
        var run = InMemoryRun(list: list, records)
        run.monitor = monitor
        let directory = try TemporaryDirectory()
        var check = Check(settings: CheckSettings(expectedPath: try directory.write("l", run.list)),
                          day: CalendarDay(parsing: "2024-10-18"), source: run.table, notifier: run.notifier,
                          monitor: run.monitor, metrics: [run.metrics], logger: Logger(level: .error))
        check.destinations = destinations
        var printed = ""
        let status = check.run(now: 0) { printed += $0 }
        return (status, printed)
    }

    @Test("told in the order written; one that fails does not stop the others; exit 4 over 0")
    func orderAndFailure() throws {
        let journal = RecordingDestination.Journal()
        let first = RecordingDestination("JSON webhook (a)", journal: journal)
        let failing = RecordingDestination("Slack (hooks.slack.com)", failure: Self.refused, journal: journal)
        let last = RecordingDestination("ntfy (ntfy.sh)", journal: journal)
        let monitor = RecordingMonitor()
        let (status, printed) = try run([first, failing, last], records: [InMemoryTable.Record.success("2024-10-18", "a.example.test")],
                                        monitor: monitor)
        #expect(status == .delivery)
        #expect(monitor.events.last == "4: not delivered: Slack (hooks.slack.com): Slack refused the request with HTTP 403: invalid_token")
        #expect(journal.names == ["JSON webhook (a)", "Slack (hooks.slack.com)", "ntfy (ntfy.sh)"])
        #expect(first.sent == [NotifyMessage(title: "backup check 2024-10-18: ok", text: printed, severity: .info)])
        #expect(last.sent == first.sent)
    }

    @Test("all told: the exit status is the check's; the title and type say how it went")
    func allTold() throws {
        let journal = RecordingDestination.Journal()
        let one = RecordingDestination("JSON webhook (a)", journal: journal)
        let (status, _) = try run([one], records: [], list: "a.example.test\n")
        #expect(status == .mismatch)
        #expect(one.sent.map(\.title) == ["backup check 2024-10-18: something went wrong"])
        #expect(one.sent.map(\.severity) == [.failure])
    }

    @Test("a report longer than a destination keeps is fitted: ok rows left out first, within the limit")
    func fitted() throws {
        let journal = RecordingDestination.Journal()
        let small = RecordingDestination("Discord (discord.com)", limit: .characters(700), journal: journal)
        let list = (1...30).map { "t\($0).example.test" }.joined(separator: "\n") + "\nmissing.example.test\n"
        let records = (1...30).map { InMemoryTable.Record.success("2024-10-18", "t\($0).example.test") }
        let (status, printed) = try run([small], records: records, list: list)
        #expect(status == .mismatch)
        #expect(printed.utf8.count > 700)
        #expect(!small.sent.isEmpty)
        #expect(small.sent.allSatisfy { $0.text.utf8.count <= 700 })
        #expect(small.sent.first?.text.hasPrefix("something went wrong\n") == true)
        #expect(small.sent.last?.text.contains("rows left out to fit Discord (discord.com)'s limit of 700 characters") == true)
    }

    @Test("a destination that takes HTML (e-mail) gets the message in <pre> and the grid as a table; others get none")
    func html() throws {
        let journal = RecordingDestination.Journal()
        let mail = RecordingDestination("e-mail (mail.example.org)", journal: journal)
        mail.takesHTML = true
        let chat = RecordingDestination("ntfy (ntfy.sh)", journal: journal)
        _ = try run([mail, chat], records: [InMemoryTable.Record.success("2024-10-18", "a.example.test")])
        let html = try #require(mail.sent.first?.html)
        #expect(html.contains(">everything is a-ok\ndate: 2024-10-18 (UTC)\n") && html.contains("</pre>\n<table"))
        #expect(html.contains("a.example.test"))
        #expect(chat.sent.first?.html == nil)
    }
}

/// The report fitted to the real limits of services whose stand-ins refuse what is too long.
@Suite("Reports fitted to the services' limits")
struct ServiceLimitTests {
    @Test("a long report reaches Discord (2,000) and Telegram (4,096) in parts their APIs accept, marked (continued)")
    func longReport() throws {
        let discord = try FakeDiscord.make()
        let telegram = try FakeTelegram.make()
        guard case let .discord(discordURL) = try DestinationURL.parse("discord://\(FakeDiscord.id)/\(FakeDiscord.token)"),
              case let .telegram(telegramURL) = try DestinationURL.parse("tgram://\(FakeTelegram.token)/\(FakeTelegram.chat)"),
              let discordBase = SiteURL(discord.url), let telegramBase = SiteURL(telegram.url) else {
            throw TestFailure("URLs")
        }
        let options = DestinationOptions(timeout: 5, retry: RetryPolicy(delays: []))
        // 300 missing targets: the seed's lists alone are far longer than either service keeps.
        let list = (1...300).map { "host\($0).example.test" }.joined(separator: "\n") + "\n"
        var run = InMemoryRun(list: list, [InMemoryTable.Record.success("2024-10-18", "host1.example.test")])
        run.notifier = nil
        let directory = try TemporaryDirectory()
        var check = Check(settings: CheckSettings(expectedPath: try directory.write("l", run.list)),
                          day: CalendarDay(parsing: "2024-10-18"), source: run.table, notifier: nil, logger: Logger(level: .error))
        check.destinations = [DiscordClient(url: discordURL, options: options, base: discordBase),
                              TelegramClient(url: telegramURL, options: options, base: telegramBase)]
        var printed = ""
        #expect(check.run(now: 0) { printed += $0 } == .mismatch)
        #expect(printed.count > 10_000)
        let discordParts = discord.jsonBodies(path: FakeDiscord.path).compactMap { $0["content"] as? String }
        let telegramParts = telegram.jsonBodies(path: "/bot\(FakeTelegram.token)/sendMessage").compactMap { $0["text"] as? String }
        #expect(discordParts.count >= 5 && discordParts.allSatisfy { $0.count <= 2_000 })
        #expect(telegramParts.count >= 3)
        #expect(discordParts.dropFirst().allSatisfy { $0.hasPrefix("```\n(continued)") })
        #expect(telegramParts.dropFirst().allSatisfy { $0.hasPrefix("<pre>(continued)") })
        #expect(discordParts.first?.hasPrefix("```\nsomething went wrong\ndate: 2024-10-18 (UTC)") == true)
    }
}
