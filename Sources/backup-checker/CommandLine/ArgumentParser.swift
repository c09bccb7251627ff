import Checker

/// One option of a subcommand.
struct OptionSpec {
    /// The long name without dashes, e.g. "env-file".
    let name: String
    /// The value's placeholder, e.g. "path"; nil for a flag that takes no value.
    let valueName: String?
    let help: String
    /// The only values allowed, if limited.
    var allowed: [String]? = nil
}

/// One subcommand and its options.
struct CommandSpec {
    let name: String
    let abstract: String
    let options: [OptionSpec]

    /// "backup-checker check [--env-file <path>] … [--dry-run]".
    var usage: String {
        let parts = options.map { option in "[--\(option.name)\(option.valueName.map { " <\($0)>" } ?? "")]" }
        return "backup-checker \(name) " + parts.joined(separator: " ")
    }
}

/// What the command line asks for.
enum Invocation: Equatable {
    /// Help for the tool (nil) or for one subcommand.
    case help(String?)
    case version
    /// A subcommand with its options' values (flags map to "") and nothing else.
    case run(command: String, values: [String: String])
}

/// A command line that cannot be obeyed: what was wrong, a suggestion, and the usage to show.
struct UsageError: Error, Equatable {
    let message: String
    var suggestion: String?
    let command: String?
}

/// A small parser for a tool with subcommands: `--flag value` and `--flag=value`, `--help`
/// (and `-h`, and `help [subcommand]`) for the tool and each subcommand, `--version`, and for
/// an unknown or misspelt option the nearest known one as a suggestion.
struct ArgumentParser {
    let commands: [CommandSpec]
    /// The subcommand used when the first argument names none.
    let defaultCommand: String

    func parse(_ arguments: [String]) throws(UsageError) -> Invocation {
        var rest = arguments[...]
        if rest.first == "help" {
            rest = rest.dropFirst()
            guard let name = rest.first else { return .help(nil) }
            guard commands.contains(where: { $0.name == name }), rest.count == 1 else {
                throw UsageError(message: "unknown subcommand '\(name)'", suggestion: nearest(name, among: commands.map(\.name)),
                                 command: nil)
            }
            return .help(name)
        }
        var command = defaultCommand
        var explicit = false
        if let first = rest.first, !first.hasPrefix("-") {
            guard commands.contains(where: { $0.name == first }) else {
                throw UsageError(message: "unknown subcommand '\(first)'", suggestion: nearest(first, among: commands.map(\.name)),
                                 command: nil)
            }
            command = first
            explicit = true
            rest = rest.dropFirst()
        }
        guard let spec = commands.first(where: { $0.name == command }) else {
            throw UsageError(message: "unknown subcommand '\(command)'", command: nil)
        }
        var values: [String: String] = [:]
        while let argument = rest.popFirst() {
            if argument == "--help" || argument == "-h" { return .help(explicit ? command : nil) }
            if argument == "--version" { return .version }
            guard argument.hasPrefix("--"), argument.count > 2 else {
                throw UsageError(message: "unexpected argument '\(argument)'", command: command)
            }
            let body = argument.dropFirst(2)
            let name = String(body.prefix { $0 != "=" })
            let inline = body.contains("=") ? String(body.drop { $0 != "=" }.dropFirst()) : nil
            guard let option = spec.options.first(where: { $0.name == name }) else {
                let known = spec.options.map(\.name) + ["help", "version"]
                throw UsageError(message: "unknown option '--\(name)'", suggestion: nearest(name, among: known).map { "--" + $0 },
                                 command: command)
            }
            guard values[name] == nil else { throw UsageError(message: "'--\(name)' is given twice", command: command) }
            guard let valueName = option.valueName else {
                guard inline == nil else { throw UsageError(message: "'--\(name)' takes no value", command: command) }
                values[name] = ""
                continue
            }
            guard let value = inline ?? rest.popFirst() else {
                throw UsageError(message: "'--\(name)' needs a value <\(valueName)>", command: command)
            }
            if let allowed = option.allowed, !allowed.contains(value) {
                throw UsageError(message: "'\(value)' is not a value of '--\(name)': use one of \(allowed.joined(separator: ", "))",
                                 suggestion: nearest(value, among: allowed), command: command)
            }
            values[name] = value
        }
        return .run(command: command, values: values)
    }

    func nearest(_ word: String, among candidates: [String]) -> String? {
        Spelling.nearest(word, among: candidates)
    }
}
