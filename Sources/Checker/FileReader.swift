#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Reads small text files (a .env, the expected list) without Foundation, with a size limit
/// so that a wrong path (a device, a huge log) cannot exhaust memory.
enum FileReader {
    static let defaultLimit = 4 << 20

    enum Failure: Error, Equatable {
        case notFound
        case unreadable(String)
        case tooLarge(Int)
    }

    static func exists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }

    static func read(_ path: String, limit: Int = defaultLimit) throws(Failure) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            if code == ENOENT { throw .notFound }
            throw .unreadable(String(cString: strerror(code)))
        }
        defer { _ = close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                let code = errno
                if code == EINTR { continue }
                throw .unreadable(String(cString: strerror(code)))
            }
            if count == 0 { return bytes }
            guard bytes.count + count <= limit else { throw .tooLarge(limit) }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }

    /// The file as UTF-8 text, or a configuration error that names what it was for.
    static func text(_ path: String, purpose: String) throws(CheckerError) -> String {
        do {
            return String(decoding: try read(path), as: UTF8.self)
        } catch {
            switch error {
            case .notFound: throw .configuration("\(purpose) \(path) does not exist")
            case let .unreadable(reason): throw .configuration("cannot read \(purpose) \(path): \(reason)")
            case let .tooLarge(limit): throw .configuration("\(purpose) \(path) is larger than \(limit) bytes")
            }
        }
    }
}
