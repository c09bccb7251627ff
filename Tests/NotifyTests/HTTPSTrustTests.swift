import Foundation
import Testing
import TestSupport
import Transport
@testable import Notify

/// Every https service (Zulip, the heartbeat, the Pushgateway, and anything else on HTTPClient)
/// checks the whole chain and then the host name, always: a loopback server presenting a
/// forged, an expired or a wrongly named certificate gets no request, and the reason is what
/// the chain check found first (a signature, a date), never a name that hid it.
@Suite("HTTPS trust")
struct HTTPSTrustTests {
    enum Service: String, CaseIterable, CustomStringConvertible {
        case zulip, heartbeat, pushgateway
        var description: String { rawValue }

        /// Sends this service's request to `site`, trusting `caFile`.
        func send(to site: SiteURL, caFile: String) throws(DeliveryError) {
            let retry = RetryPolicy(delays: [0, 0])
            switch self {
            case .zulip:
                let destination = ZulipDestination(site: site, email: FakeZulip.email, apiKey: Secret(FakeZulip.apiKey), channel: "ops",
                                                   topic: "backups", caFile: caFile, timeout: 5)
                try ZulipClient(destination: destination, retry: retry).post(content: "hello")
            case .heartbeat:
                try HeartbeatClient(url: HeartbeatURL(site: site), runID: "run", caFile: caFile, timeout: 5, retry: retry).start()
            case .pushgateway:
                try PushgatewayClient(url: site, job: "backup_checker", caFile: caFile, timeout: 5, retry: retry).push("up 1\n")
            }
        }
    }

    static func server(presenting material: TLSMaterial, for service: Service) throws -> (site: String, requests: () -> Int) {
        if service == .zulip {
            let zulip = try FakeZulip(tls: material)
            return (zulip.site, { zulip.requests.count })
        }
        let server = try LoopbackHTTPServer(tls: material) { _, _ in .answer(status: 200, body: "OK") }
        return (server.url, { server.requests.count })
    }

    @Test("a forged, expired or wrongly named certificate gets no request, for the reason the chain or the name gives",
          arguments: TLSMaterial.Impostor.allCases, Service.allCases)
    func refused(impostor: TLSMaterial.Impostor, service: Service) throws {
        let directory = try TemporaryDirectory()
        let material = try TLSMaterial.make(in: directory.url)
        let (site, requests) = try Self.server(presenting: try material.presenting(impostor), for: service)
        let url = try #require(SiteURL(site))
        #expect {
            try service.send(to: url, caFile: material.caFile)
        } throws: { error in
            guard case let .untrustedCertificate(reason) = (error as? DeliveryError)?.problem else { return false }
            switch impostor {
            case .forged: return reason.contains("certificate signature failure")
            case .expired: return reason.contains("certificate has expired")
            case .wrongName: return reason.contains("not for 127.0.0.1")
            }
        }
        #expect(requests() == 0, "no request reached the impostor")
    }

    @Test("the CA's own certificate for 127.0.0.1 is accepted by every service: the test can tell", arguments: Service.allCases)
    func accepted(service: Service) throws {
        let directory = try TemporaryDirectory()
        let material = try TLSMaterial.make(in: directory.url)
        let (site, requests) = try Self.server(presenting: material, for: service)
        try service.send(to: try #require(SiteURL(site)), caFile: material.caFile)
        #expect(requests() == 1)
    }
}
