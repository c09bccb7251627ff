import FuzzBodies

/// libFuzzer's entry; the body is shared with the corpus replay of `swift test`
/// (Fuzz/Bodies/FuzzGreeting.swift).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGreeting(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    FuzzBodies.greeting(data, size)
}
