/// What the checked day says of one target.
package enum Verdict: String, Sendable {
    /// As its schedule wants: a success on the day when due, or within its span for `every`.
    case ok
    /// Due, has rows on the day, none successful.
    case failed
    /// Due, no row on the day at all.
    case missing
    /// An `every N days` target without a success in the N days ending with the checked day.
    case overdue
    /// Succeeded on the day but is on no line of the list.
    case unexpected
    /// Listed, but its day list does not include the checked day.
    case notDue = "not due"

    /// True for the verdicts that make the run a mismatch.
    package var isProblem: Bool {
        switch self {
        case .ok, .notDue: return false
        case .failed, .missing, .overdue, .unexpected: return true
        }
    }
}
