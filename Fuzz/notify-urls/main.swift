import FuzzBodies

/// libFuzzer's entry; the body is shared with the corpus replay of `swift test`
/// (Fuzz/Bodies/FuzzNotifyURLs.swift).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNotifyURLs(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    FuzzBodies.notifyURLs(data, size)
}
