import ArgumentParser
import Checker
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The command line: `backup-checker [check options]` runs the check, `backup-checker doctor`
/// diagnoses the setup. Usage errors exit with 2 (DESIGN.md), not ArgumentParser's 64.
@main
struct BackupChecker: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "backup-checker",
        abstract: "Checks that today's scheduled backups ran and posts the result to Zulip.",
        discussion: """
            backup-checker [check] [--env-file PATH] [--expected PATH] [--date YYYY-MM-DD]
                           [--dry-run] [--format text|json]
            backup-checker doctor  [--env-file PATH] [--date YYYY-MM-DD]

            Settings come from the environment and a .env file (./.env when present);
            the environment wins over the file, a flag over both. Names are lower
            case as below; upper case is accepted too.

              db_host, db_port       server (127.0.0.1, 3306)
              db_socket              unix socket path; wins over host and port
              db_username            user name
              db_password            password
              database               schema
              db_table               table of backup results (list)
              db_tls                 disabled, preferred (default), required,
                                     verify-ca or verify-identity
              db_tls_ca              CA file for the verify modes
              db_connect_timeout     seconds to connect (10)
              db_read_timeout        seconds to wait for an answer (30)
              zulip_organization     zulip.example.org, or acme for acme.zulipchat.com
              zulip_site             explicit base URL instead
              zulip_bot_name         the bot; its e-mail is NAME-bot@HOST
              zulip_email            explicit bot e-mail instead
              zulip_bot_api_key      the bot's API key
              zulip_stream           stream the message goes to
              zulip_topic            topic of the message
              zulip_tls_ca           CA file for a Zulip site with a private CA
              zulip_timeout          seconds to wait for Zulip (30)
              expected_backups       the expected list (./expected-backups)
              timezone               IANA zone that defines today (the local zone)
              LOG_LEVEL              trace, debug, info (default), warning, error

            Exit codes: 0 every expected backup ran; 1 mismatch; 2 configuration or
            usage error; 3 database error; 4 the message could not be delivered to
            Zulip (it was still printed).
            """,
        version: version,
        subcommands: [CheckCommand.self, DoctorCommand.self],
        defaultSubcommand: CheckCommand.self
    )

    static func main() {
        signal(SIGPIPE, SIG_IGN)
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let exitCode as ExitCode {
            Glibc.exit(exitCode.rawValue)
        } catch {
            // --help and --version arrive here as "errors" that succeed.
            if exitCode(for: error) == .success {
                StandardStreams.writeOutput(fullMessage(for: error) + "\n")
                Glibc.exit(0)
            }
            StandardStreams.writeError(fullMessage(for: error) + "\n")
            Glibc.exit(ExitStatus.usage.rawValue)
        }
    }
}

/// Options every subcommand reads settings with.
struct SettingsOptions: ParsableArguments {
    @Option(name: .customLong("env-file"),
            help: ArgumentHelp("Read settings from this .env file (default: ./.env when present).", valueName: "path"))
    var envFile: String?

    @Option(name: .customLong("expected"),
            help: ArgumentHelp("The expected-backups list (overrides expected_backups).", valueName: "path"))
    var expected: String?

    @Option(name: .customLong("date"), help: ArgumentHelp("Check this day instead of today.", valueName: "YYYY-MM-DD"))
    var date: String?

    /// The day given with --date, checked.
    func day() throws -> CalendarDay? {
        guard let date else { return nil }
        guard let day = CalendarDay(parsing: date) else {
            throw ValidationError("--date must be a real day written YYYY-MM-DD, not \"\(date.prefix(40))\"")
        }
        return day
    }

    /// Flags, the environment and the .env file; a broken .env file exits with 2.
    func sources() throws -> ConfigurationSources {
        var flags: [String: String] = [:]
        if let expected { flags["expected_backups"] = expected }
        do {
            return ConfigurationSources(flags: flags, environment: ConfigurationSources.processEnvironment(),
                                        file: try ConfigurationSources.dotEnvValues(path: envFile))
        } catch {
            StandardStreams.writeError("backup-checker: \(error)\n")
            throw ExitCode(ExitStatus.usage.rawValue)
        }
    }
}

extension Check.Format: ExpressibleByArgument {}
