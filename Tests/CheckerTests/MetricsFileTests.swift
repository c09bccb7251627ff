import Foundation
import Testing
import TestSupport
@testable import Checker

/// The textfile's failures, as cases: which step failed, with the system's errno.
@Suite("Metrics file")
struct MetricsFileTests {
    static let runID = RunID(bytes: Array(0..<16))

    @Test("a folder that is a regular file: creating the temporary file fails, by case and errno")
    func createFails() throws {
        let directory = try TemporaryDirectory()
        let plain = try directory.write("plain", "not a folder")
        let file = MetricsFile(path: plain + "/backup_checker.prom", runID: Self.runID, now: 0)
        #expect(throws: PublishError.file(path: file.path, temporary: file.temporaryPath, step: .create, errno: ENOTDIR)) {
            try file.publish("x 1\n")
        }
    }

    @Test("a path that is a folder: moving the file into place fails, and the temporary file is removed")
    func renameFails() throws {
        let directory = try TemporaryDirectory()
        let folder = directory.path + "/taken.prom"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        let file = MetricsFile(path: folder, runID: Self.runID, now: 0)
        #expect(throws: PublishError.file(path: folder, temporary: file.temporaryPath, step: .rename, errno: EISDIR)) {
            try file.publish("x 1\n")
        }
        #expect(!FileManager.default.fileExists(atPath: file.temporaryPath))
    }

    @Test("the words are made once, from the case")
    func words() {
        let error = PublishError.file(path: "/m/x.prom", temporary: "/m/.x.prom.1.tmp", step: .flush, errno: EIO)
        #expect(error.description == "cannot write the metrics file /m/x.prom: cannot flush /m/.x.prom.1.tmp: Input/output error")
        #expect(PublishError.file(path: "/m/x.prom", temporary: "/m/.t", step: .rename, errno: EISDIR).description
                == "cannot write the metrics file /m/x.prom: cannot rename it into place: Is a directory")
    }
}
