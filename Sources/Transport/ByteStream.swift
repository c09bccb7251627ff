/// A connected, ordered, reliable stream of bytes: a plain socket or a TLS session over one.
/// The protocol code above it never knows which it has.
package protocol ByteStream: AnyObject {
    /// Reads at least one byte into `buffer` and returns how many; 0 means the peer closed.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(TransportError) -> Int
    /// Writes every byte of `bytes` or throws.
    func write(_ bytes: UnsafeRawBufferPointer) throws(TransportError)
    /// Releases the connection. Safe to call more than once.
    func close()
    /// The end of the current exchange: while set, no read or write waits past it and none
    /// starts after it, whatever the per-operation timeouts allow, so a peer that drips one
    /// byte a second cannot stretch an exchange.
    var deadline: Deadline? { get set }
}

extension ByteStream {
    /// Writes every byte of `bytes` or throws.
    package func write(_ bytes: [UInt8]) throws(TransportError) {
        var failure: TransportError?
        bytes.withUnsafeBytes { raw in
            do throws(TransportError) { try write(raw) } catch { failure = error }
        }
        if let failure { throw failure }
    }
}
