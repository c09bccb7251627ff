/// What every HTTP destination's client holds besides its URL: the service as messages name
/// it, the site it talks to, the options it was given, and whether the site's path is a secret.
/// It makes the client's requests and its name; `SiteDestination` gives a client its `name`.
struct ServiceSite: Sendable {
    /// The service as errors name it: "Slack", "the JSON webhook".
    let service: String
    let site: SiteURL
    let options: DestinationOptions
    /// The service as `Destination.name` shows it, before the host.
    let title: String
    let pathIsSecret: Bool

    init(_ service: String, at site: SiteURL, _ options: DestinationOptions, title: String? = nil, pathIsSecret: Bool = false) {
        self.service = service
        self.site = site
        self.options = options
        self.title = title ?? service
        self.pathIsSecret = pathIsSecret
    }

    /// "Slack (hooks.slack.com)".
    var name: String { "\(title) (\(site.host))" }

    /// One exchange with the site, under the options' deadline and trusted CAs.
    var request: ServiceRequest {
        ServiceRequest(service: service, client: options.httpClient(for: site), pathIsSecret: pathIsSecret)
    }

    /// For a service that cannot be asked anything without posting: connects (and checks the
    /// certificate), and says that only the connection was tried.
    func probe(carriesCredential: Bool, _ what: String) throws(DeliveryError) -> String {
        try request.probe(carriesCredential: carriesCredential)
        return "\(site.origin) reachable (\(what) cannot be checked without posting: only the connection was tried)"
    }
}

/// A destination whose client talks to one site through a `ServiceSite`.
protocol SiteDestination: Destination {
    var service: ServiceSite { get }
}

extension SiteDestination {
    package var name: String { service.name }
}
