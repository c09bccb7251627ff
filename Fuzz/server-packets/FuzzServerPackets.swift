import FuzzBodies

/// libFuzzer's entry; the body is shared with the corpus replay of `swift test`
/// (Fuzz/Bodies/FuzzServerPackets.swift).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzServerPackets(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    FuzzBodies.serverPackets(data, size)
}
