import TextRules

/// Text made safe inside HTML elements and attributes: `&`, `<`, `>`, `"` and `'` as
/// entities (Telegram's HTML, Matrix's formatted_body, an e-mail's HTML part).
package enum HTMLEscaping {
    package static func escape(_ text: String) -> String {
        text.escaped { scalar in
            switch scalar {
            case "&": return "&amp;"
            case "<": return "&lt;"
            case ">": return "&gt;"
            case "\"": return "&quot;"
            case "'": return "&#39;"
            default: return nil
            }
        }
    }
}
