import Notify
import Testing
import TestSupport
import TextRules
@testable import Checker

/// One rule for control characters: the settings reader, the expected list, the HTTP header
/// builder and a notify URL refuse the same set (ControlCharacters), one table of hostile
/// characters run through each. The expected list's one difference is named: the tab between
/// a line's fields.
@Suite("One control-character rule")
struct ControlCharacterRuleTests {
    /// One of each kind of the set: C0 (NUL, tab, LF, CR, ESC), DEL, C1 (NEL, CSI), the line
    /// and paragraph separators, a bidirectional override and an isolate.
    static let hostile: [Unicode.Scalar] = [
        "\u{0}", "\t", "\n", "\r", "\u{1B}", "\u{7F}", "\u{85}", "\u{9B}", "\u{2028}", "\u{2029}", "\u{202E}",
        "\u{2066}", "\u{2069}",
    ]
    /// Characters of no control, which every reader lets through.
    static let plain: [Unicode.Scalar] = ["é", "日", "@", "\\", "~"]

    @Test("the settings reader, the expected list, the HTTP header builder and a notify URL refuse the same set",
          arguments: hostile)
    func refused(_ character: Unicode.Scalar) throws {
        #expect(ControlCharacters.contains(character))
        #expect(Self.setting(character) == ["zulip_topic"])
        if character == "\n" {
            // LF ends a line of the list: the two halves are two lines, not one with a control.
        } else if character == ControlCharacters.tab {
            // The named difference: a tab separates a line's target and schedule.
            #expect(try Self.list(character).entries.map(\.target) == ["target.example.test"])
        } else {
            #expect(throws: ConfigurationError.expectedListLine(path: "l", line: 1, found: "a control character",
                                                                expected: .targetAndSchedule)) {
                try Self.list(character)
            }
        }
        let server = try LoopbackHTTPServer { _, _ in .answer(status: 200, body: "") }
        #expect(throws: HTTPError.invalidRequest("X-Check contains a control character")) {
            try Self.header(character, to: server)
        }
        #expect(server.requests.isEmpty)
        #expect(throws: AppriseURL.Problem.controlCharacter) { try AppriseURL(Self.notifyURL(character)) }
    }

    @Test("the same readers let every other character through", arguments: plain)
    func accepted(_ character: Unicode.Scalar) throws {
        #expect(!ControlCharacters.contains(character))
        #expect(Self.setting(character) == [])
        #expect(try Self.list(character).entries.count == 1)
        let server = try LoopbackHTTPServer { _, _ in .answer(status: 200, body: "") }
        #expect(try Self.header(character, to: server).status == 200)
        #expect(server.requests.first?.headers["x-check"] == "a\(character)b")
        #expect(try AppriseURL(Self.notifyURL(character)).path == ["a\(character)b"])
    }

    /// The problems of a configuration whose zulip_topic holds `character`.
    static func setting(_ character: Unicode.Scalar) -> [String] {
        var values = SettingsTests.seed
        values["zulip_topic"] = "daily\(character)backups"
        return SettingsTests.problems(values)
    }

    /// An expected list of one line whose target is followed by `character` and `daily`.
    @discardableResult
    static func list(_ character: Unicode.Scalar) throws(ConfigurationError) -> ExpectedList {
        try ExpectedList(parsing: "target.example.test\(character)daily\n", source: "l")
    }

    /// A GET to `server` with a header holding `character`.
    @discardableResult
    static func header(_ character: Unicode.Scalar, to server: LoopbackHTTPServer) throws -> HTTPResponse {
        let client = HTTPClient(site: try #require(SiteURL(server.url)), timeout: 5)
        return try client.send(HTTPRequest(method: "GET", path: "/", headers: [("X-Check", "a\(character)b")]))
    }

    /// A JSON-webhook notify URL whose path holds `character`, percent-encoded.
    static func notifyURL(_ character: Unicode.Scalar) -> String {
        "json://hooks.example.test/a" + String(character).utf8.map { "%" + $0.hexadecimal(width: 2, uppercase: true) }.joined() + "b"
    }
}
