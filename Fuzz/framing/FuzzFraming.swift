import FuzzBodies

/// libFuzzer's entry; the body is shared with the corpus replay of `swift test`
/// (Fuzz/Bodies/FuzzFraming.swift).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFraming(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    FuzzBodies.framing(data, size)
}
