/// How the connection uses TLS, with the names MySQL and MariaDB clients use.
public enum TLSMode: String, Sendable, CaseIterable {
    /// Never encrypt.
    case disabled
    /// Encrypt when the server offers TLS (and then never fall back to plaintext); the
    /// certificate is not verified. A man in the middle who removes the offer goes unnoticed.
    case preferred
    /// Encrypt or fail; the certificate is not verified.
    case required
    /// Encrypt, and the certificate must chain to a trusted CA. With no CA file given, MariaDB
    /// 11.4+ may instead vouch for its certificate with the fingerprint it sends after the login
    /// (zero-configuration TLS).
    case verifyCA = "verify-ca"
    /// As verify-ca, and the certificate must name the host connected to.
    case verifyIdentity = "verify-identity"

    /// True for the modes that verify the server's certificate.
    public var verifies: Bool { self == .verifyCA || self == .verifyIdentity }
}
