import Transport
@testable import MySQLWire
import Glibc

func readText(_ path: String) -> String? {
    guard let file = fopen(path, "rb") else { return nil }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let count = fread(&buffer, 1, buffer.count, file)
        if count <= 0 { break }
        bytes.append(contentsOf: buffer[0..<count])
    }
    return String(decoding: bytes, as: UTF8.self)
}

/// Predicates that name the case a test expects, for `#expect { … } throws: isMalformed`.
func isMalformed(_ error: any Error) -> Bool {
    if case .malformed = error as? MySQLError { return true }
    return false
}

func isUnsupported(_ error: any Error) -> Bool {
    if case .unsupported = error as? MySQLError { return true }
    return false
}
