// A fast generator for branches, tags and Call-IDs, seeded once from the system.

/// xoshiro256** seeded from a system random value: unpredictable enough for identifiers that
/// only need to be unique, and cheap on the hot path.
struct FastRandom: RandomNumberGenerator {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    init(seed: UInt64) {
        var splitMix = seed
        func next() -> UInt64 {
            splitMix &+= 0x9E37_79B9_7F4A_7C15
            var z = splitMix
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        state = (next(), next(), next(), next())
    }

    mutating func next() -> UInt64 {
        let result = ((state.1 &* 5) << 7 | (state.1 &* 5) >> 57) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = state.3 << 45 | state.3 >> 19
        return result
    }

    /// 16 lower-case hex digits of fresh randomness.
    mutating func token() -> String {
        let value = next()
        let digits: StaticString = "0123456789abcdef"
        var bytes = [UInt8](repeating: 0, count: 16)
        digits.withUTF8Buffer { table in
            for index in 0..<16 {
                bytes[index] = table[Int((value >> UInt64(60 - index * 4)) & 0xF)]
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
