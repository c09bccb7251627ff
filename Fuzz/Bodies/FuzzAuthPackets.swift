@testable import MySQLWire

extension FuzzBodies {
    /// Auth switch and auth-more-data payloads through the authentication state machine. The first
    /// byte picks the plugin the exchange starts with and the channel under it; the rest is the
    /// server's packet.
    package static func authPackets(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
        guard size > 0 else { return 0 }
        let plugins = ["mysql_native_password", "caching_sha2_password", "sha256_password", "client_ed25519"]
        let plugin = plugins[Int(data[0] % 4)]
        let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
        let channels: [AuthChannel] = [.protected, .unencrypted(serverOffersTLS: true), .unencrypted(serverOffersTLS: false),
                                       .awaitingFingerprint]
        var authenticator = Authenticator(proposed: plugin, nonce: Array(1...20), password: "pw",
                                          channel: channels[Int(data[0] >> 2 % 4) % 4], serverPublicKey: nil)
        _ = try? authenticator.handle(bytes, capabilities: [.protocol41])
        _ = try? AuthSwitchRequest(decoding: bytes)
        return 0
    }
}
