/// The seed's comparison: the targets due on the checked day against the ones done, and
/// their symmetric difference. A listed target that is not due that day (its day list does not
/// match, or it runs every N days) may run without being counted; only a target on no line of
/// the list is unexpected.
package struct BackupDiff: Equatable, Sendable {
    /// Targets due on the day, sorted as Python sorts strings.
    package let expected: [String]
    /// Targets with a successful row on the day, except listed ones that are not due, sorted.
    package let done: [String]
    /// Targets in exactly one of the two lists, sorted.
    package let difference: [String]

    /// True when the due targets and the done ones are the same.
    package var isMatch: Bool { difference.isEmpty }

    package init(due: Set<String>, listed: Set<String>, succeeded: Set<String>) {
        let done = succeeded.subtracting(listed.subtracting(due))
        expected = due.sortedByCodePoints()
        self.done = done.sortedByCodePoints()
        difference = due.symmetricDifference(done).sortedByCodePoints()
    }
}

extension String {
    /// True when this string sorts before `other` as Python sorts strings: by Unicode code
    /// points, without normalisation.
    func precedesByCodePoints(_ other: String) -> Bool {
        unicodeScalars.lexicographicallyPrecedes(other.unicodeScalars) { $0.value < $1.value }
    }
}

extension Sequence<String> {
    /// Sorted as Python sorts strings.
    func sortedByCodePoints() -> [String] { sorted { $0.precedesByCodePoints($1) } }
}
