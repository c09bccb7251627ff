import Glibc

/// Work on a thread of its own (a POSIX thread: no Foundation), joined with `wait()`. The
/// heartbeat's start ping runs on one, so that a slow monitor never holds up the check.
final class BackgroundTask: @unchecked Sendable {
    /// The work, kept alive until the thread has run it.
    private final class Work {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }

    private var thread: pthread_t
    private var joined = false

    /// Starts `body` on a new thread; nil when no thread can be made (the caller then runs it
    /// itself).
    init?(_ body: @escaping @Sendable () -> Void) {
        let work = Unmanaged.passRetained(Work(body)).toOpaque()
        var thread = pthread_t()
        let made = pthread_create(&thread, nil, { raw in
            guard let raw else { return nil }
            Unmanaged<Work>.fromOpaque(raw).takeRetainedValue().body()
            return nil
        }, work)
        guard made == 0 else {
            Unmanaged<Work>.fromOpaque(work).release()
            return nil
        }
        self.thread = thread
    }

    /// Waits until the work is done (once; later calls return at once).
    func wait() {
        guard !joined else { return }
        joined = true
        pthread_join(thread, nil)
    }

    deinit { wait() }
}
