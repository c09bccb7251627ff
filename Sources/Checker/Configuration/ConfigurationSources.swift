import Transport

/// Where settings come from, in order of precedence: command-line flags, the process
/// environment (handed down by the executable, which alone reads it), the .env file. Names
/// are the seed's lower-case ones (LOG_LEVEL's upper case); the other case also works.
public struct ConfigurationSources: Sendable {
    public var flags: [String: String]
    public var environment: [String: String]
    public var file: [String: String]

    public init(flags: [String: String] = [:], environment: [String: String] = [:], file: [String: String] = [:]) {
        self.flags = flags
        self.environment = environment
        self.file = file
    }

    /// The value of `name`, or nil when no source sets it.
    public func value(_ name: String) -> String? {
        if let value = flags[name] { return value }
        let spellings = [name, name.lowercased(), name.uppercased()]
        if let value = spellings.lazy.compactMap({ environment[$0] }).first {
            return ConfigurationSources.unquoted(value)
        }
        return spellings.lazy.compactMap { file[$0] }.first
    }

    /// `docker run --env-file` passes quotes through: a value wrapped in one pair of matching
    /// quotes is unwrapped.
    static func unquoted(_ value: String) -> String {
        guard value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first else {
            return value
        }
        return String(value.dropFirst().dropLast())
    }
}

/// A .env file as read: its values, and what is worth a warning about it.
public struct EnvFile: Sendable {
    public var values: [String: String]
    /// Set when the file may be read by users other than its owner, though it holds secrets.
    public var permissionWarning: String?

    /// Reads `path` when given (it must exist), otherwise `./.env` when present. Only a regular
    /// file is read (a FIFO would block forever); one that others may read gets a warning, as
    /// ssh gives for a private key.
    package static func load(path: String?) throws(ConfigurationError) -> EnvFile {
        let chosen = path ?? ".env"
        if path == nil && !LocalFile.exists(chosen) { return EnvFile(values: [:]) }
        let contents: LocalFile.Contents
        do {
            contents = try LocalFile.read(chosen, limit: 1 << 20)
        } catch {
            throw .file(purpose: "the env file", path: chosen, error)
        }
        let values = try DotEnv(parsing: String(decoding: contents.bytes, as: UTF8.self), source: chosen).values
        var warning: String?
        if contents.isWorldReadable || contents.isGroupReadable {
            warning = "\(chosen) holds secrets but is readable by \(contents.isWorldReadable ? "every user" : "its group") (mode \(String(contents.permissions, radix: 8))); run: chmod 600 \(chosen)"
        }
        return EnvFile(values: values, permissionWarning: warning)
    }
}
