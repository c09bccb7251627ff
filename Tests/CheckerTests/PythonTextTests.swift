import Testing
import MySQLWire
@testable import Checker

@Suite("Python's text")
struct PythonTextTests {
    @Test("timedelta prints as Python prints it", arguments: [
        (Int64(3_660_000_000), "1:01:00"), (-3_600_000_000, "-1 day, 23:00:00"), (0, "0:00:00"),
        (90_000_000_000, "1 day, 1:00:00"), (176_400_000_000, "2 days, 1:00:00"), (500_000, "0:00:00.500000"),
        (-1, "-1 day, 23:59:59.999999"),
    ])
    func timedelta(micros: Int64, text: String) {
        #expect(PythonText.timedelta(microseconds: micros) == text)
    }

    @Test("lists of strings print as repr() prints them")
    func listRepr() {
        #expect(PythonText.listRepr([]) == "[]")
        #expect(PythonText.listRepr(["a.example.test", "b"]) == "['a.example.test', 'b']")
        #expect(PythonText.listRepr(["it's"]) == "[\"it's\"]")
        #expect(PythonText.listRepr(["both'\""]) == "['both\\'\"']")
        #expect(PythonText.listRepr(["tab\there\n", "bell\u{07}", "zoë"]) == "['tab\\there\\n', 'bell\\x07', 'zoë']")
    }

    @Test("floats print as repr() prints them")
    func floats() {
        #expect(PythonText.floatRepr(0.1) == "0.1")
        #expect(PythonText.floatRepr(1e-05) == "1e-05")
        #expect(PythonText.floatRepr(2.0) == "2.0")
        #expect(PythonText.floatRepr(1e16) == "1e+16")
        // Between 2^53 and 1e16 Python stays positional, where Swift's description does not.
        #expect(PythonText.floatRepr(9.5e15) == "9500000000000000.0")
        #expect(PythonText.floatRepr(9_007_199_254_740_992) == "9007199254740992.0")
        #expect(PythonText.floatRepr(9_999_999_999_999_998) == "9999999999999998.0")
        #expect(PythonText.floatRepr(0.0001) == "0.0001")
        #expect(PythonText.floatRepr(0.00009999) == "9.999e-05")
        #expect(PythonText.floatRepr(-0.0) == "-0.0")
        #expect(PythonText.floatRepr(.greatestFiniteMagnitude) == "1.7976931348623157e+308")
        #expect(PythonText.floatRepr(.leastNonzeroMagnitude) == "5e-324")
        #expect(PythonText.floatRepr(.infinity) == "inf" && PythonText.floatRepr(-.infinity) == "-inf")
        #expect(PythonText.floatRepr(.nan) == "nan")
    }

    @Test("a DATE or DATETIME the client cannot read as a calendar value is shown as the server sent it, never empty like NULL")
    func unparsableDates() throws {
        let values = ["2024-13-45", "yesterday 25:00", "0000-00-00", "2026-00-00", "2026-02-30", "0000-00-00 00:00:00",
                      "2026-00-00 10:00:00", "2024-10-18", "2024-10-18 01:02:03"]
        let types: [ColumnType] = [.date, .datetime, .date, .date, .date, .datetime, .timestamp, .date, .datetime]
        let columns = types.enumerated().map { ColumnDefinition(name: "c\($0.offset)", type: $0.element) }
        var writer = ByteWriter()
        for value in values { writer.writeLengthEncodedString(value) }
        let row = try Row(decoding: writer.bytes, columns: columns)
        #expect(try columns.indices.map { try PythonText.cell(row, $0) } == values)
    }

    @Test("in JSON every integer is a number with all its digits, beyond 2^53 and 2^63 too; NULL is null")
    func integersInJSON() throws {
        let columns = [ColumnDefinition(name: "id", type: .longlong), ColumnDefinition(name: "target", characterSet: 45, type: .varString),
                       ColumnDefinition(name: "status", characterSet: 45, type: .varString), ColumnDefinition(name: "size", type: .newdecimal),
                       ColumnDefinition(name: "n", type: .long)]
        func row(_ values: [String?]) throws -> Row {
            var writer = ByteWriter()
            for value in values {
                if let value { writer.writeLengthEncodedString(value) } else { writer.writeUInt8(0xFB) }
            }
            return try Row(decoding: writer.bytes, columns: columns)
        }
        let todays = try TodaysRows(ResultSet(columns: columns, rows: [
            row(["1", "x", "success", "12345678901234567890.5", "7"]),
            row(["18446744073709551615", "x", "success", "1", nil]),
            row(["-9223372036854775808", "x", "success", "0", "9007199254740993"]),
        ]), table: "list")
        let json = todays.rows.map { JSONReport.rowObject(todays, $0).serialized }
        #expect(json == [
            #"{"id":1,"target":"x","status":"success","size":"12345678901234567890.5","n":7}"#,
            #"{"id":18446744073709551615,"target":"x","status":"success","size":"1","n":null}"#,
            #"{"id":-9223372036854775808,"target":"x","status":"success","size":"0","n":9007199254740993}"#,
        ])
    }
}
