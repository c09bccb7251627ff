import Foundation
import Testing
import TestSupport
import Transport
@testable import Notify

/// What is sent again: only what the service cannot have taken — a connection that failed
/// before the request was written, 500, 503, 429 (after its Retry-After, when that fits the
/// policy's limit). A proxy's 502 or 504 may stand for a service that took the request: never
/// repeated, delivery unknown. A redirect is followed by no API call and names where it points.
@Suite("Retry rules")
struct RetryRuleTests {
    static func pushgateway(_ server: LoopbackHTTPServer, maxRetryAfter: Double = 30) throws -> PushgatewayClient {
        PushgatewayClient(url: try #require(SiteURL(server.url)), job: "backup_checker", timeout: 5,
                          retry: RetryPolicy(delays: [0, 0], maxRetryAfter: maxRetryAfter))
    }

    @Test("500, 503 and 429 are sent again; the third answer delivers", arguments: [500, 503, 429])
    func retried(status: Int) throws {
        let server = try LoopbackHTTPServer { _, number in
            number < 2 ? .answer(status: status, headers: [("Retry-After", "0")], body: "busy") : .answer(status: 200, body: "")
        }
        try Self.pushgateway(server).push("up 1\n")
        #expect(server.requests.count == 3)
    }

    @Test("a proxy's 502 or 504 is not sent again: delivery is unknown", arguments: [502, 504])
    func proxyFailure(status: Int) throws {
        let server = try LoopbackHTTPServer { _, number in
            number == 0 ? .answer(status: status, body: "<html>proxy</html>") : .answer(status: 200, body: "")
        }
        #expect {
            try Self.pushgateway(server).push("up 1\n")
        } throws: { error in
            guard let error = error as? DeliveryError, case .rejected(status, _, _, _) = error.problem else { return false }
            return error.deliveryIsUnknown && !error.isRetryable && "\(error)".contains("whether it arrived is unknown")
        }
        #expect(server.requests.count == 1)
    }

    @Test("other 4xx and 5xx are not sent again", arguments: [400, 404, 501, 505])
    func notRetried(status: Int) throws {
        let server = try LoopbackHTTPServer { _, _ in .answer(status: status, body: "no") }
        #expect {
            try Self.pushgateway(server).push("up 1\n")
        } throws: { error in
            guard case .rejected(status, _, _, _) = (error as? DeliveryError)?.problem else { return false }
            return true
        }
        #expect(server.requests.count == 1)
    }

    @Test("a Retry-After longer than the policy may wait is not cut short: no retry")
    func retryAfterBeyondTheLimit() throws {
        let server = try LoopbackHTTPServer { _, _ in .answer(status: 503, headers: [("Retry-After", "120")], body: "later") }
        #expect {
            try Self.pushgateway(server, maxRetryAfter: 5).push("up 1\n")
        } throws: { error in
            guard case .rejected(503, _, _, 120?) = (error as? DeliveryError)?.problem else { return false }
            return true
        }
        #expect(server.requests.count == 1)
    }

    @Test("a redirect is not followed and names where it points, as scheme and host", arguments: [301, 302, 307, 308])
    func redirect(status: Int) throws {
        let secret = "Redirect-Canary-91d2"
        let server = try LoopbackHTTPServer { _, _ in
            .answer(status: status, headers: [("Location", "https://u:\(secret)@login.example.org/sso/\(secret)?t=\(secret)")], body: "")
        }
        #expect {
            try Self.pushgateway(server).push("up 1\n")
        } throws: { error in
            guard let error = error as? DeliveryError,
                  case .redirected(status, location: "https://login.example.org") = error.problem else { return false }
            return "\(error)".contains("a redirect to https://login.example.org") && !"\(error)".contains(secret)
        }
        #expect(server.requests.count == 1)
    }

    @Test("a relative redirect names no host")
    func relativeRedirect() throws {
        let server = try LoopbackHTTPServer { _, _ in .answer(status: 302, headers: [("Location", "/login")], body: "") }
        #expect {
            try Self.pushgateway(server).push("up 1\n")
        } throws: { error in
            guard case .redirected(302, location: nil) = (error as? DeliveryError)?.problem else { return false }
            return true
        }
    }
}
