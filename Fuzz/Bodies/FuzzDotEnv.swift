@testable import Checker

extension FuzzBodies {
    /// The .env parser and the settings built from what it found.
    package static func dotEnv(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
        let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
        if let parsed = try? DotEnv(parsing: text) {
            _ = try? Settings(sources: ConfigurationSources(file: parsed.values), requireZulip: true,
                              zones: ZoneLocator(directories: []))
        }
        return 0
    }
}
