import TextRules
import Transport

/// One HTTP exchange with a service, its transport failures turned into `DeliveryError`s that
/// say whether the service can have taken the request. Shared by every client in Notify.
struct ServiceRequest {
    let service: String
    let client: HTTPClient
    /// True when the site's path is itself a secret (a ping URL): messages show only the origin.
    var pathIsSecret = false
    /// A deadline shared by several requests (a run's heartbeat calls), besides the client's timeout.
    var deadline: Deadline?

    /// Sends `request` once; refuses a credential over plain http to a non-loopback host. A
    /// redirect is an error that names where it points (scheme and host): an API call follows
    /// none, and a credential must not follow one.
    func send(_ request: HTTPRequest, carriesCredential: Bool) throws(DeliveryError) -> HTTPResponse {
        try refuseInsecureSite(carriesCredential)
        let response: HTTPResponse
        do {
            response = try client.send(request, deadline: deadline)
        } catch {
            throw failure(for: error)
        }
        if (300..<400).contains(response.status) && response.status != 304 {
            throw failure(.redirected(status: response.status, location: response.header("Location").flatMap(SiteURL.schemeAndHost)))
        }
        return response
    }

    /// Sends `request` once and wants a 2xx answer; any other status is `rejected` with the
    /// beginning of the answer's text as the service's message. For services that answer in
    /// plain text (a heartbeat monitor, a Pushgateway).
    func expectSuccess(_ request: HTTPRequest, carriesCredential: Bool) throws(DeliveryError) {
        let response = try send(request, carriesCredential: carriesCredential)
        guard (200..<300).contains(response.status) else {
            let text = String(decoding: response.body.prefix(300), as: UTF8.self).trimmingWhitespace()
            throw failure(.rejected(status: response.status, message: text.isEmpty ? nil : String(text), code: nil,
                                    retryAfter: response.retryAfterSeconds))
        }
    }

    /// Connects (and for https checks the certificate) without sending a request; a site that
    /// would carry a credential is refused over plain http as `send` refuses it.
    func probe(carriesCredential: Bool) throws(DeliveryError) {
        try refuseInsecureSite(carriesCredential)
        do {
            try client.probe(deadline: deadline)
        } catch {
            throw failure(for: error)
        }
    }

    private func refuseInsecureSite(_ carriesCredential: Bool) throws(DeliveryError) {
        guard !carriesCredential || client.site.protectsCredentials else { throw failure(.insecureSite) }
    }

    /// What an HTTP failure means for the service: whether it can have taken the request.
    private func failure(for error: HTTPError) -> DeliveryError {
        if case let .untrustedCertificate(reason) = error { return failure(.untrustedCertificate(reason)) }
        return failure(error.requestMayHaveBeenTaken ? .deliveryUnknown(error) : .unreachable(error))
    }

    func failure(_ problem: DeliveryError.Problem) -> DeliveryError {
        // At most scheme and host (with the port): a path may be a secret, and is never shown.
        DeliveryError(service: service, site: pathIsSecret ? client.site.origin + "/…" : client.site.shown, problem: problem)
    }
}
