import Glibc

/// Writing to a file descriptor (a file, a standard stream) until every byte is out.
package enum Descriptor {
    /// Writes all of `bytes`, resuming after signals and short writes; nil when done, else the
    /// errno of the failure (EIO for a write that took nothing, which would otherwise repeat
    /// forever).
    package static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Int32? {
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeBytes { raw in
                Glibc.write(fd, raw.baseAddress.map { $0 + offset }, raw.count - offset)
            }
            if count > 0 {
                offset += count
            } else if count < 0 && errno == EINTR {
                continue
            } else {
                return count < 0 ? errno : EIO
            }
        }
        return nil
    }
}
