import Testing
import TestSupport
import Transport
@testable import MySQLWire

@Suite("Packet framing")
struct FramingTests {
    @Test("a packet delivered one byte at a time is read whole")
    func shortReads() throws {
        let payload: [UInt8] = Array("SELECT 1".utf8)
        let stream = ScriptedStream(frame(payload, sequence: 0) + frame([0x00, 0, 0, 2, 0, 0, 0], sequence: 1), chunk: 1)
        let channel = PacketChannel(stream: stream)
        #expect(try channel.readPayload() == payload)
        #expect(try channel.readPayload() == [0x00, 0, 0, 2, 0, 0, 0])
        #expect(channel.sequence == 2)
    }

    @Test("a payload of 16 MiB − 1 bytes or more is split on write and joined on read")
    func splitAndJoin() throws {
        let size = PacketChannel.maxFragment * 2 + 10
        let payload = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let writer = ScriptedStream([])
        let out = PacketChannel(stream: writer)
        try out.writePayload(payload, kind: "test")
        let wire = writer.written
        // Three packets: two full fragments with sequence ids 0 and 1, then 10 bytes with id 2.
        #expect(wire.count == size + 12)
        #expect(Array(wire[0..<4]) == [0xFF, 0xFF, 0xFF, 0])
        #expect(Array(wire[(PacketChannel.maxFragment + 4)..<(PacketChannel.maxFragment + 8)]) == [0xFF, 0xFF, 0xFF, 1])
        #expect(Array(wire[(2 * PacketChannel.maxFragment + 8)..<(2 * PacketChannel.maxFragment + 12)]) == [10, 0, 0, 2])

        let reader = PacketChannel(stream: ScriptedStream(wire, chunk: 100_000))
        #expect(try reader.readPayload() == payload)
        #expect(reader.sequence == 3)
    }

    @Test("a payload of exactly 16 MiB − 1 bytes is followed by an empty packet")
    func exactBoundary() throws {
        let payload = [UInt8](repeating: 7, count: PacketChannel.maxFragment)
        let writer = ScriptedStream([])
        try PacketChannel(stream: writer).writePayload(payload, kind: "test")
        #expect(writer.written.count == payload.count + 8)
        #expect(Array(writer.written.suffix(4)) == [0, 0, 0, 1])
        let reader = PacketChannel(stream: ScriptedStream(writer.written))
        #expect(try reader.readPayload().count == payload.count)
    }

    @Test("a sequence id out of order is an error that closes the stream")
    func outOfOrder() throws {
        let stream = ScriptedStream(frame([1, 2, 3], sequence: 5))
        let channel = PacketChannel(stream: stream)
        #expect(throws: MySQLError.packetsOutOfOrder(expected: 0, received: 5)) { try channel.readPayload() }
        #expect(stream.isClosed)
    }

    @Test("a connection closed in the middle of a packet is an error, not a hang")
    func truncated() throws {
        let bytes = Array(frame([1, 2, 3, 4, 5, 6], sequence: 0).prefix(7))
        let channel = PacketChannel(stream: ScriptedStream(bytes, chunk: 3))
        #expect(throws: MySQLError.transport(.closed)) { try channel.readPayload() }
    }

    @Test("a packet larger than the limit is refused before it is read")
    func tooLarge() throws {
        let channel = PacketChannel(stream: ScriptedStream([0xFF, 0xFF, 0xFF, 0]), maxPayload: 1 << 20)
        #expect(throws: MySQLError.packetTooLarge(size: 0xFF_FFFF, limit: 1 << 20)) { try channel.readPayload() }
    }

    @Test("each command restarts the sequence at 0")
    func resetSequence() throws {
        let writer = ScriptedStream([])
        let channel = PacketChannel(stream: writer)
        try channel.writePayload([1], kind: "test")
        try channel.writePayload([2], kind: "test")
        channel.resetSequence()
        try channel.writePayload([3], kind: "test")
        #expect(writer.written == [1, 0, 0, 0, 1, 1, 0, 0, 1, 2, 1, 0, 0, 0, 3])
    }
}
