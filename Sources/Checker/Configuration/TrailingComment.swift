extension Substring {
    /// Where a trailing comment starts: the first `#` after white space, as the expected list
    /// and the .env file both write it ("target  mon-fri  # why", "NAME=value # why"), and at
    /// the very start when `orFirst` (a .env value may itself begin with `#`).
    func trailingCommentStart(orFirst: Bool) -> Index? {
        var previous: Character = orFirst ? " " : "x"
        for index in indices {
            if self[index] == "#", previous.isWhitespace { return index }
            previous = self[index]
        }
        return nil
    }
}
