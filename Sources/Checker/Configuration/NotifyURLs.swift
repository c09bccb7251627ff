import Notify
import TextRules

/// notify_urls: apprise URLs separated by spaces or commas, each read by Notify. An entry
/// that cannot be read is named by its position (from 1) and service, never shown.
enum NotifyURLs {
    static func read(_ reader: inout SettingReader) -> [DestinationURL] {
        guard let text = reader.optional(.notifyURLs) else { return [] }
        var destinations: [DestinationURL] = []
        for (index, entry) in NotifyURLList.split(text).enumerated() {
            do {
                let destination = try DestinationURL.parse(entry)
                guard destination.destination(options: DestinationOptions()) != nil else {
                    reader.problem("notify_urls", "notify_urls entry \(index + 1) (\(destination.service)): this build cannot send to \(destination.service) yet")
                    continue
                }
                destinations.append(destination)
            } catch {
                let service: String? = switch error {
                case let .malformed(service?, _), let .credentialOverPlainText(service, _): service
                default: scheme(of: entry).flatMap(DestinationURL.service(scheme:))
                }
                reader.problem("notify_urls", "notify_urls entry \(index + 1)\(service.map { " (\($0))" } ?? ""): \(error)")
            }
        }
        return destinations
    }

    /// The scheme of `entry`, when it starts with one.
    private static func scheme(of entry: String) -> String? {
        guard let end = entry.firstRange(of: "://")?.lowerBound else { return nil }
        let scheme = entry[..<end].trimmingWhitespace()
        return scheme.isASCIIWord() ? String(scheme) : nil
    }
}
