import Testing
@testable import MySQLWire

@Suite("Handshake")
struct HandshakeTests {
    @Test("a MariaDB 10.11 greeting is parsed, MariaDB detected, extended capabilities read")
    func mariaDBGreeting() throws {
        let fixture = try Fixture.load("greeting-mariadb-10.11.txt")
        #expect(fixture.sources.first?.hasPrefix("recorded") == true)
        let greeting = try HandshakeV10(decoding: fixture.firstPayload)
        #expect(greeting.rawServerVersion == "5.5.5-10.11.19-MariaDB-0+deb12u1")
        #expect(greeting.serverVersion == "10.11.19-MariaDB-0+deb12u1")
        #expect(greeting.isMariaDB)
        #expect(greeting.connectionID == 12)
        #expect(greeting.nonce == Array("[H6voKfBUdxQg5pT6OkM".utf8))
        #expect(greeting.authPluginName == "mysql_native_password")
        #expect(greeting.characterSet == 45)
        #expect(!greeting.capabilities.contains(.clientMySQL))
        #expect(greeting.capabilities.contains([.protocol41, .secureConnection, .pluginAuth, .deprecateEOF]))
        #expect(greeting.capabilities.upper32 == 0x1D)
        #expect(greeting.capabilities.contains(.mariaDBProgress))
    }

    @Test("a MySQL 8 greeting is parsed and not taken for MariaDB")
    func mySQLGreeting() throws {
        let fixture = try Fixture.load("greeting-mysql-8.0.txt")
        let greeting = try HandshakeV10(decoding: fixture.firstPayload)
        #expect(greeting.serverVersion == "8.0.36")
        #expect(!greeting.isMariaDB)
        #expect(greeting.characterSet == 255)
        #expect(greeting.nonce == Array(1...20))
        #expect(greeting.authPluginName == "caching_sha2_password")
        #expect(greeting.capabilities.upper32 == 0)
        #expect(greeting.capabilities.contains(.clientMySQL))
    }

    @Test("the response to MariaDB carries collation 45, the database and extended capabilities")
    func responseToMariaDB() throws {
        let greeting = try HandshakeV10(decoding: Fixture.load("greeting-mariadb-10.11.txt").firstPayload)
        let options = ConnectionOptions(endpoint: .tcp(host: "127.0.0.1", port: 3306), username: "checker",
                                        password: "pw", database: "backups")
        let agreed = Capabilities.negotiate(server: greeting.capabilities, options: options)
        #expect(agreed.isSubset(of: greeting.capabilities))
        #expect(agreed.contains([.connectWithDB, .deprecateEOF, .pluginAuthLengthEncodedData]))
        #expect(agreed.contains(.connectAttributes))
        let response = HandshakeResponse41(capabilities: agreed, username: "checker", authResponse: [1, 2, 3],
                                           database: "backups", authPluginName: "mysql_native_password",
                                           attributes: [("_client_name", "MySQLWire"), ("program_name", "backup-checker")],
                                           mariaDBExtended: true)
        let bytes = response.encoded()
        var reader = ByteReader(bytes, packet: .greeting)
        #expect(try reader.readUInt32() == agreed.lower32)
        #expect(try reader.readUInt32() == 1 << 24)
        #expect(try reader.readUInt8() == 45)
        #expect(Array(try reader.readBytes(19)) == [UInt8](repeating: 0, count: 19))
        #expect(try reader.readUInt32() == agreed.upper32)
        #expect(try reader.readNullTerminatedString() == "checker")
        #expect(Array(try reader.readLengthEncodedBytesOrNull() ?? []) == [1, 2, 3])
        #expect(try reader.readNullTerminatedString() == "backups")
        #expect(try reader.readNullTerminatedString() == "mysql_native_password")
        let attributes = Array(try reader.readLengthEncodedBytesOrNull() ?? [])
        var pairs = ByteReader(attributes, packet: .greeting)
        #expect(try pairs.readLengthEncodedString() == "_client_name")
        #expect(try pairs.readLengthEncodedString() == "MySQLWire")
        #expect(try pairs.readLengthEncodedString() == "program_name")
        #expect(try pairs.readLengthEncodedString() == "backup-checker")
        #expect(pairs.isAtEnd)
        #expect(reader.isAtEnd)
    }

