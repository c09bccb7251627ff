import Testing
import TestSupport
@testable import MySQLWire

/// Every decoder meets cut, stretched and corrupted versions of real server packets: each
/// must return a value or throw, never trap or hang.
@Suite("Malformed input")
struct MalformedInputTests {
    /// Server packets of the recorded conversations, with the fixture they came from.
    static func serverPackets() throws -> [(String, [UInt8])] {
        var packets: [(String, [UInt8])] = []
        for name in Fixture.allFixtureNames() where name != "mariadb-17mib-row" {
            let fixture = try Fixture.load(name + ".txt")
            for packet in fixture.packets where packet.direction == .server {
                packets.append((name, packet.bytes))
            }
        }
        return packets
    }

    /// Runs every decoder over `payload`; returns how many threw. Any error that is not a
    /// MySQLError is a failure: malformed input must stay inside the library's own errors.
    @discardableResult
    static func decodeEverything(_ payload: [UInt8]) -> Int {
        var thrown = 0
        func attempt(_ body: () throws -> Void) {
            do { try body() } catch {
                thrown += 1
                #expect(error is MySQLError, "a decoder threw \(type(of: error))")
            }
        }
        attempt { _ = try HandshakeV10(decoding: payload) }
        attempt { _ = try OKPacket(decoding: payload, capabilities: [.protocol41, .sessionTrack]) }
        attempt { _ = try OKPacket(decoding: payload, capabilities: [.protocol41]) }
        attempt { _ = try ErrPacket(decoding: payload, capabilities: [.protocol41]) }
        attempt { _ = try EOFPacket(decoding: payload) }
        attempt { _ = try ColumnDefinition(decoding: payload) }
        attempt { _ = try AuthSwitchRequest(decoding: payload) }
        attempt {
            let columns = [ColumnDefinition(name: "a", type: .varString), ColumnDefinition(name: "b", type: .time)]
            let row = try Row(decoding: payload, columns: columns)
            _ = try? row.time(1)
            _ = try? row.int64(0)
        }
        for capabilities in [Capabilities([.protocol41, .deprecateEOF]), [.protocol41]] {
            attempt {
                var decoder = TextResultDecoder(capabilities: capabilities)
                _ = try decoder.consume(payload)
                _ = try decoder.consume(payload)
            }
        }
        return thrown
    }

    @Test("every prefix of every recorded server packet decodes or throws")
    func truncations() throws {
        let packets = try Self.serverPackets()
        #expect(packets.count > 50)
        for (_, payload) in packets {
            for length in 0..<payload.count {
                Self.decodeEverything(Array(payload.prefix(length)))
            }
        }
        // The empty payload is no packet at all.
        #expect(Self.decodeEverything([]) >= 9)
    }

    @Test("recorded packets with trailing garbage, flipped bytes and huge lengths decode or throw")
    func corruptions() throws {
        var generator = SplitMix(seed: 0x5EED)
        var attempts = 0
        var thrown = 0
        for (_, payload) in try Self.serverPackets() {
            // Four bytes more than a decoder reads: the greeting ignores them, a row refuses them.
            thrown += Self.decodeEverything(payload + [0xFF, 0xFE, 0xFD, 0xFC])
            attempts += 1
            for _ in 0..<40 {
                var mutated = payload
                guard !mutated.isEmpty else { continue }
                for _ in 0...(generator.next() % 4) {
                    let index = Int(generator.next() % UInt64(mutated.count))
                    mutated[index] = [0x00, 0xFB, 0xFC, 0xFD, 0xFE, 0xFF, UInt8(truncatingIfNeeded: generator.next())][
                        Int(generator.next() % 7)]
                }
                thrown += Self.decodeEverything(mutated)
                attempts += 1
            }
        }
        // Every attempt ran every decoder (11 of them); most refuse what is not theirs, and
        // some accept: both paths were taken, and no decoder trapped on the way.
        #expect(attempts > 1000)
        #expect(thrown > attempts * 5 && thrown < attempts * 11, "\(thrown) throws in \(attempts) attempts")
    }

    @Test("a greeting of random garbage is an error")
    func garbageGreetings() {
        var generator = SplitMix(seed: 42)
        for length in [0, 1, 3, 10, 50, 200] {
            var bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            if let first = bytes.first, first == 10 { bytes[0] = 11 }
            #expect { try HandshakeV10(decoding: bytes) } throws: { isMalformed($0) || isUnsupported($0) }
        }
    }

