import Testing
import TestSupport
@testable import Notify

/// Doctor's channel check against the Zulip stand-in: GET requests only, each answer read as
/// Zulip documents it, its errors included.
@Suite("Zulip channel access")
struct ZulipChannelAccessTests {
    @Test("exists, missing, private without the bot, who may post (policy, group id, anonymous group)", arguments: [
        ("ops", ZulipChannelAccess.mayPost(channelID: 15, inviteOnly: false)),
        ("no-such-stream", .missing("Invalid stream name 'no-such-stream'")),
        ("private-ops", .notSubscribed(channelID: 16)),
        ("announce", .notAllowed(channelID: 17, who: "administrators")),
        ("release-notes", .notAllowed(channelID: 18, who: "the members of the group allowed to post (can_send_message_group)")),
        ("team", .mayPost(channelID: 19, inviteOnly: false)),
        ("everyone", .mayPost(channelID: 20, inviteOnly: false)),
    ])
    func access(channel: String, expected: ZulipChannelAccess) throws {
        let server = try FakeZulip()
        #expect(try ZulipClientTests.client(server, channel: channel).channelAccess() == expected)
        #expect(!server.requests.isEmpty && server.requests.allSatisfy { $0.method == "GET" })
    }

    @Test("a wrong key is Zulip's 401, not a missing channel")
    func wrongKey() throws {
        let server = try FakeZulip()
        #expect {
            try ZulipClientTests.client(server, apiKey: "wrong").channelAccess()
        } throws: { error in
            (error as? DeliveryError)?.problem == .rejected(status: 401, message: "Invalid API key", code: "INVALID_API_KEY",
                                                            retryAfter: nil)
        }
    }
}
