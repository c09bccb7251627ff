/// Text made safe inside HTML elements and attributes: `&`, `<`, `>`, `"` and `'` as
/// entities (Telegram's HTML, Matrix's formatted_body, an e-mail's HTML part).
package enum HTMLEscaping {
    package static func escape(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&#39;"
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output
    }
}
