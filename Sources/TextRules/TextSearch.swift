extension StringProtocol {
    /// True when `text` occurs in this text, compared byte for byte in UTF-8. The standard
    /// library's `contains(_:)` for strings lives in _StringProcessing, which brings the regex
    /// engine and 2.4 MB into a binary that never uses a regex.
    package func includes(_ text: String) -> Bool {
        let needle = Array(text.utf8)
        guard !needle.isEmpty else { return true }
        let haystack = Array(utf8)
        guard haystack.count >= needle.count else { return false }
        return (0...(haystack.count - needle.count)).contains { start in
            haystack[start..<(start + needle.count)].elementsEqual(needle)
        }
    }

    /// The text after the first occurrence of `marker`, or nil when it does not occur.
    package func after(_ marker: String) -> SubSequence? {
        let needle = Array(marker.utf8)
        var index = startIndex
        while index < endIndex {
            if self[index...].utf8.starts(with: needle) {
                return self[index...].dropFirst(marker.count)
            }
            index = self.index(after: index)
        }
        return nil
    }
}
