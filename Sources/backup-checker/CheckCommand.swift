import ArgumentParser
import Checker

/// The daily check (the default subcommand).
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Compare today's backups with the expected list, print and post the result (default).")

    @OptionGroup var settingsOptions: SettingsOptions

    @Flag(name: .customLong("dry-run"), help: "Print the message; post nothing to Zulip.")
    var dryRun = false

    @Option(name: .customLong("format"), help: ArgumentHelp("What stdout gets: text (the message) or json.", valueName: "text|json"))
    var format: Check.Format = .text

    func run() throws {
        let day = try settingsOptions.day()
        let sources = try settingsOptions.sources()
        let settings: Settings
        do {
            settings = try Settings(sources: sources, requireZulip: !dryRun)
        } catch {
            StandardStreams.writeError("backup-checker: \(error)\n")
            throw ExitCode(ExitStatus.usage.rawValue)
        }
        let check = Check(settings: settings, day: day, dryRun: dryRun, format: format,
                          logger: Logger(level: settings.logLevel))
        let status = check.run { StandardStreams.writeOutput($0 + "\n") }
        throw ExitCode(status.rawValue)
    }
}
