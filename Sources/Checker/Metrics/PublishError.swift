import Notify
import Transport

/// Why metrics could not be published.
package enum PublishError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The textfile at `path` could not be replaced: `step` failed with `errno`, on the
    /// temporary file `temporary` (or, for `.rename`, moving it into place).
    case file(path: String, temporary: String, step: FileStep, errno: Int32)
    case push(DeliveryError)

    /// The steps of replacing a file atomically.
    package enum FileStep: Equatable, Sendable {
        case create, write, flush, close, rename
    }

    package var description: String {
        switch self {
        case let .file(path, temporary, step, code):
            let what: String
            switch step {
            case .create: what = "cannot create \(temporary)"
            case .write: what = "cannot write \(temporary)"
            case .flush: what = "cannot flush \(temporary)"
            case .close: what = "cannot close \(temporary)"
            case .rename: what = "cannot rename it into place"
            }
            return "cannot write the metrics file \(path): \(what): \(errnoText(code))"
        case let .push(error): return error.description
        }
    }
}
