// Benchmarks for the Store module.
import Benchmark
import Store

let benchmarks: @Sendable () -> Void = {
    Benchmark("StoreModule.name") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(StoreModule.name)
        }
    }
}
