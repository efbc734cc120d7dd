// A small seeded random number generator, so the engine and the simulator replay exactly.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// SplitMix64: fast, seedable and good enough for routing picks and simulations. The
/// engine's `random` strategy and the simulator draw from it; nothing reads system entropy.
public struct ACDRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// The same seed always yields the same sequence.
    public init(seed: UInt64) {
        self.state = seed
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform number in [0, 1).
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// An exponentially distributed number with the given mean (inter-arrival and handle
    /// times of the simulator).
    public mutating func exponential(mean: Double) -> Double {
        -mean * log(1 - nextUnit())
    }
}
