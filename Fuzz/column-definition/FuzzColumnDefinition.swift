import FuzzBodies

/// libFuzzer's entry; the body is shared with the corpus replay of `swift test`
/// (Fuzz/Bodies/FuzzColumnDefinition.swift).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzColumnDefinition(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    FuzzBodies.columnDefinition(data, size)
}
