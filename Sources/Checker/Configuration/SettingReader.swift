import Notify
import Transport

/// Reads settings by name from the sources and collects every problem, so that one run names
/// all of them at once, each once however often its setting is read. Any value with a control
/// character is refused: it would reach the log and the posted message raw.
struct SettingReader {
    let sources: ConfigurationSources
    private(set) var missing: [String] = []
    private(set) var problems: [SettingProblem] = []

    init(sources: ConfigurationSources) { self.sources = sources }

    /// The value, nil when unset or empty.
    mutating func optional(_ name: String) -> String? {
        guard let value = sources.value(name), !value.isEmpty else { return nil }
        guard !value.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
            problem(name, "\(name) contains a control character (a line break or tab, say), which is not allowed")
            return nil
        }
        return value
    }

    /// The value; when unset or empty, `name` is noted as missing.
    mutating func required(_ name: String) -> String {
        if sources.value(name)?.isEmpty ?? true {
            noteMissing(name)
            return ""
        }
        return optional(name) ?? ""
    }

    mutating func noteMissing(_ name: String) {
        if !missing.contains(name) { missing.append(name) }
    }

    mutating func problem(_ name: String, _ message: String) {
        let problem = SettingProblem(name: name, message: message)
        if !problems.contains(problem) { problems.append(problem) }
    }

    /// A number of seconds in (0, 86400].
    mutating func seconds(_ name: String, default fallback: Double) -> Double {
        guard let text = optional(name) else { return fallback }
        guard let value = Double(text), value > 0, value <= 86_400 else {
            problem(name, "\(name) must be a number of seconds between 0 and 86400, not \"\(text.prefix(40))\"")
            return fallback
        }
        return value
    }

    /// A whole number in `range`.
    mutating func integer(_ name: String, default fallback: Int, in range: ClosedRange<Int>) -> Int {
        guard let text = optional(name) else { return fallback }
        guard let value = Int(text), range.contains(value) else {
            problem(name, "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound), not \"\(text.prefix(40))\"")
            return fallback
        }
        return value
    }

    /// An http(s) URL; a plain http one only to a loopback host when it carries a credential.
    /// A URL that is itself the secret (a ping URL) is never repeated in a problem.
    mutating func url(_ name: String, carriesCredential: Bool, isSecret: Bool = false) -> SiteURL? {
        guard let text = optional(name) else { return nil }
        return check(url: text, name: name, carriesCredential: carriesCredential, isSecret: isSecret)
    }

    mutating func check(url text: String, name: String, carriesCredential: Bool, isSecret: Bool = false) -> SiteURL? {
        guard let url = SiteURL(text) else {
            let shown = isSecret ? "(the value is not shown: it is a credential)" : "not \"\(text.prefix(80))\""
            problem(name, "\(name) must be an http:// or https:// URL without user, query or fragment, \(shown)")
            return nil
        }
        if carriesCredential && !url.protectsCredentials {
            problem(name, "\(name) is plain http to \(url.host), which would send its credential unencrypted; use https (plain http is allowed only to a loopback address)")
            return nil
        }
        return url
    }

    /// A file that must be there and readable now (a CA file), so that a typo is a
    /// configuration error at once and not a failed connection later.
    mutating func existingFile(_ name: String) -> String? {
        guard let path = optional(name) else { return nil }
        do {
            _ = try LocalFile.read(path, limit: 16 << 20)
        } catch {
            problem(name, "\(name) \(path) \(error)")
            return nil
        }
        return path
    }
}
