import Transport

/// Packet framing: a 3-byte little-endian payload length and a 1-byte sequence id before
/// every payload. Payloads of 16 MiB − 1 bytes or more travel as several packets and are
/// joined here; a sequence id out of order is an error, never a hang.
/// https://mariadb.com/kb/en/0-packet/
public final class PacketChannel {
    /// The largest payload one packet carries; a packet this long is continued by the next.
    public static let maxFragment = 0xFF_FFFF

    public private(set) var stream: ByteStream
    /// Sequence id the next packet, read or written, must carry.
    public private(set) var sequence: UInt8 = 0
    /// Upper bound on a joined payload; protects against a peer announcing endless data.
    public let maxPayload: Int

    private var buffer: [UInt8]
    private var start = 0
    private var end = 0

    public init(stream: ByteStream, maxPayload: Int = 256 << 20, bufferSize: Int = 64 << 10) {
        self.stream = stream
        self.maxPayload = maxPayload
        self.buffer = [UInt8](repeating: 0, count: max(bufferSize, 16))
    }

    /// Starts a new command: its first packet carries sequence id 0.
    public func resetSequence() { sequence = 0 }

    /// Replaces the stream (after a TLS upgrade) keeping the sequence.
    public func replaceStream(_ newStream: ByteStream) throws(MySQLError) {
        guard start == end else {
            throw .malformed("the server sent data before the TLS handshake")
        }
        stream = newStream
    }

    /// Reads one logical payload, joining continuation packets.
    public func readPayload() throws(MySQLError) -> [UInt8] {
        var payload: [UInt8] = []
        while true {
            try fill(4)
            let length = Int(buffer[start]) | Int(buffer[start + 1]) << 8 | Int(buffer[start + 2]) << 16
            let received = buffer[start + 3]
            guard received == sequence else {
                throw unexpectedSequence(received: received, length: length)
            }
            start += 4
            sequence &+= 1
            let total = payload.count + length
            guard total <= maxPayload else {
                stream.close()
                throw .packetTooLarge(size: total, limit: maxPayload)
            }
            if payload.isEmpty && length < PacketChannel.maxFragment {
                payload.reserveCapacity(length)
            }
            try copy(length, into: &payload)
            if length < PacketChannel.maxFragment { return payload }
        }
    }

    /// Writes one logical payload, splitting it into packets of at most 16 MiB − 1 bytes.
    public func writePayload(_ payload: [UInt8]) throws(MySQLError) {
        var framed: [UInt8] = []
        framed.reserveCapacity(payload.count + 4 * (payload.count / PacketChannel.maxFragment + 1))
        var offset = 0
        repeat {
            let length = min(PacketChannel.maxFragment, payload.count - offset)
            framed.append(UInt8(truncatingIfNeeded: length))
            framed.append(UInt8(truncatingIfNeeded: length >> 8))
            framed.append(UInt8(truncatingIfNeeded: length >> 16))
            framed.append(sequence)
            sequence &+= 1
            framed.append(contentsOf: payload[offset..<(offset + length)])
            offset += length
            // A payload that ends exactly on a fragment boundary is closed by an empty packet.
            if length < PacketChannel.maxFragment { break }
        } while true
        do {
            try stream.write(framed)
        } catch {
            throw .transport(error)
        }
    }

    /// A packet with the wrong sequence id: an error the server sent on its own (sequence 0,
    /// an ERR packet: idle timeout, shutdown) is reported as such; anything else is out of order.
    /// Either way the stream is closed.
    private func unexpectedSequence(received: UInt8, length: Int) -> MySQLError {
        defer { stream.close() }
        guard received == 0, length >= 3, length <= 4096 else {
            return .packetsOutOfOrder(expected: sequence, received: received)
        }
        start += 4
        var payload: [UInt8] = []
        guard (try? copy(length, into: &payload)) != nil, payload.first == 0xFF,
              let error = try? ErrPacket(decoding: payload, capabilities: [.protocol41]).error else {
            return .packetsOutOfOrder(expected: sequence, received: received)
        }
        return .closedByServer(error)
    }

    /// Ensures at least `count` buffered bytes (count ≤ buffer size).
    private func fill(_ count: Int) throws(MySQLError) {
        if end - start >= count { return }
        if start > 0 {
            let pending = end - start
            if pending > 0 {
                buffer.withUnsafeMutableBufferPointer { raw in
                    guard let base = raw.baseAddress else { return }
                    (base).update(from: base + start, count: pending)
                }
            }
            start = 0
            end = pending
        }
        while end < count {
            end += try readMore(at: end)
        }
    }

    /// Appends the next `count` payload bytes to `payload`, from the buffer then the stream.
    private func copy(_ count: Int, into payload: inout [UInt8]) throws(MySQLError) {
        var needed = count
        while needed > 0 {
            if start == end {
                start = 0
                end = try readMore(at: 0)
            }
            let take = min(needed, end - start)
            payload.append(contentsOf: buffer[start..<(start + take)])
            start += take
            needed -= take
        }
    }

    private func readMore(at offset: Int) throws(MySQLError) -> Int {
        var failure: TransportError?
        let stream = self.stream
        let count = buffer.withUnsafeMutableBytes { raw -> Int in
            do throws(TransportError) {
                return try stream.read(into: UnsafeMutableRawBufferPointer(rebasing: raw[offset...]))
            } catch {
                failure = error
                return 0
            }
        }
        if let failure {
            stream.close()
            throw .transport(failure)
        }
        guard count > 0 else {
            stream.close()
            throw .transport(.closed)
        }
        return count
    }
}
