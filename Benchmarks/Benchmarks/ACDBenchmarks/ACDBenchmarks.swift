// Benchmarks for the ACD engine at platform scale: 10,000 agents, 1,000 queues and 50,000
// waiting tasks across 100 tenants (and the same in one tenant). They report the latency
// from an agent becoming ready to its offer, from a task arriving to its offer, and the
// sustained routing decisions per second on one core. They print figures, never assert.
import ACD
import Benchmark

/// Routing decisions per second of this thread's CPU time (thousands): the machine is shared,
/// so wall-clock throughput also counts the time other processes held the core.
let decisionsPerCPUSecond = BenchmarkMetric.custom("Decisions per CPU second (K)", polarity: .prefersLarger,
                                                   useScalingFactor: false)

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal],
        timeUnits: .microseconds,
        warmupIterations: 100,
        maxDuration: .seconds(10),
        maxIterations: 50_000
    )

    for shape in [PlatformShape.hundredTenants, .oneTenant] {
        Benchmark("ready-to-offer latency, \(shape.name)") { benchmark, world in
            world.readyToOffer(benchmark)
        } setup: {
            PlatformWorld(shape)
        }

        Benchmark("arrival-to-offer latency, \(shape.name)") { benchmark, world in
            world.arrivalToOffer(benchmark)
        } setup: {
            PlatformWorld(shape)
        }

        Benchmark(
            "sustained decisions, \(shape.name)",
            configuration: .init(metrics: [.wallClock, .throughput, .mallocCountTotal, decisionsPerCPUSecond],
                                 scalingFactor: .kilo, maxIterations: 200)
        ) { benchmark, world in
            world.sustainedDecisions(benchmark)
        } setup: {
            PlatformWorld(shape)
        }
    }
}
