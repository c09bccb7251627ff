import FuzzBodies

/// libFuzzer's entry; the body is shared with the corpus replay of `swift test`
/// (Fuzz/Bodies/FuzzTextRow.swift).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTextRow(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    FuzzBodies.textRow(data, size)
}
