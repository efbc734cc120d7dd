// Sample-rate conversion for audio that does not come at 8 kHz (espeak-ng speaks at 22,050 Hz):
// band-limited interpolation with a Blackman-windowed sinc.

import Foundation

/// Converts mono audio between sample rates.
public enum Resampler {
    /// Resamples `input` from `inputRate` to `outputRate`, low-pass filtered below the lower
    /// Nyquist frequency so that nothing folds back.
    ///
    /// The filter's weights depend only on where an output sample falls between two input
    /// samples. For rates with a small common period (22,050 → 8,000 Hz repeats every 160
    /// output samples) they are computed once per position, not once per sample: a prompt
    /// rendered while callers wait costs a few multiplications per tap instead of three
    /// trigonometric calls.
    public static func resample(_ input: [Int16], from inputRate: Int, to outputRate: Int, taps: Int = 16) -> [Int16] {
        resample(input, from: inputRate, to: outputRate, taps: taps, maximumTablePhases: maximumTablePhases)
    }

    /// ``resample(_:from:to:taps:)`` with weights tabled when the period is at most `maximumTablePhases`.
    static func resample(_ input: [Int16], from inputRate: Int, to outputRate: Int, taps: Int, maximumTablePhases: Int) -> [Int16] {
        guard inputRate != outputRate, inputRate > 0, outputRate > 0, !input.isEmpty else { return input }
        let filter = Filter(inputRate: inputRate, outputRate: outputRate, taps: taps)
        let outputCount = Int((Double(input.count) * filter.ratio).rounded(.down))
        let divisor = gcd(inputRate, outputRate)
        let period = outputRate / divisor
        let step = inputRate / divisor
        var output = [Int16](repeating: 0, count: outputCount)
        if period <= maximumTablePhases {
            let phases = (0..<min(period, outputCount)).map { filter.phase(of: $0) }
            input.withUnsafeBufferPointer { samples in
                for n in 0..<outputCount {
                    output[n] = phases[n % period].apply(to: samples, at: n / period * step)
                }
            }
        } else {
            input.withUnsafeBufferPointer { samples in
                for n in 0..<outputCount { output[n] = filter.phase(of: n).apply(to: samples, at: 0) }
            }
        }
        return output
    }

    /// Above this many distinct positions the weights are computed per sample.
    static let maximumTablePhases = 4096

    private static func gcd(_ a: Int, _ b: Int) -> Int {
        var (a, b) = (a, b)
        while b != 0 { (a, b) = (b, a % b) }
        return a
    }

    /// The windowed-sinc low-pass filter for one conversion.
    private struct Filter {
        let ratio: Double
        let cutoff: Double
        let halfWidth: Double

        init(inputRate: Int, outputRate: Int, taps: Int) {
            ratio = Double(outputRate) / Double(inputRate)
            cutoff = min(1.0, ratio) * 0.95
            halfWidth = Double(taps) / min(1.0, ratio) / 2
        }

        /// The weights for output sample `n`, by input index.
        func phase(of n: Int) -> Phase {
            let center = Double(n) / ratio
            let first = Int((center - halfWidth).rounded(.up))
            let last = Int((center + halfWidth).rounded(.down))
            guard first <= last else { return Phase(first: first, weights: []) }
            let weights = (first...last).map { k -> Double in
                let t = Double(k) - center
                let x = t * cutoff
                let sinc = abs(x) < 1e-9 ? 1.0 : sin(Double.pi * x) / (Double.pi * x)
                let w = (t + halfWidth) / (2 * halfWidth)
                let window = 0.42 - 0.5 * cos(2 * Double.pi * w) + 0.08 * cos(4 * Double.pi * w)
                return sinc * window
            }
            return Phase(first: first, weights: weights)
        }
    }

    /// One output position's weights, from input index `first` on.
    private struct Phase {
        let first: Int
        let weights: [Double]

        /// The output sample for this position `shift` input samples further on; taps that
        /// fall outside the input are left out and the rest renormalized.
        func apply(to samples: UnsafeBufferPointer<Int16>, at shift: Int) -> Int16 {
            var sum = 0.0
            var weightSum = 0.0
            let start = first + shift
            for (offset, weight) in weights.enumerated() {
                let k = start + offset
                guard k >= 0, k < samples.count else { continue }
                sum += Double(samples[k]) * weight
                weightSum += weight
            }
            return Int16(clamping: Int((weightSum > 0 ? sum / weightSum : 0).rounded()))
        }
    }
}
