// The silence espeak-ng leaves around what it says, cut to a short margin: announcements are
// played as sequences of pieces (a phrase, a number, a phrase), and a third of a second of
// silence after each piece made a sentence sound halting.

/// Trims rendered speech to its audible part plus short margins.
enum SpeechEdges {
    /// Samples at or below this magnitude (about -50 dBFS) count as silence.
    static let threshold: Int16 = 100
    /// Silence kept before the first audible sample: 20 ms at 8 kHz.
    static let leadMargin = 160
    /// Silence kept after the last audible sample: 50 ms at 8 kHz, a natural gap between pieces.
    static let tailMargin = 400

    /// `samples` without the silence before and after the speech beyond the margins; all of
    /// `samples` when nothing in it is audible.
    static func trimmed(_ samples: [Int16]) -> [Int16] {
        let audible = { (sample: Int16) in sample > threshold || sample < -threshold }
        guard let first = samples.firstIndex(where: audible), let last = samples.lastIndex(where: audible) else {
            return samples
        }
        let start = max(samples.startIndex, first - leadMargin)
        let end = min(samples.endIndex, last + 1 + tailMargin)
        return Array(samples[start..<end])
    }
}
