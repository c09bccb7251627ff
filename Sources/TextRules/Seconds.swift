/// Seconds as a person writes them: "5", "0.5" (timeouts in messages).
package func formatSeconds(_ value: Double) -> String {
    if value == value.rounded() && abs(value) < 1e9 { return String(Int(value)) }
    return String(value)
}
