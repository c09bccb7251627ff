import Notify

/// Where the message goes: Zulip, or an in-memory stand-in in tests.
package protocol Notifier {
    /// The most code points one message may have. The service may be asked when `length`
    /// (the whole message, fenced) is above what it keeps by default.
    func messageLimit(forLength length: Int) -> Int
    /// Posts one message.
    func post(_ content: String) throws(DeliveryError)
}

/// A dead man's switch told when a run starts (on a thread of its own, beside the check) and
/// how it ended.
package protocol RunMonitor: Sendable {
    func started() throws(DeliveryError)
    /// `report` is the heartbeat's body (`CheckOutcome.heartbeatReport`), `headline` its first
    /// line, `milliseconds` how long the run took.
    func finished(status: ExitStatus, report: String, headline: String, milliseconds: Int64) throws(DeliveryError)
}

/// Somewhere the metrics text goes: a textfile for node_exporter, a Pushgateway.
package protocol MetricsPublisher {
    func publish(_ text: String) throws(PublishError)
}

extension ZulipClient: Notifier {
    /// The smallest limit taken from a server: a smaller one (a misconfigured or hostile
    /// server) would split the report into a flood of messages.
    static let smallestMessageLimit = 1_000

    package func messageLimit(forLength length: Int) -> Int {
        guard length > ZulipClient.defaultMaxMessageLength else { return ZulipClient.defaultMaxMessageLength }
        let asked = (try? maxMessageLength()) ?? ZulipClient.defaultMaxMessageLength
        return max(asked, ZulipClient.smallestMessageLimit)
    }

    package func post(_ content: String) throws(DeliveryError) {
        try post(content: content)
    }
}

extension HeartbeatClient: RunMonitor {
    package func started() throws(DeliveryError) { try start() }

    package func finished(status: ExitStatus, report: String, headline: String, milliseconds: Int64) throws(DeliveryError) {
        try finish(Ending(exitStatus: status.rawValue, headline: headline, body: report, milliseconds: milliseconds))
    }
}

extension PushgatewayClient: MetricsPublisher {
    package func publish(_ text: String) throws(PublishError) {
        do { try push(text) } catch { throw .push(error) }
    }
}
