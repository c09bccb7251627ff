import ArgumentParser
import Checker
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The command line: parse flags, load settings, run the check, exit with its status.
@main
struct BackupChecker: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "backup-checker",
        abstract: "Checks that today's scheduled backups ran and posts the result to Zulip.",
        discussion: """
            Settings come from the environment and a .env file (lower-case names as below, \
            upper case also accepted); a variable in the environment wins over the file, a \
            flag wins over both.

              db_host, db_port, db_socket       server address (127.0.0.1, 3306; a socket wins)
              db_username, db_password          credentials
              database, db_table                schema and table (table defaults to list)
              db_tls, db_tls_ca                 disabled|preferred|required|verify-ca|verify-identity
              db_connect_timeout, db_read_timeout   seconds (10, 30)
              zulip_organization or zulip_site  where Zulip is
              zulip_bot_name or zulip_email     the bot (NAME-bot@HOST)
              zulip_bot_api_key                 the bot's API key
              zulip_stream, zulip_topic         where the message goes
              expected_backups                  the expected list (./expected-backups)
              timezone                          IANA zone that defines today (local zone)
              LOG_LEVEL                         trace|debug|info|warning|error (info)

            Exit codes: 0 all expected backups ran; 1 mismatch; 2 configuration or usage \
            error; 3 database error; 4 the message could not be delivered to Zulip.
            """,
        version: version
    )

    @Option(name: .customLong("env-file"), help: ArgumentHelp("Read settings from this .env file (default: ./.env when present).", valueName: "path"))
    var envFile: String?

    @Option(name: .customLong("expected"), help: ArgumentHelp("The expected-backups list (overrides expected_backups).", valueName: "path"))
    var expected: String?

    @Option(name: .customLong("date"), help: ArgumentHelp("Check this day instead of today.", valueName: "YYYY-MM-DD"))
    var date: String?

    @Flag(name: .customLong("dry-run"), help: "Print the message; post nothing to Zulip.")
    var dryRun = false

    func run() throws {
        var day: CalendarDay?
        if let date {
            guard let parsed = CalendarDay(parsing: date) else {
                throw ValidationError("--date must be a real day written YYYY-MM-DD, not \"\(date.prefix(40))\"")
            }
            day = parsed
        }
        let settings: Settings
        do {
            var flags: [String: String] = [:]
            if let expected { flags["expected_backups"] = expected }
            let sources = ConfigurationSources(
                flags: flags,
                environment: ConfigurationSources.processEnvironment(),
                file: try ConfigurationSources.dotEnvValues(path: envFile))
            settings = try Settings(sources: sources, requireZulip: !dryRun)
        } catch {
            StandardStreams.writeError("backup-checker: \(error)\n")
            throw ExitCode(ExitStatus.usage.rawValue)
        }
        let check = Check(settings: settings, day: day, dryRun: dryRun, logger: Logger(level: settings.logLevel))
        let outcome = check.run { StandardStreams.writeOutput($0 + "\n") }
        throw ExitCode(outcome.status.rawValue)
    }

    /// Usage errors exit with 2 (DESIGN.md), not ArgumentParser's 64.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                StandardStreams.writeOutput(fullMessage(for: error) + "\n")
                Glibc.exit(0)
            }
            if let exitCode = error as? ExitCode {
                Glibc.exit(exitCode.rawValue)
            }
            StandardStreams.writeError(fullMessage(for: error) + "\n")
            Glibc.exit(ExitStatus.usage.rawValue)
        }
    }
}
