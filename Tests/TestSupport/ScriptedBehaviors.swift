import Foundation

/// The behaviours a stand-in server follows, one per request in order; the last repeats.
public final class ScriptedBehaviors<Behavior: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var script: [Behavior]
    private let fallback: Behavior

    public init(_ script: [Behavior], fallback: Behavior) {
        self.script = script
        self.fallback = fallback
    }

    /// The behaviour for the next request.
    public func next() -> Behavior {
        lock.lock()
        defer { lock.unlock() }
        return script.count > 1 ? script.removeFirst() : (script.first ?? fallback)
    }
}
