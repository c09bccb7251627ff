/// The entries of a notify_urls value, split as apprise's `parse_urls` splits them, with one
/// difference: at commas followed by the next `scheme://`, so that a comma inside a URL
/// (`?to=a@x,b@y`) stays in it, and at white space always. apprise glues a mistyped next
/// entry (`mailto:/u:pw@h`) to the URL before it, whose host would then get its password; a
/// URL holds no white space, so here that entry stands alone and is refused by position.
/// Text before the first URL, or an entry without `://`, is an entry of its own (and then not
/// a URL).
package enum NotifyURLList {
    package static func split(_ text: String) -> [String] {
        let scalars = Array(text.unicodeScalars)
        func isSeparator(_ scalar: Unicode.Scalar) -> Bool { scalar == "," || scalar.properties.isWhitespace }
        func startsURL(at index: Int) -> Bool {
            var end = index
            while end < scalars.count, end - index < 32, isSchemeScalar(scalars[end]) { end += 1 }
            return end > index && end + 2 < scalars.count && scalars[end] == ":" && scalars[end + 1] == "/"
                && scalars[end + 2] == "/"
        }
        var entries: [String] = []
        var current = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            if isSeparator(scalars[index]) {
                var next = index
                var spaced = false
                while next < scalars.count, isSeparator(scalars[next]) {
                    spaced = spaced || scalars[next] != ","
                    next += 1
                }
                if spaced || next == scalars.count || startsURL(at: next) || !String(current).contains("://") {
                    if !current.isEmpty { entries.append(String(current)) }
                    current = String.UnicodeScalarView()
                    index = next
                    continue
                }
            }
            current.append(scalars[index])
            index += 1
        }
        if !current.isEmpty { entries.append(String(current)) }
        return entries
    }

    private static func isSchemeScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar))
    }
}
