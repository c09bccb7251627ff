import FuzzBodies

/// libFuzzer's entry; the body is shared with the corpus replay of `swift test`
/// (Fuzz/Bodies/FuzzExpectedList.swift).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzExpectedList(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    FuzzBodies.expectedList(data, size)
}
