import Glibc

/// SIGTERM and SIGINT end the run at once with 143 or 130, whatever it is doing: a process
/// that is PID 1 in a container ignores a signal it has no handler for, so `podman stop` would
/// otherwise wait and kill. Nothing half-made is posted: a request being written is cut off
/// before its end, which the server discards. A metrics file being written leaves no
/// temporary file behind.
enum Signals {
    /// The temporary metrics file to remove, as a C string made before the handler is
    /// installed (the handler may only call async-signal-safe functions).
    nonisolated(unsafe) private static var temporaryFile: UnsafeMutablePointer<CChar>?

    static func install(removing temporaryPath: String?) {
        temporaryFile = temporaryPath.flatMap { strdup($0) }
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { signal in
            if let path = Signals.temporaryFile { unlink(path) }
            _exit(128 + signal)
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGTERM, &action, nil)
        sigaction(SIGINT, &action, nil)
        // A parent may have started this process with the signals blocked (a blocked mask is
        // inherited across exec): unblock them, or the handler would never run.
        var handled = sigset_t()
        sigemptyset(&handled)
        sigaddset(&handled, SIGTERM)
        sigaddset(&handled, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &handled, nil)
        // A closed stdout must be an error of the write, not the death of the process.
        signal(SIGPIPE, SIG_IGN)
    }
}
