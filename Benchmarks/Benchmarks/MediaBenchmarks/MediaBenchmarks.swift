// Benchmarks for the Media module.
import Benchmark
import Media

let benchmarks: @Sendable () -> Void = {
    Benchmark("MediaModule.name") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(MediaModule.name)
        }
    }
}