    @Test("a row whose value length points past the end of the packet is an error")
    func lengthPastEnd() {
        let columns = [ColumnDefinition(name: "a", type: .varString)]
        let cases: [([UInt8], MySQLError.Malformation)] = [
            ([0x05, 0x61], .truncated(.row, needs: 5, at: 1, of: 2)),
            ([0xFC, 0xFF, 0xFF, 0x61], .truncated(.row, needs: 0xFFFF, at: 3, of: 4)),
            ([0xFD, 0, 0, 1], .truncated(.row, needs: 0x1_0000, at: 4, of: 4)),
            ([0xFE, 1, 2, 3, 4, 5, 6, 7, 8], .truncated(.row, needs: 0x0807_0605_0403_0201, at: 9, of: 9)),
            ([0xFF], .rowLength(at: 0)),
        ]
        for (payload, malformation) in cases {
            #expect(throws: MySQLError.malformed(malformation)) { try Row(decoding: payload, columns: columns) }
        }
    }

    @Test("a column definition with a hostile catalog: the error keeps 40 bytes of it, not all 10,000")
    func longCatalog() {
        let catalog = [UInt8](repeating: UInt8(ascii: "x"), count: 10_000)
        let payload: [UInt8] = [0xFC, 0x10, 0x27] + catalog
        #expect(throws: MySQLError.malformed(.catalog(String(repeating: "x", count: 40)))) {
            try ColumnDefinition(decoding: payload)
        }
    }

    @Test("a row packet that claims more than 16 MiB − 1 bytes in one frame is joined, not trusted")
    func overlongFrame() throws {
        // A frame header that announces 16 MiB − 1 bytes and then ends: the reader asks for the
        // rest and gets a closed connection, not a hang and not an allocation of the claim.
        let channel = PacketChannel(stream: ScriptedStream([0xFF, 0xFF, 0xFF, 0x00, 0x41]))
        #expect(throws: MySQLError.transport(.closed)) { try channel.readPayload() }
    }

    @Test("every malformation prints the words the errors printed when they were texts")
    func malformationWords() {
        let words: [(MySQLError.Malformation, String)] = [
            (.truncated(.greeting, needs: 4, at: 30, of: 32), "server greeting: needs 4 more byte(s) at byte 30 of 32"),
            (.integerWidth(.okPacket, 9), "OK packet: integer of 9 bytes"),
            (.notLengthEncoded(.columnDefinition), "column definition: 0xFF is not a length-encoded integer"),
            (.unexpectedNull(.columnCount), "column count: unexpected NULL marker"),
            (.unterminatedString(.authSwitchRequest, at: 1), "auth switch request: string without NUL terminator at byte 1"),
            (.header(.errPacket, expected: 0xFF), "ERR packet: header is not 0xFF"),
            (.header(.eofPacket, expected: 0xFE), "EOF packet: header is not 0xFE"),
            (.okHeader(0x0A), "OK packet: header 0xa"),
            (.catalog("xyz"), "column definition: catalog \"xyz\" is not \"def\""),
            (.fixedFieldsLength(3), "column definition: fixed-length fields of 3 bytes"),
            (.rowLength(at: 7), "row: 0xFF is not a length at byte 7"),
            (.rowLeftover(bytes: 6, columns: 2), "row: 6 byte(s) left after 2 column(s)"),
            (.rowEnds(at: 2, of: 2, values: 3), "row: ends at byte 2 of 2 before its 3 value(s)"),
            (.columnCountLeftover(extra: 1), "column count: 1 extra byte(s)"),
            (.columnCount(0, limit: 4096), "column count 0 is outside 1...4096"),
            (.noEOFAfterColumns(2), "result set: expected EOF after 2 column definition(s)"),
            (.packetAfterResult, "the server sent a packet after the result was complete"),
            (.emptyResultPacket, "empty packet where a result was expected"),
            (.dataBeforeTLS, "the server sent data before the TLS handshake"),
            (.authSwitchWithoutPlugin, "auth switch request without a plugin name"),
            (.emptyAuthPacket, "empty packet during authentication"),
            (.unexpectedAuthPacket(0x2A), "unexpected packet 0x2a during authentication"),
            (.tooManyAuthSwitches, "the server switched authentication plugins too often"),
            (.unexpectedAuthMoreData(plugin: "mysql_native_password"), "unexpected auth-more-data for mysql_native_password"),
            (.cachingSHA2StatusLength(2), "caching_sha2_password: unexpected 2-byte status"),
            (.cachingSHA2Status(0x09), "caching_sha2_password: unknown status 0x9"),
            (.publicKeyNotPEM, "the server's public key is not a PEM key"),
            (.publicKeyNotRSA, "the server's public key cannot be read as an RSA key"),
            (.emptyNonce, "empty nonce for RSA password encryption"),
        ]
        for (malformation, text) in words {
            #expect(MySQLError.malformed(malformation).description == "malformed packet from the server: \(text)")
        }
    }
}

/// A small deterministic generator, so that failures reproduce.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
