import Foundation
import Testing
import TestSupport

/// The checker against a server that misbehaves at each step of the conversation: every case
/// must end in exit 3 with a clear error, within the read timeout plus a small margin.
@Suite("A misbehaving server")
struct MisbehavingServerTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var step: MisbehavingServer.Step
        var behavior: MisbehavingServer.Behavior
        var testDescription: String { "\(behavior.rawValue) \(step.rawValue)" }
    }

    static let cases = MisbehavingServer.Step.allCases.flatMap { step in
        MisbehavingServer.Behavior.allCases.map { Case(step: step, behavior: $0) }
    }

    static let readTimeout = 1.0
    static let margin = 2.0

    @Test("ends in exit 3 with a clear error, in time", arguments: cases)
    func misbehaves(testCase: Case) throws {
        let server = try MisbehavingServer(step: testCase.step, behavior: testCase.behavior)
        let directory = try TemporaryDirectory()
        let expected = try directory.write("expected", "mail.example.test\n")
        let stopwatch = Stopwatch()
        let result = try CheckerProcess.run(["--dry-run", "--date", "2024-10-18"], environment: [
            "db_host": "127.0.0.1", "db_port": String(server.port), "db_username": "checker",
            "db_password": SecretCanary.password, "database": "backups", "expected_backups": expected,
            "db_read_timeout": String(Self.readTimeout), "db_connect_timeout": "2", "db_tls": "disabled",
            "LOG_LEVEL": "trace", "TZ": "UTC",
        ])
        let elapsed = stopwatch.seconds
        #expect(result.status == 3, "\(result.stdout) \(result.stderr)")
        #expect(result.stdout.hasPrefix("something went wrong\ndatabase error: "))
        #expect(elapsed < Self.readTimeout + Self.margin, "took \(elapsed) s")
        #expect(!result.stderr.contains("Fatal error") && !result.stderr.contains("crashed"))
        SecretCanary.expectAbsent(in: [result.stdout, result.stderr])
        MisbehavingServerTests.record(testCase, elapsed: elapsed, maxRSS: result.maxRSSKiB, message: result.stdout)
        // Bounded memory: the client never allocates what a length field merely claims.
        #expect(result.maxRSSKiB < 64 * 1024, "the checker peaked at \(result.maxRSSKiB) KiB")
    }

    @Test("a server that stops answering is named by the step it stopped in: the login or the query's rows", arguments: [
        (MisbehavingServer.Step.beforeGreeting, "timed out after 1 s during login: waiting for 127.0.0.1:PORT to answer",
         "the server did not finish the login within db_connect_timeout"),
        (.duringAuth, "timed out after 1 s during login: waiting for 127.0.0.1:PORT to answer",
         "the server did not finish the login within db_connect_timeout"),
        (.afterQuery, "timed out after 1 s waiting for the rows of the query from 127.0.0.1:PORT",
         "the query's rows did not all arrive within db_read_timeout"),
        (.midRows, "timed out after 1 s waiting for the rows of the query from 127.0.0.1:PORT",
         "the query's rows did not all arrive within db_read_timeout"),
    ])
    func timeoutNamesTheStep(step: MisbehavingServer.Step, message: String, hint: String) throws {
        let server = try MisbehavingServer(step: step, behavior: .stall)
        let directory = try TemporaryDirectory()
        let expected = try directory.write("expected", "mail.example.test\n")
        let result = try CheckerProcess.run(["--dry-run", "--date", "2024-10-18"], environment: [
            "db_host": "127.0.0.1", "db_port": String(server.port), "db_username": "checker",
            "db_password": SecretCanary.password, "database": "backups", "expected_backups": expected,
            "db_read_timeout": String(Self.readTimeout), "db_connect_timeout": "2", "db_tls": "disabled", "TZ": "UTC",
        ])
        let text = message.replacingOccurrences(of: "PORT", with: String(server.port))
        #expect(result.status == 3, "\(result.stdout) \(result.stderr)")
        #expect(result.stdout == "something went wrong\ndatabase error: \(text)\n", "\(result.stdout)")
        #expect(result.stderr.contains("hint: \(hint)"), "\(result.stderr)")
    }

    /// Appends each case's time and message to $BC_FAULT_LOG when set (for the closing note).
    static func record(_ testCase: Case, elapsed: Double, maxRSS: Int, message: String) {
        guard let path = ProcessInfo.processInfo.environment["BC_FAULT_LOG"],
              let handle = FileHandle(forWritingAtPath: path) ?? {
                  _ = FileManager.default.createFile(atPath: path, contents: nil)
                  return FileHandle(forWritingAtPath: path)
              }() else { return }
        handle.seekToEndOfFile()
        let line = String(format: "%-32@ %5.2f s %6d KiB  %@\n", testCase.testDescription as NSString, elapsed, maxRSS,
                          message.split(separator: "\n").dropFirst().first.map(String.init) ?? "")
        handle.write(Data(line.utf8))
        handle.closeFile()
    }
}

/// Recognisable secrets that must never appear in any output.
enum SecretCanary {
    static let password = "Pw-Canary-7f3a9e1d"
    static let apiKey = "Key-Canary-c0ffee42"

    static func expectAbsent(in texts: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        for text in texts {
            #expect(!text.contains(password), "the password leaked", sourceLocation: sourceLocation)
            #expect(!text.contains(apiKey), "the API key leaked", sourceLocation: sourceLocation)
        }
    }
}
