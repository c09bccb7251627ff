@testable import Notify

extension FuzzBodies {
    /// A notify_urls value: split into entries, each read as apprise would, and the error of
    /// one that cannot be read written out (it must never trap, whatever the bytes).
    package static func notifyURLs(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
        let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
        for entry in NotifyURLList.split(text) {
            do {
                _ = try DestinationURL.parse(entry).service
            } catch {
                _ = error.description
            }
        }
        return 0
    }
}
