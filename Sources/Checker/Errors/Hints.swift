import Glibc
import MySQLWire
import Notify

/// What to change, for each kind of failure: chosen by the error's case, never by its text,
/// and phrased in the settings' names (which the libraries below know nothing of).
package enum Hints {
    /// The settings that configure one HTTP service, for hints.
    package enum Service: Sendable {
        case zulip, heartbeat, pushgateway
        /// A notify_urls entry.
        case destination

        var urlSetting: String {
            switch self {
            case .zulip: return "zulip_site / zulip_organization"
            case .heartbeat: return "heartbeat_url"
            case .pushgateway: return "pushgateway_url"
            case .destination: return "the notify_urls entry"
            }
        }

        var caSetting: String {
            switch self {
            case .zulip: return "zulip_tls_ca"
            case .destination: return "notify_tls_ca"
            case .heartbeat, .pushgateway: return "SSL_CERT_FILE (the CA bundle)"
            }
        }
    }

    /// The hint for any error of a run.
    package static func hint(for error: CheckerError) -> String {
        switch error {
        case .configuration: return "the settings are listed by backup-checker --help"
        case let .database(error): return hint(for: error)
        case let .delivery(error): return hint(for: error, service: .zulip)
        }
    }

    package static func hint(for error: DatabaseError) -> String {
        switch error {
        case let .mysql(error): return hint(for: error)
        case let .missingColumn(_, column):
            return "the table has no column \(column); db_table must name a table shaped like deploy/schema.sql"
        }
    }

    package static func hint(for error: MySQLError) -> String {
        switch error {
        case .transport(.resolve):
            return "db_host does not resolve; check the name or use an address"
        case .transport(.connect):
            return "nothing accepts connections there; check db_host/db_port (or db_socket), the server's bind-address and the firewall"
        case .timedOut(.login, .connecting, _):
            return "nothing answered the connection within db_connect_timeout: a firewall may drop the packets, or db_host/db_port is wrong"
        case .timedOut(.login, _, _):
            return "the server did not finish the login within db_connect_timeout: db_host/db_port may point at something that is not MariaDB or MySQL, or the server is overloaded"
        case .timedOut(.query, _, _):
            return "the query's rows did not all arrive within db_read_timeout: the server may be overloaded or the table locked; raise db_read_timeout for a very large table"
        case .timedOut(.command, _, _):
            return "the server stopped answering within db_read_timeout; check the server and the network"
        case .transport(.timeout):
            return "the server did not answer in time (db_connect_timeout, db_read_timeout); a firewall may drop the packets, or db_host is wrong"
        case .transport(.caFile):
            return "db_tls_ca must be a readable PEM file of CA certificates"
        case .transport(.invalidSocketPath):
            return "db_socket must be the path of the server's unix socket"
        case .transport:
            return "the connection broke; check the network and the server's log"
        case let .server(server):
            switch server.errorCode {
            case .accessDenied: return "check db_username and db_password, and that the account exists for the host the checker connects from"
            case .databaseAccessDenied, .unknownDatabase: return "check database, and that the account is granted SELECT on it (deploy/grants.sql)"
            case .hostNotPrivileged: return "the server does not accept this host; create the account for the checker's address or subnet (deploy/grants.sql)"
            case .noSuchTable: return "check db_table (the table of backup results)"
            case .tableAccessDenied: return "grant SELECT on the table to db_username (deploy/grants.sql)"
            default: return "see the server's message above"
            }
        case let .insecure(reason):
            return hint(for: reason)
        case .unsupported:
            return "the server asks for something this client does not do; see the message above"
        default:
            return "see the message above"
        }
    }

    static func hint(for reason: InsecureReason) -> String {
        switch reason {
        case .tlsNotOffered:
            return "the server offers no TLS: enable it on the server (ssl_cert, ssl_key), or set db_tls=preferred to accept an unencrypted connection"
        case .untrustedCertificate, .noPasswordForFingerprint, .fingerprintMismatch:
            // The chain did not verify: it may be forged or expired, so no weaker mode is offered.
            return "set db_tls_ca to the CA that signed the server's certificate (renew the certificate if it expired); if it still fails, something other than the server may be answering"
        case .wrongHostName:
            // Only ever a chain that verified whole: the CA vouches for it, only the name differs.
            return "connect with a name the certificate carries (db_host), or set db_tls=verify-ca"
        case .cleartextUnencrypted(_, serverOffersTLS: false):
            return "the account's plugin sends the password in cleartext and the server offers no TLS: enable TLS on the server, or connect through its unix socket (db_socket)"
        case .cleartextUnencrypted(_, serverOffersTLS: true):
            return "the account's plugin sends the password in cleartext: set db_tls=verify-ca with db_tls_ca (db_tls=required encrypts without verifying the server)"
        case .unprovablePlugin:
            return "only mysql_native_password and ed25519 accounts let MariaDB vouch for its own certificate: set db_tls_ca to the CA that signed it"
        }
    }

    /// What to do about a mail server's refusal, by case.
    static func hint(for error: SMTPError) -> String {
        switch error {
        case .connect:
            return "check the host and port of the mailto:// URL in notify_urls, DNS, and that a firewall lets this host reach it"
        case .untrustedCertificate:
            return "the mail server's certificate is not trusted; set notify_tls_ca to the CA that signed it"
        case .rejected(_, _, .login):
            return "check the user and password of the mailto:// URL in notify_urls"
        case .rejected(_, _, .sender), .rejected(_, _, .recipient):
            return "check from= and to= of the mailto:// URL in notify_urls: the server refused an address"
        case let .rejected(code, _, _) where code < 500:
            return "the mail server asked to try later; the next run tries again"
        case .startTLSRequired:
            return "the mail server offers no STARTTLS on that port: use mailtos:// on 465, or a server that offers it"
        case .tlsRequiredForLogin:
            return "use mailtos:// (TLS on port 465) or a server that offers STARTTLS"
        case .noUsableLogin:
            return "the mail server offers neither AUTH PLAIN nor LOGIN; use a submission port (587 or 465)"
        case .injectedBeforeTLS:
            return "something between this host and the mail server tampers with the connection; use mailtos://"
        case .invalidAddress:
            return "write to= and from= of the mailto:// URL as plain addresses (local@domain)"
        case .lost(_, .message), .malformedReply(_, .message):
            return "look in the mailbox whether the report arrived; it was not sent twice"
        case .lost, .malformedReply, .rejected:
            return "see the mail server's answer above; the next run tries again"
        }
    }

    package static func hint(for error: DeliveryError, service: Service) -> String {
        switch error.problem {
        case .insecureSite:
            return "use an https URL in \(service.urlSetting) (plain http only to a loopback address)"
        case let .rejected(status, _, _, _) where status == 401 || status == 403:
            return service == .zulip
                ? "check zulip_bot_api_key and the bot's e-mail (zulip_bot_name or zulip_email)"
                : "check \(service.urlSetting): the server refused it"
        case let .rejected(_, _, code?, _) where service == .zulip && code == "STREAM_DOES_NOT_EXIST":
            return "check zulip_stream: the channel must exist and the bot must be allowed to post to it"
        case let .rejected(status, _, _, _) where status == 404:
            return service == .heartbeat
                ? "check heartbeat_url: the monitor knows no check at that URL"
                : "check \(service.urlSetting): nothing answers there for this API"
        case .rejected(let status, _, _, _) where status == 502 || status == 504:
            return service == .zulip
                ? "a proxy answered for Zulip: look in the channel whether the message arrived before sending it again"
                : "a proxy answered for the service, which may have taken the request; check it before sending again"
        case .rejected(let status, _, _, _) where status >= 500 || status == 429:
            return "the service failed or was busy; the next run tries again"
        case .rejected:
            return "see the service's message above"
        case .untrustedCertificate:
            return "the site's certificate is not trusted; set \(service.caSetting) to the CA that signed it"
        case .unreachable:
            return "check \(service.urlSetting), DNS, and that firewall and proxy let this host reach it"
        case .deliveryUnknown:
            return service == .zulip
                ? "look in the channel whether the message arrived; zulip_timeout sets how long an answer may take"
                : "the service may have taken the request; zulip_timeout sets how long an answer may take"
        case .redirected:
            return "\(service.urlSetting) points at a redirect; set it to where the service really is (https, the final host)"
        case .unexpectedAnswer:
            return "\(service.urlSetting) does not point at the service's API (a proxy's login page?)"
        case .timeSpent:
            return service == .heartbeat
                ? "an earlier heartbeat call took all of heartbeat_timeout; see the message before this one"
                : "an earlier call took all the time allowed; see the message before this one"
        case let .mail(error):
            return hint(for: error)
        }
    }

    /// What to do about metrics that could not be published, by the failed step and errno.
    package static func hint(for error: PublishError) -> String {
        switch error {
        case let .push(error):
            return hint(for: error, service: .pushgateway)
        case .file(_, _, .create, ENOENT), .file(_, _, .create, ENOTDIR):
            return "metrics_file's folder does not exist (or is not a folder); create it or correct metrics_file"
        case .file(_, _, .create, EACCES), .file(_, _, .create, EPERM), .file(_, _, .rename, EACCES), .file(_, _, .rename, EPERM):
            return "this user may not write in metrics_file's folder; make it writable (node_exporter's textfile folder) or choose another"
        case .file(_, _, _, EROFS):
            return "metrics_file's folder is on a read-only file system; choose a writable folder (in a container, a mounted volume)"
        case .file(_, _, .rename, EISDIR):
            return "metrics_file names a folder; give the path of a .prom file inside it"
        case .file(_, _, _, ENOSPC), .file(_, _, _, EDQUOT):
            return "the file system that holds metrics_file is full"
        case .file:
            return "see the error above; metrics_file must be a file in a local folder this user may write"
        }
    }
}
