import FuzzBodies

/// libFuzzer's entry; the body is shared with the corpus replay of `swift test`
/// (Fuzz/Bodies/FuzzAuthPackets.swift).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAuthPackets(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    FuzzBodies.authPackets(data, size)
}
