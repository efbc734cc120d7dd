// Benchmarks for the SIP module.
import Benchmark
import SIP

let benchmarks: @Sendable () -> Void = {
    Benchmark("SIPModule.name") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(SIPModule.name)
        }
    }
}
