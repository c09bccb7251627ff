@testable import MySQLWire
@testable import Checker

extension FuzzBodies {
    /// Text rows with the column count they claim: the first byte picks the column count and
    /// types, the rest is the row packet; every accessor is called on every value.
    package static func textRow(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
        guard size > 0 else { return 0 }
        let selector = Int(data[0])
        let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
        let types: [ColumnType] = [.long, .longlong, .newdecimal, .double, .date, .time, .datetime, .varString, .blob, .year, .bit]
        let count = selector % 8 + 1
        let columns = (0..<count).map { index in
            ColumnDefinition(name: "c\(index)", characterSet: index % 2 == 0 ? 63 : 45,
                             type: types[(selector / 8 + index) % types.count])
        }
        guard let row = try? Row(decoding: bytes, columns: columns) else { return 0 }
        for index in 0..<row.count {
            _ = try? row.int64(index)
            _ = try? row.uint64(index)
            _ = try? row.double(index)
            _ = try? row.decimalText(index)
            _ = try? row.date(index)
            _ = try? row.time(index)
            _ = try? row.dateTime(index)
            _ = try? row.string(index)
            _ = try? PythonText.cell(row, index)
        }
        _ = PrettyTable.render(headers: columns.map(\.name),
                               rows: [(0..<row.count).map { (try? PythonText.cell(row, $0)) ?? "" }])
        return 0
    }
}
