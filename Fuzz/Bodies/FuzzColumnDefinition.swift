@testable import MySQLWire

extension FuzzBodies {
    /// Column definitions.
    package static func columnDefinition(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
        let bytes = Array(UnsafeBufferPointer(start: data, count: size))
        if let column = try? ColumnDefinition(decoding: bytes) {
            _ = column.isBinary
            _ = column.type.description
        }
        return 0
    }
}
