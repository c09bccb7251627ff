import Transport

/// One HTTP exchange with a service, its transport failures turned into `DeliveryError`s that
/// say whether the service can have taken the request. Shared by every client in Notify.
struct ServiceRequest {
    let service: String
    let client: HTTPClient
    /// True when the site's path is itself a secret (a ping URL): messages show only the origin.
    var pathIsSecret = false

    /// Sends `request` once; refuses a credential over plain http to a non-loopback host.
    func send(_ request: HTTPRequest, carriesCredential: Bool) throws(DeliveryError) -> HTTPResponse {
        guard !carriesCredential || client.site.protectsCredentials else { throw failure(.insecureSite) }
        do {
            return try client.send(request)
        } catch {
            switch error {
            case let .untrustedCertificate(reason): throw failure(.untrustedCertificate(reason))
            default: throw failure(error.requestMayHaveBeenTaken ? .deliveryUnknown(error) : .unreachable(error))
            }
        }
    }

    /// Connects (and for https checks the certificate) without sending a request.
    func probe() throws(DeliveryError) {
        do {
            try client.probe()
        } catch {
            if case let .untrustedCertificate(reason) = error { throw failure(.untrustedCertificate(reason)) }
            throw failure(.unreachable(error))
        }
    }

    func failure(_ problem: DeliveryError.Problem) -> DeliveryError {
        DeliveryError(service: service, site: pathIsSecret ? client.site.origin + "/…" : client.site.description,
                      problem: problem)
    }
}
