import Foundation

/// The behaviours a stand-in server follows, one per request in order; the last repeats.
package final class ScriptedBehaviors<Behavior: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var script: [Behavior]
    private let fallback: Behavior

    package init(_ script: [Behavior], fallback: Behavior) {
        self.script = script
        self.fallback = fallback
    }

    /// The behaviour for the next request.
    package func next() -> Behavior {
        lock.lock()
        defer { lock.unlock() }
        return script.count > 1 ? script.removeFirst() : (script.first ?? fallback)
    }
}
