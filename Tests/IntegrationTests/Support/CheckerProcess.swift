import Foundation
import Testing
import TestSupport

/// Runs the built backup-checker binary as a separate process, watching its peak memory
/// (VmHWM of /proc/PID/status, sampled while it runs: wait4's ru_maxrss would include the
/// test process's own memory, which a spawned child inherits until its exec).
struct CheckerProcess {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        /// Peak resident memory of the checker, in KiB, as last sampled.
        var maxRSSKiB: Int
    }

    static var binary: String {
        ProcessInfo.processInfo.environment["BC_BINARY"] ?? root + "/.build/debug/backup-checker"
    }

    /// Runs with exactly `environment` (plus PATH) in `directory`.
    static func run(_ arguments: [String], environment: [String: String], directory: URL? = nil) throws -> Result {
        #expect(FileManager.default.isExecutableFile(atPath: binary), "build the binary first (scripts/test does)")
        let result = try RunningChecker(arguments, environment: environment, directory: directory).wait()
        return Result(status: result.status, stdout: result.stdout, stderr: result.stderr, maxRSSKiB: result.maxRSSKiB)
    }

    /// VmHWM of a running process, in KiB; 0 once it is gone.
    static func highWaterMark(_ pid: pid_t) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return 0 }
        return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") ?? 0
    }
}

extension CheckerProcess {
    /// The repository's root.
    static var root: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().path
    }
}

/// The checker started as a process that the test watches while it runs (signals).
final class RunningChecker: @unchecked Sendable {
    /// The spawned process: the checker, or the wrapper in front of it.
    let pid: pid_t
    /// Guards the output, and is signalled whenever more of it arrives or a stream ends.
    private let lock = NSCondition()
    private var out: [UInt8] = []
    private var err: [UInt8] = []
    /// The highest VmHWM seen while draining, in KiB.
    private var peak = 0
    private let drained = DispatchSemaphore(value: 0)

    /// Spawns `wrapper + [binary] + arguments` with exactly `environment` (plus PATH), in
    /// `directory` when given (a shell changes to it and then becomes the checker, so the pid
    /// and the memory watched are the checker's own).
    init(_ arguments: [String], environment: [String: String], wrapper: [String] = [], directory: URL? = nil) throws {
        var outPipe: [Int32] = [0, 0]
        var errPipe: [Int32] = [0, 0]
        guard pipe(&outPipe) == 0, pipe(&errPipe) == 0 else { throw TestFailure("pipe failed") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        for fd in outPipe + errPipe { posix_spawn_file_actions_addclose(&actions, fd) }
        var env = environment
        env["PATH"] = "/usr/bin:/bin"
        var command = wrapper + [CheckerProcess.binary] + arguments
        if let directory { command = ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", directory.path] + command }
        let argv = command.map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, command[0], &actions, nil, argv, envp)
        close(outPipe[1])
        close(errPipe[1])
        guard spawned == 0 else { throw TestFailure("posix_spawn failed: \(spawned)") }
        self.pid = pid
        let (outFD, errFD) = (outPipe[0], errPipe[0])
        Thread { [self] in
            var open = [outFD, errFD]
            var buffer = [UInt8](repeating: 0, count: 65536)
            while open.contains(where: { $0 >= 0 }) {
                var fds = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
                let sample = CheckerProcess.highWaterMark(self.pid)
                lock.lock()
                peak = max(peak, sample)
                lock.unlock()
                guard poll(&fds, nfds_t(fds.count), 5) > 0 else { continue }
                for index in 0..<2 where open[index] >= 0 && fds[index].revents != 0 {
                    let count = read(open[index], &buffer, buffer.count)
                    if count > 0 {
                        lock.lock()
                        if index == 0 { out += buffer[0..<count] } else { err += buffer[0..<count] }
                        lock.broadcast()
                        lock.unlock()
                    } else {
                        close(open[index])
                        open[index] = -1
                        lock.lock()
                        lock.broadcast()
                        lock.unlock()
                    }
                }
            }
            drained.signal()
        }.start()
    }

    /// What it printed on stdout so far.
    var stdout: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: out, as: UTF8.self)
    }

    /// Waits until stdout starts with `text` (the checker wrote it, and this side read it from
    /// the pipe), or at most `seconds`; true when it does. What the checker wrote before an
    /// event the test saw elsewhere (a request at a server) may still be in the pipe.
    func waitForStdout(prefix text: String, seconds: Double = 10) -> Bool {
        let deadline = Date(timeIntervalSinceNow: seconds)
        lock.lock()
        defer { lock.unlock() }
        while !String(decoding: out, as: UTF8.self).hasPrefix(text) {
            guard lock.wait(until: deadline) else { return String(decoding: out, as: UTF8.self).hasPrefix(text) }
        }
        return true
    }

    /// The host pid of the process's first child (the checker, behind `unshare --fork`).
    var childPID: pid_t? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/task/\(pid)/children", encoding: .utf8) else { return nil }
        return text.split(separator: " ").first.flatMap { pid_t($0) }
    }

    /// Waits for the end; the exit status (128 + signal when killed), stdout, stderr and the
    /// peak resident memory seen.
    func wait() -> (status: Int32, stdout: String, stderr: String, maxRSSKiB: Int) {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        drained.wait()
        lock.lock()
        defer { lock.unlock() }
        let exit = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return (exit, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self), peak)
    }
}
