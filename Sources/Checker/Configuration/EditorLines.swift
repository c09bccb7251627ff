extension String {
    /// The lines of a file as any editor writes it, numbered from 1 by position: a UTF-8 byte
    /// order mark at the start is skipped and CRLF is read as LF (both are what Windows editors
    /// write). Only LF and CRLF end a line; a lone CR stays in its line, where the reader
    /// refuses it as a control character rather than guess what it meant.
    var editorLines: [Substring] {
        var text = Substring(self)
        if text.unicodeScalars.first == "\u{FEFF}" { text = text.dropFirst() }
        return text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
    }
}
