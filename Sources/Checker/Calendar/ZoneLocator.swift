import Glibc
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
    public enum Failure: Error, Equatable, Sendable {
        /// Not a zone name of the tz database on this system.
        case unknown(String)
        /// The zone's file exists but cannot be used.
        case unreadable(name: String, reason: String)
    }

    /// The IANA zone `name` (e.g. "Europe/Berlin"), from its TZif file; "UTC" needs none.
    public func zone(named name: String) throws(Failure) -> TimeZone {
        guard ZoneLocator.isZoneName(name) else { throw .unknown(name) }
        for directory in directories {
            let contents: LocalFile.Contents
            do {
                contents = try LocalFile.read(directory + "/" + name, limit: 1 << 20)
            } catch {
                continue
            }
            do {
                return try TimeZone(name: name, tzif: contents.bytes)
            } catch {
                throw .unreadable(name: name, reason: error.reason)
            }
        }
        if name == "UTC" || name == "Etc/UTC" { return .utc }
        throw .unknown(name)
    }

    /// The zone this process uses when none is configured: TZ (a zone name, a path after ":",
    /// or a POSIX rule), else the zone /etc/localtime holds, else UTC — as glibc decides.
    public func processZone() -> TimeZone {
        if var tz = processTZ, !tz.isEmpty {
            if tz.hasPrefix(":") { tz.removeFirst() }
            if tz.hasPrefix("/") { return (try? file(tz, name: tz)) ?? .utc }
            if let zone = try? zone(named: tz) { return zone }
            return (try? TimeZone(name: tz, posixRule: tz)) ?? .utc
        }
        let name = localtimeName() ?? "localtime"
        return (try? file(localtimePath, name: name)) ?? .utc
    }

    /// The zone name /etc/localtime links to ("Europe/Berlin"), if it is a link into a zoneinfo tree.
    private func localtimeName() -> String? {
        var buffer = [CChar](repeating: 0, count: 512)
        let count = readlink(localtimePath, &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        let target = String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return target.after("zoneinfo/").map(String.init)
    }

    private func file(_ path: String, name: String) throws -> TimeZone {
        try TimeZone(name: name, tzif: LocalFile.read(path, limit: 1 << 20).bytes)
    }

    /// True for a name that can only be a file below the zone directories: letters, digits,
    /// "/", "_", "-", "+", no "." or ".." component, not absolute, at most 64 bytes.
    static func isZoneName(_ name: String) -> Bool {
        guard !name.isEmpty, name.utf8.count <= 64, !name.hasPrefix("/") else { return false }
        return name.isASCIIWord(allowing: "/_-+") && !name.split(separator: "/", omittingEmptySubsequences: false).contains { $0.isEmpty }
    }
}
