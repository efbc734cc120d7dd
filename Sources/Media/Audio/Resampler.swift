// Sample-rate conversion for audio that does not come at 8 kHz (espeak-ng speaks at 22,050 Hz):
// band-limited interpolation with a Blackman-windowed sinc.

import Foundation

/// Converts mono audio between sample rates.
public enum Resampler {
    /// Resamples `input` from `inputRate` to `outputRate`, low-pass filtered below the lower
    /// Nyquist frequency so that nothing folds back.
    public static func resample(_ input: [Int16], from inputRate: Int, to outputRate: Int, taps: Int = 16) -> [Int16] {
        guard inputRate != outputRate, !input.isEmpty else { return input }
        let ratio = Double(outputRate) / Double(inputRate)
        let cutoff = min(1.0, ratio) * 0.95
        let outputCount = Int((Double(input.count) * ratio).rounded(.down))
        let halfWidth = Double(taps) / min(1.0, ratio) / 2
        var output = [Int16](repeating: 0, count: outputCount)
        for n in 0..<outputCount {
            let center = Double(n) / ratio
            let first = max(0, Int((center - halfWidth).rounded(.up)))
            let last = min(input.count - 1, Int((center + halfWidth).rounded(.down)))
            var sum = 0.0
            var weightSum = 0.0
            if first <= last {
                for k in first...last {
                    let t = Double(k) - center
                    let x = t * cutoff
                    let sinc = abs(x) < 1e-9 ? 1.0 : sin(Double.pi * x) / (Double.pi * x)
                    let w = (t + halfWidth) / (2 * halfWidth)
                    let window = 0.42 - 0.5 * cos(2 * Double.pi * w) + 0.08 * cos(4 * Double.pi * w)
                    let weight = sinc * window
                    sum += Double(input[k]) * weight
                    weightSum += weight
                }
            }
            output[n] = Int16(clamping: Int((weightSum > 0 ? sum / weightSum : 0).rounded()))
        }
        return output
    }
}
