// Audio checks for end-to-end tests: G.711 to linear, loudness, and which test tone a block holds.

import Foundation

/// Small audio helpers: a test tone is a sine at a multiple of 50 Hz, so one 20 ms block
/// (160 samples at 8 kHz) holds a whole number of periods and Goertzel sees it in one bin.
public enum ToneAnalysis {
    /// The linear sample of a G.711 µ-law byte (ITU-T G.711).
    public static func linear(mulaw byte: UInt8) -> Int16 {
        let value = ~byte
        let sign = value & 0x80
        let exponent = Int((value >> 4) & 0x07)
        let mantissa = Int(value & 0x0F)
        let magnitude = (((mantissa << 3) + 0x84) << exponent) - 0x84
        return Int16(sign != 0 ? -magnitude : magnitude)
    }

    /// The linear sample of a G.711 A-law byte.
    public static func linear(alaw byte: UInt8) -> Int16 {
        let value = byte ^ 0x55
        let sign = value & 0x80
        let exponent = Int((value >> 4) & 0x07)
        let mantissa = Int(value & 0x0F)
        var magnitude = exponent == 0 ? (mantissa << 4) + 8 : ((mantissa << 4) + 0x108) << (exponent - 1)
        magnitude = min(magnitude, 32_767)
        return Int16(sign != 0 ? magnitude : -magnitude)
    }

    /// The µ-law byte of a linear sample.
    public static func mulaw(_ sample: Int16) -> UInt8 {
        let bias = 0x84
        var value = Int(sample)
        let sign: Int = value < 0 ? 0x80 : 0
        if value < 0 { value = -value }
        value = min(value, 32_635) + bias
        var exponent = 7
        var mask = 0x4000
        while exponent > 0, value & mask == 0 {
            exponent -= 1
            mask >>= 1
        }
        let mantissa = (value >> (exponent + 3)) & 0x0F
        return UInt8(~(sign | (exponent << 4) | mantissa) & 0xFF)
    }

    /// Root mean square of `samples`.
    public static func rms(_ samples: ArraySlice<Int16>) -> Double {
        guard !samples.isEmpty else { return 0 }
        var sum = 0.0
        for sample in samples { sum += Double(sample) * Double(sample) }
        return (sum / Double(samples.count)).squareRoot()
    }

    /// The share (0…1) of the block's energy at `frequency` (Goertzel); near 1 for a pure
    /// tone at that frequency, near 0 for speech or another tone.
    public static func toneShare(_ samples: ArraySlice<Int16>, frequency: Double, sampleRate: Double = 8000) -> Double {
        guard samples.count > 1 else { return 0 }
        let coefficient = 2 * cos(2 * Double.pi * frequency / sampleRate)
        var previous = 0.0
        var beforePrevious = 0.0
        var energy = 0.0
        for sample in samples {
            let x = Double(sample)
            energy += x * x
            let current = x + coefficient * previous - beforePrevious
            beforePrevious = previous
            previous = current
        }
        guard energy > 0 else { return 0 }
        let power = previous * previous + beforePrevious * beforePrevious - coefficient * previous * beforePrevious
        return power / (Double(samples.count) / 2 * energy)
    }

    /// What 20 ms blocks of a signal hold: how many are loud and how many carry each tone.
    public struct BlockCounts: Sendable, Hashable, CustomStringConvertible {
        /// Blocks examined.
        public var blocks = 0
        /// Blocks louder than the threshold.
        public var loud = 0
        /// Loud blocks dominated by each probe frequency.
        public var tones: [Int: Int] = [:]
        /// Loud blocks where each probe frequency holds at least a quarter of the energy (one
        /// voice among two or three in a conference mix).
        public var present: [Int: Int] = [:]

        public init() {}

        /// Loud blocks carrying `frequency`.
        public func count(of frequency: Int) -> Int { tones[frequency] ?? 0 }

        /// Loud blocks where `frequency` is one of the voices heard.
        public func presence(of frequency: Int) -> Int { present[frequency] ?? 0 }

        public var description: String {
            "\(blocks) blocks, \(loud) loud, tones \(tones.sorted { $0.key < $1.key }.map { "\($0.key) Hz: \($0.value)" }.joined(separator: ", "))"
        }
    }

    /// Counts loud blocks of `blockSize` samples in `samples` and the ones where one of
    /// `frequencies` holds more than half the energy.
    public static func analyse(_ samples: [Int16], frequencies: [Int], blockSize: Int = 160, sampleRate: Double = 8000, loudness: Double = 200) -> BlockCounts {
        var counts = BlockCounts()
        var start = 0
        while start + blockSize <= samples.count {
            add(samples[start..<(start + blockSize)], frequencies: frequencies, sampleRate: sampleRate, loudness: loudness, to: &counts)
            start += blockSize
        }
        return counts
    }

    /// Adds one block to `counts`.
    public static func add(_ block: ArraySlice<Int16>, frequencies: [Int], sampleRate: Double = 8000, loudness: Double = 200, to counts: inout BlockCounts) {
        counts.blocks += 1
        guard rms(block) > loudness else { return }
        counts.loud += 1
        for frequency in frequencies {
            let share = toneShare(block, frequency: Double(frequency), sampleRate: sampleRate)
            if share > 0.5 { counts.tones[frequency, default: 0] += 1 }
            if share > 0.25 { counts.present[frequency, default: 0] += 1 }
        }
    }
}
