import Foundation

extension RecordedRequest {
    /// The path without its query string.
    package var pathOnly: String { String(path.prefix { $0 != "?" }) }

    /// The query string's items, decoded (percent-escapes, "+" as a space), in order.
    package var queryItems: [(name: String, value: String)] {
        guard let mark = path.firstIndex(of: "?") else { return [] }
        return path[path.index(after: mark)...].split(separator: "&").map { pair in
            let items = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String {
                String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "\u{FFFD}"
            }
            return (decode(items[0]), items.count == 2 ? decode(items[1]) : "")
        }
    }

    /// The first value of the query item `name`, or nil.
    package func query(_ name: String) -> String? { queryItems.first { $0.name == name }?.value }
}
