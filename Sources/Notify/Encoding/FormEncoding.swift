import TextRules

/// application/x-www-form-urlencoded bodies, as Zulip's API takes them.
package enum FormEncoding {
    /// `name=value&…`, each part percent-encoded (spaces as "+").
    package static func encode(_ fields: [(String, String)]) -> [UInt8] {
        var output: [UInt8] = []
        for (index, (name, value)) in fields.enumerated() {
            if index > 0 { output.append(UInt8(ascii: "&")) }
            append(name, to: &output)
            output.append(UInt8(ascii: "="))
            append(value, to: &output)
        }
        return output
    }

    private static func append(_ text: String, to output: inout [UInt8]) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                 UInt8(ascii: "_"), UInt8(ascii: "*"):
                output.append(byte)
            case UInt8(ascii: " "):
                output.append(UInt8(ascii: "+"))
            default:
                output.append(UInt8(ascii: "%"))
                output.append(contentsOf: byte.hexadecimal(width: 2, uppercase: true).utf8)
            }
        }
    }
}
