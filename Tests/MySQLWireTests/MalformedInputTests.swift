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
        for payload in [[0x05, 0x61], [0xFC, 0xFF, 0xFF, 0x61], [0xFD, 0, 0, 1], [0xFE, 1, 2, 3, 4, 5, 6, 7, 8]] as [[UInt8]] {
            #expect { try Row(decoding: payload, columns: columns) } throws: { isMalformed($0) }
        }
    }

    @Test("a row packet that claims more than 16 MiB − 1 bytes in one frame is joined, not trusted")
    func overlongFrame() throws {
        // A frame header that announces 16 MiB − 1 bytes and then ends: the reader asks for the
        // rest and gets a closed connection, not a hang and not an allocation of the claim.
        let channel = PacketChannel(stream: ScriptedStream([0xFF, 0xFF, 0xFF, 0x00, 0x41]))
        #expect(throws: MySQLError.transport(.closed)) { try channel.readPayload() }
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
