#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Where settings come from, in order of precedence: command-line flags, the process
/// environment, the .env file. Names are the seed's lower-case ones; upper case also works.
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
        let upper = name.uppercased()
        if let value = environment[name] ?? environment[upper] {
            return ConfigurationSources.unquoted(value)
        }
        return file[name] ?? file[upper]
    }

    /// `docker run --env-file` passes quotes through: a value wrapped in one pair of matching
    /// quotes is unwrapped.
    static func unquoted(_ value: String) -> String {
        guard value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first else {
            return value
        }
        return String(value.dropFirst().dropLast())
    }

    /// The environment of this process.
    public static func processEnvironment() -> [String: String] {
        var result: [String: String] = [:]
        var cursor = environ
        while let entry = cursor.pointee {
            let pair = String(cString: entry)
            if let equals = pair.firstIndex(of: "=") {
                result[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
            }
            cursor += 1
        }
        return result
    }

    /// Loads the .env file: `path` when given (it must exist), otherwise `./.env` when present.
    public static func dotEnvValues(path: String?) throws(CheckerError) -> [String: String] {
        let chosen = path ?? ".env"
        if path == nil && !FileReader.exists(chosen) { return [:] }
        let text = try FileReader.text(chosen, purpose: "the env file")
        return try DotEnv(parsing: text, source: chosen).values
    }
}
