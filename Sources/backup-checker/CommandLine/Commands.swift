import Checker

/// The tool's subcommands, their options and their help.
enum Commands {
    /// The package's one version string; the libraries name no version of their own.
    static let version = "0.2.0"
    /// The tool as it names itself to the database and every HTTP service.
    static let program = Program(name: "backup-checker", version: version)

    static let settingsOptions = [
        OptionSpec(name: "env-file", valueName: "path", help: "Read settings from this .env file (default: ./.env when present)."),
        OptionSpec(name: "expected", valueName: "path", help: "The expected-backups list (overrides expected_backups)."),
        OptionSpec(name: "date", valueName: "YYYY-MM-DD", help: "Check this day instead of today."),
    ]

    static let check = CommandSpec(
        name: "check", abstract: "Compare today's backups with the expected list, print and post the result (default).",
        options: settingsOptions + [
            OptionSpec(name: "dry-run", valueName: nil,
                       help: "Print the message; post nothing to Zulip, ping no heartbeat, write no metrics."),
            OptionSpec(name: "format", valueName: "text|json", help: "What stdout gets: text (the message) or json.",
                       allowed: Check.Format.allCases.map(\.rawValue)),
        ])

    static let doctor = CommandSpec(
        name: "doctor",
        abstract: "Read the list, connect to the database, Zulip, the heartbeat and the Pushgateway without posting, and say what works and what to change.",
        options: settingsOptions)

    static let settings = CommandSpec(
        name: "settings",
        abstract: "List every setting, one a line: name, default (empty when none), kind, section, attributes (secret, file, or -) and help, separated by tabs.",
        options: [])

    static let all = [check, doctor, settings]

    static let parser = ArgumentParser(commands: all, defaultCommand: "check")

    /// The settings for the overview, from the table: name, help and default.
    static var settingsHelp: String {
        Setting.all.map { setting in
            let head = "  " + setting.name
            let padded = head.count < 25 ? head + String(repeating: " ", count: 25 - head.count) : head + " "
            var text = setting.help
            if !setting.choices.isEmpty { text += ": " + setting.choices.joined(separator: ", ") }
            if let value = setting.defaultValue { text += " (default: \(value))" }
            return padded + wrap(text, width: 80 - 25, indent: String(repeating: " ", count: 25))
        }.joined(separator: "\n")
    }

    static let overview = """
        OVERVIEW: Checks that today's scheduled backups ran and posts the result to
        Zulip.

        backup-checker [check] [--env-file PATH] [--expected PATH] [--date YYYY-MM-DD]
                       [--dry-run] [--format text|json]
        backup-checker doctor  [--env-file PATH] [--expected PATH] [--date YYYY-MM-DD]
        backup-checker settings

        Settings come from the environment and a .env file (./.env when present);
        the environment wins over the file, a flag over both. Names are lower
        case as below; upper case is accepted too.

        \(settingsHelp)

        The expected list has one target per line, optionally followed by its
        schedule: daily (the default), weekdays and days of the month (mon-fri,
        sat,sun, 1,15,last), or every N days.

        Exit codes: 0 every expected backup ran; 1 mismatch; 2 configuration or
        usage error; 3 database error; 4 the message could not be delivered to
        Zulip or to a notify_urls destination (it was still printed).
        """

    /// The help of the tool, or of one subcommand.
    static func help(_ name: String?) -> String {
        guard let spec = all.first(where: { $0.name == name }) else {
            return overview + """


                USAGE: backup-checker <subcommand>

                OPTIONS:
                  --version               Show the version.
                  -h, --help              Show help information.

                SUBCOMMANDS:
                \(describe(check.name + " (default)", check.abstract))
                \(describe(doctor.name, doctor.abstract))
                \(describe(settings.name, settings.abstract))

                  See 'backup-checker help <subcommand>' for detailed help.
                """
        }
        var lines = [wrap("OVERVIEW: " + spec.abstract, width: 80, indent: ""), "", "USAGE: " + spec.usage, "", "OPTIONS:"]
        for option in spec.options {
            let label = "--\(option.name)" + (option.valueName.map { " <\($0)>" } ?? "")
            let allowed = option.allowed.map { " (values: \($0.joined(separator: ", ")); default: \($0[0]))" } ?? ""
            lines.append(describe(label, option.help + allowed))
        }
        lines.append(describe("--version", "Show the version."))
        lines.append(describe("-h, --help", "Show help information."))
        return lines.joined(separator: "\n")
    }

    /// "  label                   text", the text wrapped at 80 columns under itself.
    private static func describe(_ label: String, _ text: String) -> String {
        let head = "  " + label
        let padded = head.count < 26 ? head + String(repeating: " ", count: 26 - head.count) : head + "\n" + String(repeating: " ", count: 26)
        return padded + wrap(text, width: 80 - 26, indent: String(repeating: " ", count: 26))
    }

    private static func wrap(_ text: String, width: Int, indent: String) -> String {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty && line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        lines.append(line)
        return lines.joined(separator: "\n" + indent)
    }
}
