/// What happened to one target today.
public enum Verdict: String, Sendable, Comparable {
    /// Expected, and at least one row says `success`.
    case ok
    /// Expected, has rows, none successful.
    case failed
    /// Expected, no row at all.
    case missing
    /// Succeeded but is not on the expected list.
    case unexpected

    public static func < (lhs: Verdict, rhs: Verdict) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// The comparison of the expected list with today's rows, as the seed made it (a symmetric
/// difference of expected and done targets) plus a verdict per target.
public struct BackupDiff: Equatable, Sendable {
    /// Expected targets, sorted.
    public let expected: [String]
    /// Targets with a successful row today, sorted.
    public let done: [String]
    /// Targets in exactly one of the two lists, sorted.
    public let difference: [String]
    /// Every target that is expected or has a row, with its verdict, sorted by target.
    public let verdicts: [(target: String, verdict: Verdict)]

    public static func == (lhs: BackupDiff, rhs: BackupDiff) -> Bool {
        lhs.expected == rhs.expected && lhs.done == rhs.done && lhs.difference == rhs.difference
            && lhs.verdicts.elementsEqual(rhs.verdicts) { $0 == $1 }
    }

    /// True when every expected target is done and nothing unexpected is.
    public var isMatch: Bool { difference.isEmpty }

    /// `rows` are (target, status) pairs of today's rows in table order.
    public init(expected expectedTargets: [String], rows: [(target: String, status: String)]) {
        let expectedSet = Set(expectedTargets)
        var doneSet = Set<String>()
        var seen = Set<String>()
        for row in rows {
            seen.insert(row.target)
            if row.status == "success" { doneSet.insert(row.target) }
        }
        expected = expectedSet.sortedByCodePoints()
        done = doneSet.sortedByCodePoints()
        difference = expectedSet.symmetricDifference(doneSet).sortedByCodePoints()
        var verdicts: [(String, Verdict)] = []
        for target in expectedSet.union(doneSet).sortedByCodePoints() {
            if !expectedSet.contains(target) {
                verdicts.append((target, .unexpected))
            } else if doneSet.contains(target) {
                verdicts.append((target, .ok))
            } else if seen.contains(target) {
                verdicts.append((target, .failed))
            } else {
                verdicts.append((target, .missing))
            }
        }
        self.verdicts = verdicts
    }
}

extension Sequence<String> {
    /// Sorted as Python sorts strings: by Unicode code points, without normalisation.
    func sortedByCodePoints() -> [String] {
        sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) { $0.value < $1.value } }
    }
}
