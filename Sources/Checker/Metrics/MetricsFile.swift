import Glibc

/// node_exporter's textfile collector reads every `*.prom` file of a folder at each scrape, so
/// the file must change all at once: the text goes to a temporary file in the same folder
/// (whose name the collector ignores), is flushed to disk, and is renamed over the old file.
/// The temporary file is removed on every failure; the executable removes it too when a
/// signal ends the run mid-write.
public struct MetricsFile: MetricsPublisher {
    public let path: String
    /// The temporary file's path, known before the run so that a signal handler can remove it.
    public let temporaryPath: String

    public init(path: String, processID: Int32) {
        self.path = path
        temporaryPath = MetricsFile.temporaryPath(for: path, processID: processID)
    }

    /// `DIR/.NAME.PID.tmp` beside `DIR/NAME`.
    public static func temporaryPath(for path: String, processID: Int32) -> String {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        return "\(folder).\(name).\(processID).tmp"
    }

    public var name: String { "the metrics file \(path)" }

    public func publish(_ text: String) throws(PublishError) {
        let fd = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard fd >= 0 else { throw .file(path: path, reason: "cannot create \(temporaryPath): \(MetricsFile.errorText())") }
        var failure: String?
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count && failure == nil {
            let count = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, bytes.count - offset) }
            if count > 0 {
                offset += count
            } else if count < 0 && errno != EINTR {
                failure = "cannot write \(temporaryPath): \(MetricsFile.errorText())"
            }
        }
        if failure == nil && fsync(fd) != 0 { failure = "cannot flush \(temporaryPath): \(MetricsFile.errorText())" }
        if close(fd) != 0 && failure == nil { failure = "cannot close \(temporaryPath): \(MetricsFile.errorText())" }
        if failure == nil && rename(temporaryPath, path) != 0 { failure = "cannot rename it into place: \(MetricsFile.errorText())" }
        if let failure {
            unlink(temporaryPath)
            throw .file(path: path, reason: failure)
        }
    }

    private static func errorText() -> String { String(cString: strerror(errno)) }
}
