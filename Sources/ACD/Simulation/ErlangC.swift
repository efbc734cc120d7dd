// The Erlang C formula: what queueing theory predicts for one FCFS queue without abandons.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Erlang C (M/M/N): Poisson arrivals, exponential handle times, N agents, one FCFS queue,
/// nobody abandons. The simulator is checked against it.
public struct ErlangC: Hashable, Sendable {
    /// Agents serving the queue.
    public var agents: Int
    /// Arrivals per second.
    public var arrivalRate: Double
    /// Mean handle time in seconds.
    public var meanHandleTime: Double

    /// A queue of `agents` agents with `arrivalRate` arrivals per second and a mean handle
    /// time of `meanHandleTime` seconds.
    public init(agents: Int, arrivalRate: Double, meanHandleTime: Double) {
        self.agents = agents
        self.arrivalRate = arrivalRate
        self.meanHandleTime = meanHandleTime
    }

    /// Offered traffic in erlangs (A = λ × AHT).
    public var traffic: Double { arrivalRate * meanHandleTime }

    /// Whether the queue is stable (A < N); otherwise waits grow without bound.
    public var isStable: Bool { traffic < Double(agents) }

    /// Erlang B blocking probability, by the stable recursion B(k) = A·B(k-1) / (k + A·B(k-1)).
    public var blockingProbability: Double {
        var blocking = 1.0
        for k in stride(from: 1, through: agents, by: 1) {
            blocking = traffic * blocking / (Double(k) + traffic * blocking)
        }
        return blocking
    }

    /// The probability that an arrival waits at all.
    public var probabilityOfWaiting: Double {
        guard isStable else { return 1 }
        let blocking = blockingProbability
        let n = Double(agents)
        return n * blocking / (n - traffic * (1 - blocking))
    }

    /// The fraction answered within `threshold` seconds: 1 − C·e^(−(N−A)·t/AHT).
    public func serviceLevel(threshold: Double) -> Double {
        guard isStable else { return 0 }
        return 1 - probabilityOfWaiting * exp(-(Double(agents) - traffic) * threshold / meanHandleTime)
    }

    /// The average speed of answer in seconds: C·AHT / (N − A).
    public var averageSpeedOfAnswer: Double {
        guard isStable else { return .infinity }
        return probabilityOfWaiting * meanHandleTime / (Double(agents) - traffic)
    }

    /// Agent occupancy: A / N.
    public var occupancy: Double { min(1, traffic / Double(agents)) }
}
