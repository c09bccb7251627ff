import Checker
import Glibc

// The command line: `backup-checker [check]` runs the check, `backup-checker doctor`
// diagnoses the setup. Only here are argv and the environment read, signals handled and the
// exit code given; usage errors exit with 2.

func fail(_ error: UsageError) -> Never {
    var text = "backup-checker: error: \(error.message)\n"
    if let suggestion = error.suggestion { text += "Did you mean '\(suggestion)'?\n" }
    if let spec = Commands.all.first(where: { $0.name == error.command }) {
        text += "Usage: \(spec.usage)\n  See 'backup-checker \(spec.name) --help' for more information.\n"
    } else {
        text += "  See 'backup-checker --help' for more information.\n"
    }
    StandardStreams.writeError(text)
    exit(ExitStatus.usage.rawValue)
}

func configurationFailure(_ error: ConfigurationError) -> Never {
    StandardStreams.writeError("backup-checker: \(CheckerError.configuration(error))\n")
    exit(ExitStatus.usage.rawValue)
}

let invocation: Invocation
do {
    invocation = try Commands.parser.parse(Array(CommandLine.arguments.dropFirst()))
} catch {
    fail(error)
}
let command: String
let values: [String: String]
switch invocation {
case let .help(name):
    StandardStreams.writeOutput(Commands.help(name) + "\n")
    exit(0)
case .version:
    StandardStreams.writeOutput(Commands.version + "\n")
    exit(0)
case let .run(name, given):
    (command, values) = (name, given)
}

if command == "settings" {
    StandardStreams.writeOutput(Setting.all.map(\.listing).joined(separator: "\n") + "\n")
    exit(0)
}

var day: CalendarDay?
if let text = values["date"] {
    guard let parsed = CalendarDay(parsing: text) else {
        fail(UsageError(message: "--date must be a real day written YYYY-MM-DD, not \"\(text.prefix(40))\"", command: command))
    }
    day = parsed
}
let environment = ProcessEnvironment.read()
let envFile: EnvFile
do {
    envFile = try EnvFile.load(path: values["env-file"])
} catch {
    configurationFailure(error)
}
if let warning = envFile.permissionWarning { StandardStreams.writeError("backup-checker: warning: \(warning)\n") }
var flags: [String: String] = [:]
if let expected = values["expected"] { flags["expected_backups"] = expected }
let sources = ConfigurationSources(flags: flags, environment: environment, file: envFile.values)
let zones = ZoneLocator(environment: environment)
let caBundle = ProcessEnvironment.caBundle(environment)
let now = Int64(time(nil))
let runID = RunID.random()

if command == "doctor" {
    Signals.install(removing: nil)
    let doctor = Doctor(sources: sources, day: day, zones: zones, systemCAFile: caBundle, program: Commands.program)
    exit(doctor.run(now: now) { StandardStreams.writeOutput($0 + "\n") }.rawValue)
}

let dryRun = values["dry-run"] != nil
let settings: Settings
do {
    settings = try Settings(sources: sources, requireZulip: !dryRun, zones: zones, systemCAFile: caBundle,
                            program: Commands.program)
} catch {
    // The metrics still tell that this run failed, when their own settings can be read.
    if !dryRun {
        let metricsFile = MetricsSettings(sources: sources)?.file
        Signals.install(removing: metricsFile.map { MetricsFile.temporaryPath(for: $0, runID: runID) })
        StandardStreams.writeError("backup-checker: \(CheckerError.configuration(error))\n")
        Check.publishConfigurationFailure(sources: sources, systemCAFile: caBundle, program: Commands.program, logger: Logger(level: .info),
                                          runID: runID, now: now)
        exit(ExitStatus.usage.rawValue)
    }
    configurationFailure(error)
}
Signals.install(removing: dryRun ? nil : settings.metrics.file.map { MetricsFile.temporaryPath(for: $0, runID: runID) })
let check = Check.live(settings: settings, day: day, dryRun: dryRun, format: Check.Format(rawValue: values["format"] ?? "text") ?? .text,
                       logger: Logger(level: settings.logLevel), runID: runID, now: now)
exit(check.run(now: now) { StandardStreams.writeOutput($0 + "\n") }.rawValue)
