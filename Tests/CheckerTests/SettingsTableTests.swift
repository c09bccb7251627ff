import Foundation
import Testing
@testable import Checker

/// The one table of settings (`Setting.all`): names once each, defaults that their own rule
/// reads, and the documentation listing the same set.
@Suite("The settings table")
struct SettingsTableTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static var names: Set<String> { Set(Setting.all.map(\.name)) }

    static func text(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    /// The names in the first column of the markdown table headed `| variable | meaning | default |`.
    static func tableNames(_ markdown: String) -> Set<String> {
        var names: Set<String> = []
        var inTable = false
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("| variable | meaning | default |") {
                inTable = true
                continue
            }
            guard inTable else { continue }
            guard line.hasPrefix("|") else {
                inTable = false
                continue
            }
            let cell = line.split(separator: "|").first.map(String.init) ?? ""
            if cell.hasPrefix("---") { continue }
            for name in cell.split(separator: ",") {
                names.insert(name.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "`")))
            }
        }
        return names
    }

    /// The names .env.example sets or shows commented out (`name=` or `# name=`).
    static func envNames(_ text: String) -> Set<String> {
        var names: Set<String> = []
        for line in text.split(separator: "\n") {
            var body = Substring(line)
            if body.hasPrefix("#") { body = body.dropFirst().drop { $0 == " " } }
            guard let equals = body.firstIndex(of: "="), !body[..<equals].isEmpty,
                  body[..<equals].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { continue }
            names.insert(String(body[..<equals]))
        }
        return names
    }

    @Test("each setting is declared once, and `named` finds it in either case")
    func unique() {
        #expect(Self.names.count == Setting.all.count)
        for setting in Setting.all {
            #expect(Setting.named(setting.name.uppercased()) == setting)
            #expect(Setting.named(setting.name.lowercased()) == setting)
        }
        #expect(Setting.named("db_hots") == nil)
    }

    @Test("README.md, docs/design.md and deploy/.env.example list exactly the table's settings",
          arguments: ["README.md", "docs/design.md", "deploy/.env.example"])
    func documentation(path: String) throws {
        let text = try Self.text(path)
        let listed = path.hasSuffix(".env.example") ? Self.envNames(text) : Self.tableNames(text)
        #expect(listed.subtracting(Self.names).sorted() == [], "\(path) lists settings the table does not have")
        #expect(Self.names.subtracting(listed).sorted() == [], "\(path) leaves out settings of the table")
    }

    @Test("every default, given as a value, is read by the setting's own rule")
    func defaultsRead() throws {
        for setting in Setting.all {
            guard let value = setting.defaultValue else { continue }
            var values = SettingsTests.seed
            values[setting.name] = value
            #expect(throws: Never.self, "\(setting.name)=\(value)") { try SettingsTests.settings(values) }
        }
    }

    @Test("a choice's default is one of its choices; secrets are the password, the key, the destinations and the ping URL")
    func attributes() {
        for setting in Setting.all where setting.kind == .choice {
            #expect(setting.defaultValue.map(setting.choices.contains) == true, "\(setting.name)")
        }
        #expect(Setting.all.filter(\.isSecret).map(\.name) == ["db_password", "zulip_bot_api_key", "notify_urls", "heartbeat_url"])
        #expect(Setting.all.filter(\.isFile).map(\.name) == ["db_tls_ca", "zulip_tls_ca", "notify_tls_ca"])
    }

    @Test("a listing line is name, default, kind, section, attributes and help, tab-separated")
    func listing() {
        #expect(Setting.dbPort.listing == "db_port\t3306\tport\tdatabase\t-\tserver port")
        #expect(Setting.dbPassword.listing == "db_password\t\ttext\tdatabase\tsecret\tpassword")
        #expect(Setting.all.allSatisfy { $0.listing.split(separator: "\t", omittingEmptySubsequences: false).count == 6 })
    }

    @Test("doctor names a variable of the .env file that is no setting, with the nearest one")
    func doctorNamesUnknown() {
        var values = SettingsTests.seed
        values["db_hots"] = "10.0.0.6"
        values["db_socket"] = "/nonexistent/backup-checker-test.sock"
        values["expected_backups"] = "/nonexistent/expected-backups"
        values["zulip_bot_api_key"] = nil
        var lines: [String] = []
        _ = Doctor(sources: ConfigurationSources(file: values)).run(now: 0) { lines.append($0) }
        #expect(lines.contains("settings: note: db_hots in the .env file is not a setting of backup-checker (did you mean db_host?)"))
        #expect(lines.filter { $0.hasPrefix("settings:") }.count == 1)
    }
}
