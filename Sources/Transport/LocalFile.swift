import Glibc

/// The one reader of small local files (a PEM key, a .env file, the expected list, a zone
/// file): whole, bounded in size, and only regular files, so that a wrong path (a FIFO that
/// would block forever, a device, a huge log) is an error and not a hang or a memory blow-up.
package enum LocalFile {
    /// Why a file could not be read.
    package enum Failure: Error, Equatable, Sendable, CustomStringConvertible {
        case notFound
        /// It exists but this process may not open it (EACCES, EPERM): a question of file
        /// permissions, not of a wrong path.
        case permissionDenied
        /// It exists but is not a regular file (a directory, a FIFO, ...).
        case notRegularFile(FileKind)
        /// Opening, examining or reading it failed with this errno.
        case unreadable(errno: Int32)
        case tooLarge(limit: Int)

        /// A failed stat, access or open, by its errno: no such path, no permission, or else.
        init(errno code: Int32) {
            if code == ENOENT || code == ENOTDIR {
                self = .notFound
            } else {
                self = code == EACCES || code == EPERM ? .permissionDenied : .unreadable(errno: code)
            }
        }

        package var description: String {
            switch self {
            case .notFound: return "does not exist"
            case .permissionDenied: return "cannot be read: permission denied"
            case let .notRegularFile(kind): return "is \(kind), not a regular file"
            case let .unreadable(code): return "cannot be read: \(errnoText(code))"
            case let .tooLarge(limit): return "is larger than \(limit) bytes"
            }
        }
    }

    /// What is at a path that is not a regular file.
    package enum FileKind: Equatable, Sendable, CustomStringConvertible {
        case directory, fifo, characterDevice, blockDevice, socket, special

        init(mode: mode_t) {
            switch mode & S_IFMT {
            case S_IFDIR: self = .directory
            case S_IFIFO: self = .fifo
            case S_IFCHR: self = .characterDevice
            case S_IFBLK: self = .blockDevice
            case S_IFSOCK: self = .socket
            default: self = .special
            }
        }

        package var description: String {
            switch self {
            case .directory: return "a directory"
            case .fifo: return "a FIFO"
            case .characterDevice: return "a character device"
            case .blockDevice: return "a block device"
            case .socket: return "a socket"
            case .special: return "a special file"
            }
        }
    }

    /// A file's bytes and its permission bits.
    package struct Contents: Sendable {
        package var bytes: [UInt8]
        /// The permission bits (mode & 0o7777), e.g. 0o600.
        package var permissions: UInt32
        /// True when users other than the owner and the group may read it.
        package var isWorldReadable: Bool { permissions & 0o004 != 0 }
        /// True when the group may read it.
        package var isGroupReadable: Bool { permissions & 0o040 != 0 }
    }

    /// The folder (with its trailing slash, "" for the current one) and the file's name:
    /// "/var/lib/x.prom" → ("/var/lib/", "x.prom"), "x.prom" → ("", "x.prom").
    package static func split(_ path: String) -> (folder: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return ("", path) }
        return (String(path[...slash]), String(path[path.index(after: slash)...]))
    }

    /// True when something exists at `path`.
    package static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    /// Checks, without opening it, that `path` is a regular file this process may read: for a
    /// file another library reads itself (a CA file, which OpenSSL loads), so that a wrong path
    /// is a clear error before any connection and the file is still read only once.
    package static func checkReadable(_ path: String) throws(Failure) {
        var info = stat()
        guard stat(path, &info) == 0 else { throw Failure(errno: errno) }
        guard info.st_mode & S_IFMT == S_IFREG else { throw .notRegularFile(FileKind(mode: info.st_mode)) }
        // AT_EACCESS: the effective ids, as open(2) checks them, not the real ones access(2) uses.
        guard faccessat(AT_FDCWD, path, R_OK, AT_EACCESS) == 0 else { throw Failure(errno: errno) }
    }

    /// Reads a regular file whole; larger than `limit` bytes is an error.
    package static func read(_ path: String, limit: Int) throws(Failure) -> Contents {
        // O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused below.
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard fd >= 0 else { throw Failure(errno: errno) }
        defer { _ = close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .unreadable(errno: errno) }
        guard info.st_mode & S_IFMT == S_IFREG else { throw .notRegularFile(FileKind(mode: info.st_mode)) }
        guard info.st_size <= limit else { throw .tooLarge(limit: limit) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(info.st_size))
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                let code = errno
                if code == EINTR { continue }
                throw .unreadable(errno: code)
            }
            if count == 0 { return Contents(bytes: bytes, permissions: UInt32(info.st_mode & 0o7777)) }
            guard bytes.count + count <= limit else { throw .tooLarge(limit: limit) }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }
}
