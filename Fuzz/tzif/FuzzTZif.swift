import FuzzBodies

/// libFuzzer's entry; the body is shared with the corpus replay of `swift test`
/// (Fuzz/Bodies/FuzzTZif.swift).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTZif(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    FuzzBodies.tzif(data, size)
}
