/// The bodies of the libFuzzer targets (Fuzz/<name>/), here so that `swift test` replays every
/// seed of Tests/FuzzCorpus through the same code, as go's fuzz tests run their seeds under
/// plain `go test`.
package enum FuzzBodies {
    /// A body: the input's bytes and count; returns 0, as libFuzzer wants.
    package typealias Body = (UnsafePointer<UInt8>, Int) -> Int32

    /// Each target's body by the name of its folder in Fuzz/ and Tests/FuzzCorpus/.
    package static var byTarget: [String: Body] {
        [
            "auth-packets": authPackets,
            "column-definition": columnDefinition,
            "dotenv": dotEnv,
            "expected-list": expectedList,
            "framing": framing,
            "greeting": greeting,
            "http-response": httpResponse,
            "notify-urls": notifyURLs,
            "server-packets": serverPackets,
            "text-row": textRow,
            "tzif": tzif,
        ]
    }

    /// Runs `body` over `bytes` as libFuzzer would hand them.
    package static func run(_ body: Body, _ bytes: [UInt8]) -> Int32 {
        let padded = bytes.isEmpty ? [0] : bytes
        return padded.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return 0 }
            return body(base, bytes.count)
        }
    }
}
