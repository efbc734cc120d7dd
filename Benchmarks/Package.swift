// swift-tools-version:6.2
// Kefu's benchmarks (ordo-one/benchmark), in their own package so `swift test` never builds
// them. Run: `cd Benchmarks && swift package benchmark` (or `--target SIPBenchmarks`).
// They print figures (time, instructions, mallocs); they never assert times.

import PackageDescription

let benchmarkDependencies: [Target.Dependency] = [
    .product(name: "Benchmark", package: "benchmark"),
]

let package = Package(
    name: "KefuBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "kefu", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark.git", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "SIPBenchmarks",
            dependencies: benchmarkDependencies + [.product(name: "SIP", package: "kefu")],
            path: "Benchmarks/SIPBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "ACDBenchmarks",
            dependencies: benchmarkDependencies + [.product(name: "ACD", package: "kefu")],
            path: "Benchmarks/ACDBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "IVRBenchmarks",
            dependencies: benchmarkDependencies + [.product(name: "IVR", package: "kefu")],
            path: "Benchmarks/IVRBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "MediaBenchmarks",
            dependencies: benchmarkDependencies + [.product(name: "Media", package: "kefu")],
            path: "Benchmarks/MediaBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "StoreBenchmarks",
            dependencies: benchmarkDependencies + [.product(name: "Store", package: "kefu")],
            path: "Benchmarks/StoreBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
