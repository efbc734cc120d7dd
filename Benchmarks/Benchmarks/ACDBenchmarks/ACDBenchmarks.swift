// Benchmarks for the ACD module.
import Benchmark
import ACD

let benchmarks: @Sendable () -> Void = {
    Benchmark("ACDModule.name") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(ACDModule.name)
        }
    }
}
