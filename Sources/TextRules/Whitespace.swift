extension StringProtocol {
    /// The text without leading and trailing white space (spaces, tabs, line breaks and the
    /// other Unicode spaces), as Python's `str.strip()` removes it: for .env values, list
    /// lines, table cells and HTTP header values alike.
    package func trimmingWhitespace() -> SubSequence {
        var start = startIndex
        var end = endIndex
        while start < end, self[start].isWhitespace { start = index(after: start) }
        while end > start, self[index(before: end)].isWhitespace { end = index(before: end) }
        return self[start..<end]
    }
}
