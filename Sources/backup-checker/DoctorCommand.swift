import ArgumentParser
import Checker

/// `backup-checker doctor`: try the database and Zulip, post nothing, say what to fix.
struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Connect to the database and to Zulip without posting, and say what works and what to change.")

    @OptionGroup var settingsOptions: SettingsOptions

    func run() throws {
        let doctor = Doctor(sources: try settingsOptions.sources(), day: try settingsOptions.day())
        let status = doctor.run { StandardStreams.writeOutput($0 + "\n") }
        throw ExitCode(status.rawValue)
    }
}
