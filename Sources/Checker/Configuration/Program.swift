/// The program that runs the check, as the executable names itself: its name and the
/// package's one version string. Handed down to the database (the `program_name` connection
/// attribute) and to every HTTP client (the User-Agent header); the libraries name no product.
package struct Program: Sendable, Equatable {
    package var name: String
    package var version: String

    package init(name: String, version: String) {
        self.name = name
        self.version = version
    }

    /// "backup-checker/0.2.0".
    package var userAgent: String { "\(name)/\(version)" }
}
