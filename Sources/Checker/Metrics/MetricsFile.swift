import Glibc
import Transport

/// node_exporter's textfile collector reads every `*.prom` file of a folder at each scrape, so
/// the file must change all at once: the text goes to a temporary file in the same folder
/// (whose name the collector ignores), is flushed to disk, and is renamed over the old file.
/// The temporary file's name carries the run's random ID, so a leftover of an earlier run
/// killed mid-write (in a container every run is PID 1) never blocks this one; leftovers older
/// than an hour are removed. The temporary file is removed on every failure; the executable
/// removes it too when a signal ends the run mid-write.
public struct MetricsFile: MetricsPublisher {
    /// Leftover temporary files older than this many seconds are removed: no run takes that
    /// long, so nothing is writing them.
    public static let leftoverAge: Int64 = 3600

    public let path: String
    /// The temporary file's path, known before the run so that a signal handler can remove it.
    public let temporaryPath: String
    /// When the run started, in seconds since 1970: what "an hour old" is measured from.
    public let now: Int64

    public init(path: String, runID: RunID, now: Int64) {
        self.path = path
        self.now = now
        temporaryPath = MetricsFile.temporaryPath(for: path, runID: runID)
    }

    /// `DIR/.NAME.RUNID.tmp` beside `DIR/NAME`.
    public static func temporaryPath(for path: String, runID: RunID) -> String {
        let (folder, name) = LocalFile.split(path)
        return "\(folder).\(name).\(runID).tmp"
    }


    package func publish(_ text: String) throws(PublishError) {
        removeLeftovers()
        let fd = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard fd >= 0 else { throw .file(path: path, temporary: temporaryPath, step: .create, errno: errno) }
        var failure: (step: PublishError.FileStep, errno: Int32)?
        if let code = Descriptor.writeAll(fd, Array(text.utf8)) { failure = (.write, code) }
        if failure == nil && fsync(fd) != 0 { failure = (.flush, errno) }
        if close(fd) != 0 && failure == nil { failure = (.close, errno) }
        if failure == nil && rename(temporaryPath, path) != 0 { failure = (.rename, errno) }
        if let failure {
            unlink(temporaryPath)
            throw .file(path: path, temporary: temporaryPath, step: failure.step, errno: failure.errno)
        }
    }

    /// Removes `.NAME.*.tmp` regular files beside the file that were last changed more than
    /// `leftoverAge` seconds before the run; younger ones may belong to a run still writing.
    func removeLeftovers() {
        let (folder, name) = LocalFile.split(path)
        guard let directory = opendir(folder.isEmpty ? "." : folder) else { return }
        defer { closedir(directory) }
        let prefix = ".\(name)."
        while let entry = readdir(directory) {
            let entryName = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard entryName.hasPrefix(prefix), entryName.hasSuffix(".tmp"), entryName.count > prefix.count + 4 else { continue }
            let candidate = folder + entryName
            var info = stat()
            guard lstat(candidate, &info) == 0, info.st_mode & S_IFMT == S_IFREG,
                  Int64(info.st_mtim.tv_sec) < now - MetricsFile.leftoverAge else { continue }
            unlink(candidate)
        }
    }
}
