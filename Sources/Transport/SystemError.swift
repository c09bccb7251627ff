import Glibc

/// The text of a C `errno` value, e.g. "Connection refused".
package func errnoText(_ code: Int32) -> String {
    guard let text = strerror(code) else { return "error \(code)" }
    return String(cString: text)
}
