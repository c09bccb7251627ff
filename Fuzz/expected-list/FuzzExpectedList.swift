@testable import Checker

/// The expected-backups list, and the diff and report built on it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzExpectedList(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let list = ExpectedList(parsing: text)
    let rows = list.targets.enumerated().map { ($0.element, $0.offset % 3 == 0 ? "success" : "failed") }
    let diff = BackupDiff(expected: Array(list.targets.prefix(1000)), rows: Array(rows.prefix(1000)))
    _ = PythonText.listRepr(diff.difference)
    return 0
}
