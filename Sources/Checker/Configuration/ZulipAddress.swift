import Transport
import Notify

/// The Zulip site and the bot's e-mail, derived once from the settings as the seed's
/// deployment (apprise) derived them: zulip_site, else https://HOST for a host name in
/// zulip_organization, else https://ORG.zulipchat.com for a bare organization; the e-mail is
/// zulip_email, else zulip_bot_name as it stands when it holds "@", else NAME-bot@HOST (the
/// "-bot" added when missing), HOST the organization's host.
struct ZulipAddress {
    let site: SiteURL
    let email: String

    static let userPartAdvice = "the bot's key belongs in zulip_bot_api_key and its e-mail in zulip_email (or zulip_bot_name)"

    /// Reads zulip_site, zulip_organization, zulip_email and zulip_bot_name; nil (with the
    /// problems noted) when they do not give both.
    init?(reader: inout SettingReader) {
        let organization = reader.optional(.zulipOrganization)
        var organizationSite: SiteURL?
        if let organization {
            organizationSite = ZulipAddress.site(ofOrganization: organization)
            if organizationSite == nil {
                reader.problem("zulip_organization", "zulip_organization must be a host name (zulip.example.org) or an organization name (acme), not \"\(organization.prefix(80))\"")
            }
        }
        var site: SiteURL?
        if let text = reader.optional(.zulipSite) {
            site = reader.check(url: text, name: "zulip_site", carriesCredential: true, userPartAdvice: ZulipAddress.userPartAdvice)
        } else if let organizationSite {
            site = reader.check(url: organizationSite.description, name: "zulip_organization", carriesCredential: true,
                                userPartAdvice: ZulipAddress.userPartAdvice)
        } else if organization == nil {
            reader.noteMissing("zulip_organization (or zulip_site)")
        }
        var email = reader.optional(.zulipEmail)
        if email == nil {
            if let name = reader.optional(.zulipBotName) {
                if name.contains("@") {
                    email = name
                } else if let host = organizationSite?.host ?? site?.host {
                    email = ZulipDestination.botEmail(name: name, host: host)
                }
            } else {
                reader.noteMissing("zulip_bot_name (or zulip_email)")
            }
        }
        guard let site, let email else { return nil }
        self.site = site
        self.email = email
    }

    static func site(ofOrganization text: String) -> SiteURL? { ZulipDestination.site(ofOrganization: text) }
}
