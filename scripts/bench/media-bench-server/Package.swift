// swift-tools-version:6.2
// The Kefu side of the media benchmarks (scripts/bench/media-bridge.sh): a release-built
// process that opens legs with the Media module and bridges them or plays prompts on them.

import PackageDescription

let package = Package(
    name: "media-bench-server",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "kefu", path: "../../..")],
    targets: [
        .executableTarget(
            name: "MediaBenchServer",
            dependencies: [.product(name: "Media", package: "kefu")]
        )
    ]
)
