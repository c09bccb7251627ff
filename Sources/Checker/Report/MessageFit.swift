/// How a report is fitted to one service's message: the limit, how a part is wrapped for it
/// (Zulip's code fence; other destinations wrap their own and take it as it is), and how the
/// service counts a wrapped part (code points, UTF-8 bytes, the size of the request).
package struct MessageFit {
    package var limit: Int
    /// The service's name in the note on rows left out: "Zulip's limit of …".
    package var service: String
    /// What `size` counts, in that note: "characters", "bytes".
    package var unit: String
    package var wrap: (String) -> String
    package var size: (String) -> Int

    package init(limit: Int, service: String, unit: String, wrap: @escaping (String) -> String = { $0 },
                size: @escaping (String) -> Int) {
        self.limit = limit
        self.service = service
        self.unit = unit
        self.wrap = wrap
        self.size = size
    }
}
