// swift-tools-version:6.0
import PackageDescription

// OpenSSL is linked from its static archives so that the binary needs only glibc at run time
// (docs/design.md, "Dependencies and size"). The module map names no library for the same reason.
let staticOpenSSL: [LinkerSetting] = [
    .linkedLibrary(":libssl.a"),
    .linkedLibrary(":libcrypto.a"),
]

// The arrows: backup-checker → Checker → {MySQLWire, Notify} → Transport → COpenSSL, and
// TextRules (the text rules every module shares) below them all, importing nothing.
// scripts/check-layers keeps them.
let package = Package(
    name: "backup-checker",
    products: [
        .executable(name: "backup-checker", targets: ["backup-checker"]),
        .executable(name: "mysqlwire-probe", targets: ["mysqlwire-probe"]),
        .library(name: "MySQLWire", targets: ["MySQLWire"]),
        .library(name: "Notify", targets: ["Notify"]),
        .library(name: "Checker", targets: ["Checker"]),
    ],
    targets: [
        .systemLibrary(name: "COpenSSL", path: "Sources/COpenSSL"),
        .target(name: "TextRules"),
        .target(name: "Transport", dependencies: ["COpenSSL", "TextRules"], linkerSettings: staticOpenSSL),
        .target(name: "MySQLWire", dependencies: ["Transport", "COpenSSL", "TextRules"]),
        .target(name: "Notify", dependencies: ["Transport", "TextRules"]),
        .target(name: "Checker", dependencies: ["MySQLWire", "Notify", "Transport", "TextRules"]),
        .executableTarget(name: "backup-checker", dependencies: ["Checker"]),
        .executableTarget(name: "mysqlwire-probe", dependencies: ["MySQLWire", "Transport"]),
        .target(name: "TestSupport", dependencies: ["COpenSSL", "Transport"], path: "Tests/TestSupport"),
        .testTarget(name: "MySQLWireTests", dependencies: ["MySQLWire", "Transport", "COpenSSL", "TestSupport"]),
        .testTarget(name: "NotifyTests", dependencies: ["Notify", "Transport", "COpenSSL", "TestSupport"]),
        .testTarget(name: "TextRulesTests", dependencies: ["TextRules"]),
        .testTarget(name: "CheckerTests", dependencies: ["Checker", "Notify", "MySQLWire", "Transport", "TextRules", "TestSupport"],
                    exclude: ["Goldens"]),
        // The fuzz targets' bodies (Fuzz/Bodies), replayed over Tests/FuzzCorpus by `swift test`.
        .target(name: "FuzzBodies", dependencies: ["MySQLWire", "Transport", "Notify", "Checker", "TestSupport"],
                path: "Fuzz/Bodies"),
        .testTarget(name: "CorpusReplayTests", dependencies: ["FuzzBodies", "Checker"]),
        .testTarget(
            name: "IntegrationTests",
            dependencies: ["Checker", "MySQLWire", "Notify", "Transport", "COpenSSL", "TestSupport"]
        ),
    ],
    swiftLanguageModes: [.v6]
)

// libFuzzer targets (scripts/fuzz), present only in the fuzzing build: each has no main of its
// own, which only `-sanitize=fuzzer` provides.
if Context.environment["BC_FUZZ"] == "1" {
    for name in ["greeting", "server-packets", "column-definition", "text-row", "auth-packets", "framing",
                 "dotenv", "expected-list", "http-response", "tzif", "notify-urls"] {
        package.targets.append(.executableTarget(
            name: "fuzz-\(name)",
            dependencies: ["FuzzBodies"],
            path: "Fuzz/\(name)"
        ))
    }
}

// The benchmark client (bench/run), present only in the benchmark build.
if Context.environment["BC_BENCH"] == "1" {
    package.targets.append(.executableTarget(
        name: "mysqlwire-bench",
        dependencies: ["MySQLWire", "Transport"],
        path: "bench/mysqlwire-bench"
    ))
}
