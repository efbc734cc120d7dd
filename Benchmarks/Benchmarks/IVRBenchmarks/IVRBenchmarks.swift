// Benchmarks for the IVR module.
import Benchmark
import IVR

let benchmarks: @Sendable () -> Void = {
    Benchmark("IVRModule.name") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(IVRModule.name)
        }
    }
}