    @Test("an ERR packet in place of the greeting is a server error")
    func errInsteadOfGreeting() throws {
        let payload: [UInt8] = [0xFF, 0x69, 0x04] + Array("Host '10.0.0.9' is not allowed to connect".utf8)
        #expect(throws: MySQLError.server(ServerError(code: 1129, sqlState: "HY000",
                                                      message: "Host '10.0.0.9' is not allowed to connect"))) {
            try HandshakeV10(decoding: payload)
        }
    }

    @Test("a greeting cut short or with another protocol version is an error")
    func garbageGreeting() throws {
        let full = try Fixture.load("greeting-mariadb-10.11.txt").firstPayload
        for length in [0, 1, 5, 20, 40] {
            #expect { try HandshakeV10(decoding: Array(full.prefix(length))) } throws: { isMalformed($0) }
        }
        var other = full
        other[0] = 9
        #expect { try HandshakeV10(decoding: other) } throws: { isUnsupported($0) }
        #expect { try HandshakeV10(decoding: Array("HTTP/1.1 400 Bad Request\r\n".utf8)) } throws: { isUnsupported($0) }
    }

    @Test("mysql_native_password matches the SHA1 construction computed independently")
    func nativePasswordVector() throws {
        // python3: s1=sha1(b'secret'); s2=sha1(s1); xor(s1, sha1(bytes(range(1,21)) + s2))
        let expected = hexBytes("b32bb3a583e1340c0a1108d58b1be49781ad8c2f")
        #expect(try NativePasswordAuth.scramble(password: Array("secret".utf8), nonce: Array(1...20)) == expected)
        #expect(try NativePasswordAuth.scramble(password: [], nonce: Array(1...20)).isEmpty)
        #expect(try Digest.sha1([]) == hexBytes("da39a3ee5e6b4b0d3255bfef95601890afd80709"))
    }

    @Test("a digest OpenSSL cannot compute is an error, not an empty hash")
    func digestFailure() {
        #expect(throws: MySQLError.crypto("no-such-digest")) { try Digest.hash(nil, "no-such-digest", [[1, 2, 3]]) }
    }

    @Test("an auth switch to mysql_native_password answers the new nonce")
    func authSwitch() throws {
        var authenticator = Authenticator(proposed: "caching_sha2_password", nonce: [9, 9], password: "secret",
                                          channel: .unencrypted(serverOffersTLS: false), serverPublicKey: nil)
        #expect(authenticator.pluginName == "caching_sha2_password")
        let request: [UInt8] = [0xFE] + Array("mysql_native_password".utf8) + [0] + Array(1...20) + [0]
        guard case let .send(answer) = try authenticator.handle(request, capabilities: [.protocol41]) else {
            Issue.record("expected an answer")
            return
        }
        #expect(answer == hexBytes("b32bb3a583e1340c0a1108d58b1be49781ad8c2f"))
        #expect(authenticator.pluginName == "mysql_native_password")
        guard case .done = try authenticator.handle([0, 0, 0, 2, 0, 0, 0], capabilities: [.protocol41]) else {
            Issue.record("expected the login to end")
            return
        }
    }

    @Test("an auth switch to an unknown plugin is a clear error")
    func unknownPlugin() throws {
        var authenticator = Authenticator(proposed: nil, nonce: [], password: "secret",
                                          channel: .unencrypted(serverOffersTLS: false), serverPublicKey: nil)
        let request: [UInt8] = [0xFE] + Array("dialog".utf8) + [0, 1, 2]
        #expect(throws: MySQLError.unsupported("authentication plugin dialog")) {
            try authenticator.handle(request, capabilities: [.protocol41])
        }
    }
}
