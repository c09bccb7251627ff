import TextRules

/// A parsed .env file: `NAME=value` lines as python-dotenv reads them, so that one file serves
/// `docker run --env-file` and a local run alike.
///
/// - a byte order mark at the start is skipped and CRLF read as LF, as Windows editors write;
/// - blank lines and lines starting with `#` are ignored, `export NAME=value` is accepted;
/// - unquoted values end at ` #` (a comment) and are trimmed;
/// - 'single-quoted' values are literal, "double-quoted" ones understand \" \\ \n \t.
package struct DotEnv: Equatable, Sendable {
    /// Entries in file order; a later duplicate overrides an earlier one in `values`.
    package private(set) var entries: [(name: String, value: String, line: Int)]

    package static func == (lhs: DotEnv, rhs: DotEnv) -> Bool {
        lhs.entries.elementsEqual(rhs.entries) { $0 == $1 }
    }

    /// The last value for each name.
    package var values: [String: String] {
        var result: [String: String] = [:]
        for entry in entries { result[entry.name] = entry.value }
        return result
    }

    /// Parses `text`; a line that is not a setting throws with its line number.
    package init(parsing text: String, source: String = ".env") throws(ConfigurationError) {
        entries = []
        var number = 0
        for rawLine in text.editorLines {
            number += 1
            var line = rawLine.trimmingWhitespace()
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("export ") || line.hasPrefix("export\t") {
                line = line.dropFirst("export".count).trimmingWhitespace()
            }
            guard let equals = line.firstIndex(of: "=") else {
                throw .envFileLine(path: source, line: number, .notAssignment)
            }
            let name = String(line[..<equals].trimmingWhitespace())
            guard DotEnv.isValidName(name) else {
                throw .envFileLine(path: source, line: number, .notVariableName(String(name.prefix(40))))
            }
            let value = try DotEnv.parseValue(line[line.index(after: equals)...], source: source, line: number)
            entries.append((name, value, number))
        }
    }

    /// Letters, digits, "_" and ".", not starting with a digit.
    static func isValidName(_ name: String) -> Bool {
        name.isASCIIWord(allowing: "_.") && !(name.first?.isNumber ?? true)
    }

    private static func parseValue(_ raw: Substring, source: String, line: Int) throws(ConfigurationError) -> String {
        let value = raw.trimmingWhitespace()
        guard let quote = value.first, quote == "\"" || quote == "'" else {
            // Unquoted: a comment starts at a '#' after white space (a leading '#' is the value's).
            let end = value.trailingCommentStart(orFirst: false) ?? value.endIndex
            return String(value[..<end].trimmingWhitespace())
        }
        var result = ""
        var index = value.index(after: value.startIndex)
        while index < value.endIndex {
            let character = value[index]
            if character == quote {
                let rest = value[value.index(after: index)...].trimmingWhitespace()
                guard rest.isEmpty || rest.hasPrefix("#") else {
                    throw .envFileLine(path: source, line: line, .textAfterClosingQuote)
                }
                return result
            }
            if quote == "\"", character == "\\", value.index(after: index) < value.endIndex {
                index = value.index(after: index)
                switch value[index] {
                case "n": result.append("\n")
                case "t": result.append("\t")
                case "r": result.append("\r")
                case "\"": result.append("\"")
                case "\\": result.append("\\")
                default:
                    result.append("\\")
                    result.append(value[index])
                }
            } else {
                result.append(character)
            }
            index = value.index(after: index)
        }
        throw .envFileLine(path: source, line: line, .noClosingQuote(quote))
    }
}
