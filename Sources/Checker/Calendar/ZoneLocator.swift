import Glibc
import TextRules
import Transport

/// Where the tz database is and which zone this process calls local, as the executable found
/// them in the environment (TZDIR, TZ) and handed down: zones are then read from their TZif
/// files directly, and nothing here reads or changes process state.
public struct ZoneLocator: Sendable {
    /// Directories searched for zone files, in order (TZDIR first, as glibc does).
    public var directories: [String]
    /// The TZ variable, if set: a zone name (optionally after ":"), a path, or a POSIX rule.
    public var processTZ: String?
    /// The file that names the system's local zone.
    public var localtimePath: String

    public init(directories: [String] = ["/usr/share/zoneinfo"], processTZ: String? = nil,
                localtimePath: String = "/etc/localtime") {
        self.directories = directories
        self.processTZ = processTZ
        self.localtimePath = localtimePath
    }

    /// The locator for an environment: TZDIR's directory before the system's, and TZ.
    public init(environment: [String: String]) {
        var directories = ["/usr/share/zoneinfo"]
        if let custom = environment["TZDIR"], !custom.isEmpty { directories.insert(custom, at: 0) }
        self.init(directories: directories, processTZ: environment["TZ"])
    }

    /// Why a zone cannot be used.
    package enum Failure: Error, Equatable, Sendable {
        /// Not a zone name of the tz database on this system (nor, for TZ, a POSIX rule or an
        /// existing file).
        case unknown(String)
        /// The zone's file exists but this process may not read it: a matter of permissions.
        case permissionDenied(name: String, path: String)
        /// The zone's file exists but cannot be read.
        case unreadable(name: String, path: String, LocalFile.Failure)
        /// The zone's file was read but is not a zone.
        case invalid(name: String, TimeZone.Invalid)
    }

    /// The IANA zone `name` (e.g. "Europe/Berlin"), from its TZif file; "UTC" needs none.
    package func zone(named name: String) throws(Failure) -> TimeZone {
        guard ZoneLocator.isZoneName(name) else { throw .unknown(name) }
        for directory in directories {
            do {
                return try ZoneLocator.file(directory + "/" + name, name: name)
            } catch .unknown {
                continue  // not in this directory (or a directory such as "Europe"): the next one
            }
        }
        if name == "UTC" || name == "Etc/UTC" { return .utc }
        throw .unknown(name)
    }

    /// The zone this process uses when none is configured: TZ (a zone name, optionally after
    /// ":", a path, or a POSIX rule), else the zone /etc/localtime holds, else (no such file)
    /// UTC. A TZ that names no zone, file or rule is an error, never a silent UTC: the checked
    /// day would be the wrong one.
    package func processZone() throws(Failure) -> TimeZone {
        if var tz = processTZ, !tz.isEmpty {
            if tz.hasPrefix(":") { tz.removeFirst() }
            if tz.hasPrefix("/") { return try ZoneLocator.file(tz, name: tz) }
            do {
                return try zone(named: tz)
            } catch .unknown {
                guard let rule = try? TimeZone(name: tz, posixRule: tz) else { throw .unknown(tz) }
                return rule
            }
        }
        do {
            return try ZoneLocator.file(localtimePath, name: localtimeName() ?? "localtime")
        } catch .unknown {
            return .utc
        }
    }

    /// The zone name /etc/localtime links to ("Europe/Berlin"), if it is a link into a zoneinfo tree.
    private func localtimeName() -> String? {
        var buffer = [CChar](repeating: 0, count: 512)
        let count = readlink(localtimePath, &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        let target = String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return target.after("zoneinfo/").map(String.init)
    }

    /// The zone in the TZif file at `path`: a missing file (or a directory) is an unknown zone,
    /// one this process may not open a permission problem, one that is not TZif data invalid,
    /// anything else unreadable.
    private static func file(_ path: String, name: String) throws(Failure) -> TimeZone {
        let contents: LocalFile.Contents
        do {
            contents = try LocalFile.read(path, limit: 1 << 20)
        } catch {
            switch error {
            case .notFound, .notRegularFile: throw .unknown(name)
            case .permissionDenied: throw .permissionDenied(name: name, path: path)
            case .unreadable, .tooLarge: throw .unreadable(name: name, path: path, error)
            }
        }
        do {
            return try TimeZone(name: name, tzif: contents.bytes)
        } catch {
            throw .invalid(name: name, error)
        }
    }

    /// True for a name that can only be a file below the zone directories: letters, digits,
    /// "/", "_", "-", "+", no "." or ".." component, not absolute, at most 64 bytes.
    static func isZoneName(_ name: String) -> Bool {
        guard !name.isEmpty, name.utf8.count <= 64, !name.hasPrefix("/") else { return false }
        return name.isASCIIWord(allowing: "/_-+") && !name.split(separator: "/", omittingEmptySubsequences: false).contains { $0.isEmpty }
    }
}

extension ZoneLocator {
    /// A zone that cannot be used, in the words of the setting it came from (`timezone`, `TZ`).
    static func problem(_ failure: Failure, setting: String) -> String {
        switch failure {
        case let .unknown(name):
            return "\(setting) \"\(name.prefix(60))\" is not a known IANA time zone (e.g. Europe/Berlin, UTC)"
        case let .permissionDenied(name, path):
            return "\(setting) \(name.prefix(60)): this user may not read its zone file \(path.prefix(120)) (permission denied); make the tz database readable"
        case let .unreadable(name, path, failure):
            return "\(setting) \(name.prefix(60)) cannot be read: \(path) \(failure)"
        case let .invalid(name, invalid):
            return "\(setting) \(name.prefix(60)) cannot be read: \(invalid)"
        }
    }
}
