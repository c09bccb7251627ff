import Transport

/// Packet framing: a 3-byte little-endian payload length and a 1-byte sequence id before
/// every payload. Payloads of 16 MiB − 1 bytes or more travel as several packets and are
/// joined here; a sequence id out of order is an error, never a hang.
///
/// Reads go through one reusable buffer: a payload that fits is lent in place
/// (`borrowPayload`), larger ones are joined into a second reusable buffer, so reading rows
/// allocates nothing per packet.
/// https://mariadb.com/kb/en/0-packet/
package final class PacketChannel {
    /// The largest payload one packet carries; a packet this long is continued by the next.
    package static let maxFragment = 0xFF_FFFF

    package private(set) var stream: ByteStream
    /// Sequence id the next packet, read or written, must carry.
    /// (The channel belongs to one connection on one thread, and no access to these counters
    /// overlaps another, so the runtime exclusivity checks are left out of the row loop.)
    @exclusivity(unchecked) package private(set) var sequence: UInt8 = 0
    /// Upper bound on a joined payload; protects against a peer announcing endless data.
    package let maxPayload: Int

    /// The read buffer: bytes `start..<end` are received and not yet consumed.
    private let storage: UnsafeMutableRawBufferPointer
    @exclusivity(unchecked) private var start = 0
    @exclusivity(unchecked) private var end = 0
    /// Where payloads larger than the read buffer are joined; grows as needed, up to maxPayload.
    private var large = UnsafeMutableRawBufferPointer(start: nil, count: 0)
    /// Receives each packet's direction, sequence id, length and kind.
    package var trace: PacketTracer?
    /// The part of the conversation, to name the packets received in the trace.
    var phase = ConversationPhase.greeting

    package init(stream: ByteStream, maxPayload: Int = 256 << 20, bufferSize: Int = 128 << 10) {
        self.stream = stream
        self.maxPayload = maxPayload
        storage = .allocate(byteCount: max(bufferSize, 16), alignment: 8)
    }

    deinit {
        storage.deallocate()
        large.deallocate()
    }

    /// Starts a new command: its first packet carries sequence id 0.
    package func resetSequence() { sequence = 0 }

    /// Replaces the stream (after a TLS upgrade) keeping the sequence.
    package func replaceStream(_ newStream: ByteStream) throws(MySQLError) {
        guard start == end else {
            throw .malformed(.dataBeforeTLS)
        }
        stream = newStream
    }

    /// Reads one logical payload into an array of its own.
    package func readPayload() throws(MySQLError) -> [UInt8] {
        Array(try borrowPayload())
    }

    /// Reads one logical payload and lends it: the bytes stay valid until the next read.
    package func borrowPayload() throws(MySQLError) -> UnsafeRawBufferPointer {
        let (length, received) = try header()
        guard received == sequence else { throw unexpectedSequence(received: received, length: length) }
        guard length <= maxPayload else {
            stream.close()
            throw .packetTooLarge(size: length, limit: maxPayload)
        }
        sequence &+= 1
        let payload: UnsafeRawBufferPointer
        if length < PacketChannel.maxFragment && 4 + length <= storage.count {
            try fill(4 + length)
            let payloadStart = start + 4
            start = payloadStart + length
            payload = UnsafeRawBufferPointer(rebasing: storage[payloadStart..<(payloadStart + length)])
        } else {
            start += 4
            payload = try join(firstLength: length)
        }
        if let trace {
            trace(PacketEvent(direction: .received, sequence: received, length: payload.count,
                              kind: phase.kind(of: payload.first, length: payload.count)))
        }
        return payload
    }

    /// Joins a payload that does not fit the read buffer (and its continuation packets).
    private func join(firstLength: Int) throws(MySQLError) -> UnsafeRawBufferPointer {
        var total = 0
        var length = firstLength
        while true {
            guard total + length <= maxPayload else {
                stream.close()
                throw .packetTooLarge(size: total + length, limit: maxPayload)
            }
            if total + length > large.count { grow(to: total + length) }
            try copy(length, to: large.baseAddress! + total)
            total += length
            if length < PacketChannel.maxFragment { break }
            let (next, received) = try header()
            guard received == sequence else { throw unexpectedSequence(received: received, length: next) }
            sequence &+= 1
            start += 4
            length = next
        }
        return UnsafeRawBufferPointer(rebasing: large[0..<total])
    }

    private func grow(to size: Int) {
        let bigger = UnsafeMutableRawBufferPointer.allocate(
            byteCount: max(size, min(large.count * 2, maxPayload)), alignment: 8)
        if let base = large.baseAddress, large.count > 0 {
            bigger.baseAddress!.copyMemory(from: base, byteCount: large.count)
        }
        large.deallocate()
        large = bigger
    }

    /// The next packet header (length, sequence id), not consumed.
    private func header() throws(MySQLError) -> (Int, UInt8) {
        try fill(4)
        let length = Int(storage[start]) | Int(storage[start + 1]) << 8 | Int(storage[start + 2]) << 16
        return (length, storage[start + 3])
    }

    /// Writes one logical payload, splitting it into packets of at most 16 MiB − 1 bytes;
    /// `kind` names it in the trace.
    package func writePayload(_ payload: [UInt8], kind: String) throws(MySQLError) {
        trace?(PacketEvent(direction: .sent, sequence: sequence, length: payload.count, kind: kind))
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
        guard received == 0, length >= 3, length <= 4096, (try? fill(4 + length)) != nil else {
            return .packetsOutOfOrder(expected: sequence, received: received)
        }
        let payload = Array(storage[(start + 4)..<(start + 4 + length)])
        start += 4 + length
        guard payload.first == 0xFF, let error = try? ErrPacket(decoding: payload, capabilities: [.protocol41]).error else {
            return .packetsOutOfOrder(expected: sequence, received: received)
        }
        return .closedByServer(error)
    }

    /// Ensures at least `count` buffered bytes (count ≤ buffer size), moving what is pending to
    /// the front when the tail of the buffer is too short.
    private func fill(_ count: Int) throws(MySQLError) {
        if end - start >= count { return }
        if start + count > storage.count {
            let pending = end - start
            if pending > 0 {
                storage.baseAddress!.copyMemory(from: storage.baseAddress! + start, byteCount: pending)
            }
            start = 0
            end = pending
        }
        while end - start < count {
            end += try readMore(into: UnsafeMutableRawBufferPointer(rebasing: storage[end...]))
        }
    }

    /// Copies the next `count` payload bytes to `destination`, from the buffer then the stream.
    private func copy(_ count: Int, to destination: UnsafeMutableRawPointer) throws(MySQLError) {
        var written = 0
        while written < count {
            if start == end {
                start = 0
                end = try readMore(into: storage)
            }
            let take = min(count - written, end - start)
            (destination + written).copyMemory(from: storage.baseAddress! + start, byteCount: take)
            start += take
            written += take
        }
    }

    private func readMore(into target: UnsafeMutableRawBufferPointer) throws(MySQLError) -> Int {
        let count: Int
        do {
            count = try stream.read(into: target)
        } catch {
            stream.close()
            throw .transport(error)
        }
        guard count > 0 else {
            stream.close()
            throw .transport(.closed)
        }
        return count
    }
}
