import MySQLWire

/// `--format json`: one document with the day, the zone, the overall result and each target's
/// verdict with its rows.
public enum JSONReport {
    public static func render(_ result: CheckResult, delivery: String? = nil) -> String {
        var members: [(String, JSONValue)] = [
            ("date", .string(result.day.description)),
            ("zone", .string(result.zone)),
        ]
        switch result.outcome {
        case let .success(found):
            members.append(("result", .string(found.diff.isMatch ? "ok" : "mismatch")))
            members.append(("expected", .array(found.diff.expected.map(JSONValue.string))))
            members.append(("done", .array(found.diff.done.map(JSONValue.string))))
            let targets = found.rows.targetsAndStatuses()
            let rowsByTarget = Dictionary(grouping: found.rows.rows.indices) { targets[$0].target }
            let verdicts = found.diff.verdicts.map { entry -> JSONValue in
                let rows = (rowsByTarget[entry.target] ?? []).map { rowObject(found.rows.rows[$0]) }
                return .object([("target", .string(entry.target)), ("verdict", .string(entry.verdict.rawValue)),
                                ("rows", .array(rows))])
            }
            members.append(("targets", .array(verdicts)))
        case let .failure(error):
            members.append(("result", .string("error")))
            members.append(("error", .string(error.description)))
        }
        if let delivery { members.append(("delivery_error", .string(delivery))) }
        return JSONValue.object(members).serialized
    }

    /// A row as {column: value}: integers as numbers, NULL as null, the rest as the report shows it.
    static func rowObject(_ row: Row) -> JSONValue {
        .object(row.columns.indices.map { index in
            let column = row.columns[index]
            let value: JSONValue
            if (try? row.isNull(index)) != false {
                value = .null
            } else if column.type.isInteger, let number = try? row.int64(index), abs(number) < 1 << 53 {
                value = .number(Double(number))
            } else {
                value = .string((try? PythonText.cell(row, index)) ?? "")
            }
            return (column.name, value)
        })
    }
}
