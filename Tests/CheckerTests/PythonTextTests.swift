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

    @Test("a DATE or DATETIME the client cannot parse is shown as the server sent it; a zero date is empty, as the connector gives None")
    func unparsableDates() throws {
        let columns = [ColumnDefinition(name: "d", type: .date), ColumnDefinition(name: "t", type: .datetime),
                       ColumnDefinition(name: "n", type: .date)]
        var writer = ByteWriter()
        for value in ["2024-13-45", "yesterday 25:00", "0000-00-00"] { writer.writeLengthEncodedString(value) }
        let row = try Row(decoding: writer.bytes, columns: columns)
        #expect(try PythonText.cell(row, 0) == "2024-13-45")
        #expect(try PythonText.cell(row, 1) == "yesterday 25:00")
        #expect(try PythonText.cell(row, 2) == "")
    }
}
