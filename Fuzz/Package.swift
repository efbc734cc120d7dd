// swift-tools-version:6.2
// libFuzzer targets for Kefu's parsers, in their own package so `swift test` never builds them
// (swift-nio-http2's FuzzTesting recipe). Build and run with ../scripts/fuzz.sh, or by hand:
//   swift build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld
//   .build/release/FuzzSIPMessage -max_total_time=600 Corpus/FuzzSIPMessage
// Crashers go to FailCases/<target>/; Tests/SIPTests replays them under plain `swift test`.

import PackageDescription

let harness: [Target.Dependency] = ["FuzzHarness", .product(name: "SIP", package: "kefu")]

let package = Package(
    name: "KefuFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "kefu", path: ".."),
    ],
    targets: [
        // What each target checks, shared with the fail-case replay test in Tests/SIPTests.
        .target(name: "FuzzHarness", dependencies: [.product(name: "SIP", package: "kefu")]),
        .executableTarget(name: "FuzzSIPMessage", dependencies: harness),
        .executableTarget(name: "FuzzSIPStream", dependencies: harness),
        .executableTarget(name: "FuzzSDP", dependencies: harness),
    ]
)
