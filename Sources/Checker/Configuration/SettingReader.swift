import Notify
import TextRules
import Transport

/// Reads settings of the table (`Setting`) from the sources and collects every problem, so
/// that one run names all of them at once, each once however often its setting is read. A
/// setting's default comes from the table and is read by the same rule as a value given.
/// Any value with a control character (ControlCharacters, the one set) is refused: it would reach the log and the posted
/// message raw.
struct SettingReader {
    let sources: ConfigurationSources
    private(set) var missing: [String] = []
    private(set) var problems: [SettingProblem] = []

    init(sources: ConfigurationSources) { self.sources = sources }

    /// The value, nil when unset or empty.
    mutating func optional(_ setting: Setting) -> String? {
        guard let value = sources.value(setting.name), !value.isEmpty else { return nil }
        guard !ControlCharacters.occur(in: value) else {
            problem(setting.name, "\(setting.name) contains a control character (a line break or tab, say), which is not allowed")
            return nil
        }
        return value
    }

    /// The value; when unset or empty, the setting is noted as missing.
    mutating func required(_ setting: Setting) -> String {
        if sources.value(setting.name)?.isEmpty ?? true {
            noteMissing(setting.name)
            return ""
        }
        return optional(setting) ?? ""
    }

    /// The value, else the table's default; nil when neither is there.
    mutating func text(_ setting: Setting) -> String? {
        optional(setting) ?? setting.defaultValue
    }

    mutating func noteMissing(_ name: String) {
        if !missing.contains(name) { missing.append(name) }
    }

    mutating func problem(_ name: String, _ message: String) {
        let problem = SettingProblem(name: name, message: message)
        if !problems.contains(problem) { problems.append(problem) }
    }

    /// Notes what `other` found, in its order, each once.
    mutating func note(_ other: SettingReader) {
        other.missing.forEach { noteMissing($0) }
        other.problems.forEach { problem($0.name, $0.message) }
    }

    /// Everything missing or wrong so far, as one error; nil when nothing is.
    var error: ConfigurationError? {
        missing.isEmpty && problems.isEmpty ? nil : .settings(missing: missing, problems: problems)
    }

    /// The value read by `parse`, else the table's default read the same way; nil when neither
    /// gives one. A value `parse` refuses is a problem saying it must be `expected`.
    mutating func value<Value>(_ setting: Setting, expected: String, shown: Int = 40,
                               _ parse: (String) -> Value?) -> Value? {
        if let text = optional(setting) {
            if let value = parse(text) { return value }
            problem(setting.name, "\(setting.name) must be \(expected), not \"\(text.prefix(shown))\"")
        }
        return setting.defaultValue.flatMap(parse)
    }

    /// A TCP port, 1-65535.
    mutating func port(_ setting: Setting) -> UInt16? {
        value(setting, expected: "a port number 1-65535") { UInt16($0).flatMap { $0 > 0 ? $0 : nil } }
    }

    /// A number of seconds in (0, 86400].
    mutating func seconds(_ setting: Setting) -> Double? {
        value(setting, expected: "a number of seconds between 0 and 86400") { text in
            Double(text).flatMap { $0 > 0 && $0 <= 86_400 ? $0 : nil }
        }
    }

    /// A whole number in `range`.
    mutating func integer(_ setting: Setting, in range: ClosedRange<Int>) -> Int? {
        value(setting, expected: "a whole number from \(range.lowerBound) to \(range.upperBound)") { text in
            Int(text).flatMap { range.contains($0) ? $0 : nil }
        }
    }

    /// One of the setting's choices (either case), made into a value by `make`.
    mutating func choice<Value>(_ setting: Setting, _ make: (String) -> Value?) -> Value? {
        value(setting, expected: "one of " + setting.choices.joined(separator: ", ")) { text in
            setting.choices.contains(text.lowercased()) ? make(text.lowercased()) : nil
        }
    }

    /// An http(s) URL whose user part, when it has one, is the service's basic-auth credential
    /// (then plain http only to a loopback host).
    mutating func authenticatedURL(_ setting: Setting, carriesCredential: Bool) -> (site: SiteURL, credentials: BasicCredentials?)? {
        guard let text = optional(setting) else { return nil }
        return checkURL(text, name: setting.name, carriesCredential: carriesCredential, userPartAdvice: nil)
    }

    mutating func check(url text: String, name: String, carriesCredential: Bool, userPartAdvice: String) -> SiteURL? {
        checkURL(text, name: name, carriesCredential: carriesCredential, userPartAdvice: userPartAdvice)?.site
    }

    /// No problem ever repeats the value: a URL is shown at most as scheme and host, since its
    /// user part, path or query may be a credential. `userPartAdvice` nil allows a user part.
    private mutating func checkURL(_ text: String, name: String, carriesCredential: Bool,
                                   userPartAdvice: String?) -> (site: SiteURL, credentials: BasicCredentials?)? {
        guard let (site, credentials) = SiteURL.parse(withUserPart: text) else {
            let shown = SiteURL.schemeAndHost(of: text).map { "given for \($0); the value is not shown" } ?? "the value is not shown"
            problem(name, "\(name) must be an http:// or https:// URL: a host, an optional port and a path of URL characters, without query or fragment (\(shown))")
            return nil
        }
        if credentials != nil, let userPartAdvice {
            problem(name, "\(name) has a user part (\(site.isTLS ? "https" : "http")://\(site.host)), which is not shown; \(userPartAdvice)")
            return nil
        }
        if (carriesCredential || credentials != nil) && !site.protectsCredentials {
            problem(name, "\(name) is plain http to \(site.host), which would send its credential unencrypted; use https (plain http is allowed only to a loopback address)")
            return nil
        }
        return (site, credentials)
    }

    /// A heartbeat monitor's ping URL (a query string allowed); plain http only to a loopback
    /// host. The URL is the credential: never repeated in a problem.
    mutating func heartbeatURL(_ setting: Setting) -> HeartbeatURL? {
        guard let text = optional(setting) else { return nil }
        guard let url = HeartbeatURL(text) else {
            problem(setting.name, "\(setting.name) must be an http:// or https:// URL without user or fragment (the value is not shown: it is a credential)")
            return nil
        }
        guard url.site.protectsCredentials else {
            problem(setting.name, "\(setting.name) is plain http to \(url.site.host), which would send its credential unencrypted; use https (plain http is allowed only to a loopback address)")
            return nil
        }
        return url
    }

    /// A file that must be there and readable now (a CA file), so that a typo is a
    /// configuration error at once and not a failed connection later. It is not read here:
    /// OpenSSL reads it when the TLS context is made, and a file it cannot load is then
    /// `TransportError.caFile`, naming the file.
    mutating func existingFile(_ setting: Setting) -> String? {
        guard let path = optional(setting) else { return nil }
        do throws(LocalFile.Failure) {
            try LocalFile.checkReadable(path)
        } catch {
            problem(setting.name, "\(setting.name) \(path) \(error)")
            return nil
        }
        return path
    }
}
