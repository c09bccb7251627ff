import Foundation
import Testing
import TestSupport
import Checker

/// The hand-written command line: help for the tool and each subcommand, the version,
/// `--flag value` and `--flag=value`, and usage errors (exit 2) with a suggestion.
@Suite("The command line")
struct CommandLineTests {
    static func run(_ arguments: [String]) throws -> CheckerProcess.Result {
        try CheckerProcess.run(arguments, environment: ["TZ": "UTC"])
    }

    @Test("--help for the tool lists the settings, the subcommands and the exit codes", arguments: [["--help"], ["-h"], ["help"]])
    func toolHelp(arguments: [String]) throws {
        let result = try Self.run(arguments)
        #expect(result.status == 0)
        for text in ["OVERVIEW: Checks that today's scheduled backups ran", "db_password", "history_days", "heartbeat_url",
                     "SUBCOMMANDS:", "check (default)", "doctor", "Exit codes: 0 every expected backup ran"] {
            #expect(result.stdout.contains(text), "\(text)")
        }
        for setting in Setting.all {
            #expect(result.stdout.contains("\n  \(setting.name) "), "\(setting.name)")
        }
        #expect(result.stderr.isEmpty)
    }

    @Test("`settings` lists the table, one setting a line, tab-separated")
    func settingsListing() throws {
        let result = try Self.run(["settings"])
        #expect(result.status == 0)
        #expect(result.stdout == Setting.all.map(\.listing).joined(separator: "\n") + "\n")
        #expect(result.stdout.contains("db_connect_timeout\t10\tseconds\tdatabase\t-\t"))
        #expect(result.stderr.isEmpty)
    }

    @Test("each subcommand has its help", arguments: [["check", "--help"], ["help", "check"], ["doctor", "-h"], ["help", "doctor"]])
    func subcommandHelp(arguments: [String]) throws {
        let result = try Self.run(arguments)
        let name = arguments.first == "help" ? arguments[1] : arguments[0]
        #expect(result.status == 0)
        #expect(result.stdout.contains("USAGE: backup-checker \(name) [--env-file <path>] [--expected <path>] [--date <YYYY-MM-DD>]"))
        #expect(result.stdout.contains("--dry-run") == (name == "check"))
        #expect(result.stdout.contains("text, json; default: text)") == (name == "check"))
    }

    @Test("--version")
    func version() throws {
        let result = try Self.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.range(of: #"^\d+\.\d+\.\d+\n$"#, options: .regularExpression) != nil)
    }

    @Test("usage errors exit 2 with what was wrong, a suggestion and the usage", arguments: [
        (["--dryrun"], "unknown option '--dryrun'", "Did you mean '--dry-run'?"),
        (["--datee", "2024-10-18"], "unknown option '--datee'", "Did you mean '--date'?"),
        (["doctr"], "unknown subcommand 'doctr'", "Did you mean 'doctor'?"),
        (["--format", "xml"], "'xml' is not a value of '--format': use one of text, json", nil),
        (["--format=jsn"], "'jsn' is not a value of '--format': use one of text, json", "Did you mean 'json'?"),
        (["--date"], "'--date' needs a value <YYYY-MM-DD>", nil),
        (["--dry-run=yes"], "'--dry-run' takes no value", nil),
        (["--dry-run", "--dry-run"], "'--dry-run' is given twice", nil),
        (["check", "today"], "unexpected argument 'today'", nil),
        (["doctor", "--dry-run"], "unknown option '--dry-run'", nil),
        (["--date", "2024-02-30"], "--date must be a real day written YYYY-MM-DD, not \"2024-02-30\"", nil),
    ] as [([String], String, String?)])
    func usageErrors(arguments: [String], message: String, suggestion: String?) throws {
        let result = try Self.run(arguments)
        #expect(result.status == 2)
        #expect(result.stderr.contains("backup-checker: error: \(message)\n"), "\(result.stderr)")
        if let suggestion { #expect(result.stderr.contains(suggestion + "\n")) }
        #expect(result.stderr.contains("See 'backup-checker"))
        #expect(result.stdout.isEmpty)
    }

    @Test("--flag=value and --flag value read the same")
    func valueForms() throws {
        let directory = try TemporaryDirectory()
        let env = try directory.write("x.env", "db_username=u\ndb_password=p\ndatabase=d\ndb_port=1\nexpected_backups=/nonexistent\n")
        for arguments in [["--env-file", env, "--dry-run", "--format", "json"], ["--env-file=\(env)", "--dry-run", "--format=json"]] {
            let result = try Self.run(arguments)
            #expect(result.status == 2)
            #expect(result.stderr.contains("the expected-backups list /nonexistent does not exist"))
        }
    }
}
