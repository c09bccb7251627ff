import COpenSSL
import Glibc

/// An OpenSSL BIO over a socket descriptor that sends with MSG_NOSIGNAL. OpenSSL's own socket
/// BIO writes with write(2), which raises SIGPIPE when the peer has gone and kills a process
/// that has not ignored the signal; with this BIO a library user need not touch the process's
/// signal dispositions, and a vanished peer is an error like any other.
enum SocketBIO {
    /// Reads and writes that cannot proceed now set OpenSSL's retry flags; TLSStream then
    /// polls the socket, within its limits, and calls OpenSSL again.
    static func make(descriptor: Int32) -> OpaquePointer? {
        guard let method = method, let bio = BIO_new(method) else { return nil }
        // The descriptor travels in the data pointer, off by one so that 0 is not nil.
        BIO_set_data(bio, UnsafeMutableRawPointer(bitPattern: Int(descriptor) + 1))
        BIO_set_init(bio, 1)
        return bio
    }

    nonisolated(unsafe) private static let method: OpaquePointer? = {
        guard let method = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "socket, no SIGPIPE") else {
            return nil
        }
        BIO_meth_set_write_ex(method) { bio, data, length, written in
            bc_BIO_clear_retry_flags(bio)
            while true {
                let count = send(SocketBIO.descriptor(bio), data, length, Int32(MSG_NOSIGNAL))
                if count >= 0 {
                    written?.pointee = count
                    return 1
                }
                let code = errno
                if code == EINTR { continue }
                if code == EAGAIN || code == EWOULDBLOCK { bc_BIO_set_retry_write(bio) }
                return 0
            }
        }
        BIO_meth_set_read_ex(method) { bio, data, length, read in
            bc_BIO_clear_retry_flags(bio)
            while true {
                let count = recv(SocketBIO.descriptor(bio), data, length, 0)
                if count > 0 {
                    read?.pointee = count
                    return 1
                }
                if count == 0 { return 0 }
                let code = errno
                if code == EINTR { continue }
                if code == EAGAIN || code == EWOULDBLOCK { bc_BIO_set_retry_read(bio) }
                return 0
            }
        }
        BIO_meth_set_ctrl(method) { _, command, _, _ in
            command == BIO_CTRL_FLUSH ? 1 : 0
        }
        return method
    }()

    private static func descriptor(_ bio: OpaquePointer?) -> Int32 {
        Int32(truncatingIfNeeded: Int(bitPattern: BIO_get_data(bio)) - 1)
    }
}
