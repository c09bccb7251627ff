extension String {
    /// This text with each character for which `replacement` gives text replaced by that text,
    /// every other kept: the one loop behind HTML entities, JSON string escapes and Python's
    /// `repr`, each of which keeps its own table.
    package func escaped(by replacement: (Unicode.Scalar) -> String?) -> String {
        var output = ""
        output.reserveCapacity(utf8.count)
        for scalar in unicodeScalars {
            if let text = replacement(scalar) {
                output += text
            } else {
                output.unicodeScalars.append(scalar)
            }
        }
        return output
    }
}
