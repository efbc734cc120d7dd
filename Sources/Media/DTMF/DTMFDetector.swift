// In-band DTMF detection (ITU-T Q.24 tone pairs) with the Goertzel algorithm, for peers that
// send digits as tones in the audio instead of RFC 4733 events.

import Foundation

/// A streaming DTMF detector over 8 kHz linear samples.
///
/// The audio is cut into blocks of `blockSize` samples (205 samples, 25.6 ms, resolve the
/// closest row tones 73 Hz apart). A block shows a key when
/// - the strongest row tone and the strongest column tone are both above `minimumAmplitude`,
/// - each is at least `relativePeak` stronger than every other tone of its group,
/// - their ratio is within the allowed twist (high group at most 8 dB weaker, 4 dB stronger),
/// - together they carry at least `toneToTotalEnergy` of the block's energy, which is what
///   rejects speech and music: their energy is spread over many frequencies.
///
/// A key is accepted after two consecutive blocks agree, and reported once, when the tone
/// ends (a quiet block, or two blocks without it), with its duration. A pure value.
public struct DTMFDetector: Sendable {
    /// Thresholds of the detector.
    public struct Configuration: Sendable, Hashable {
        /// Samples per analysis block.
        public var blockSize: Int
        /// Minimum peak amplitude of each tone, as a fraction of full scale.
        public var minimumAmplitude: Float
        /// How much stronger than the other tones of its group a tone must be (power ratio).
        public var relativePeak: Float
        /// Largest allowed (row / column) power ratio.
        public var normalTwist: Float
        /// Largest allowed (column / row) power ratio.
        public var reverseTwist: Float
        /// Smallest share of the block's energy the two tones must carry.
        public var toneToTotalEnergy: Float

        /// Creates a configuration; the defaults follow ITU-T Q.24 and common practice.
        public init(
            blockSize: Int = 205,
            minimumAmplitude: Float = 0.006,
            relativePeak: Float = 6.3,
            normalTwist: Float = 6.3,
            reverseTwist: Float = 2.5,
            toneToTotalEnergy: Float = 0.6
        ) {
            self.blockSize = blockSize
            self.minimumAmplitude = minimumAmplitude
            self.relativePeak = relativePeak
            self.normalTwist = normalTwist
            self.reverseTwist = reverseTwist
            self.toneToTotalEnergy = toneToTotalEnergy
        }
    }

    /// The thresholds in use.
    public let configuration: Configuration
    private let coefficients: [Float]
    private let sampleRate: Int
    private var s1 = [Float](repeating: 0, count: 8)
    private var s2 = [Float](repeating: 0, count: 8)
    private var energy: Float = 0
    private var count = 0

    private var candidate: DTMFDigit?
    private var candidateBlocks = 0
    private var accepted: DTMFDigit?
    private var acceptedBlocks = 0
    private var missingBlocks = 0

    /// Creates a detector for audio at `sampleRate` (8 kHz in Kefu).
    public init(configuration: Configuration = Configuration(), sampleRate: Int = 8000) {
        self.configuration = configuration
        self.sampleRate = sampleRate
        let frequencies = DTMFDigit.rowFrequencies + DTMFDigit.columnFrequencies
        self.coefficients = frequencies.map { Float(2 * cos(2 * Double.pi * $0 / Double(sampleRate))) }
    }

    /// Feeds samples; returns the keys whose tones ended within them.
    public mutating func process(_ samples: UnsafeBufferPointer<Int16>) -> [DetectedDigit] {
        var detected: [DetectedDigit] = []
        let scale: Float = 1.0 / 32768.0
        for sample in samples {
            let x = Float(sample) * scale
            energy += x * x
            for k in 0..<8 {
                let s0 = x + coefficients[k] * s1[k] - s2[k]
                s2[k] = s1[k]
                s1[k] = s0
            }
            count += 1
            if count == configuration.blockSize {
                if let digit = blockEnded() { detected.append(digit) }
            }
        }
        return detected
    }

    /// Feeds samples from an array.
    public mutating func process(_ samples: [Int16]) -> [DetectedDigit] {
        samples.withUnsafeBufferPointer { process($0) }
    }

    /// Reports a key whose tone is still sounding (at the end of a recording or a call).
    public mutating func flush() -> [DetectedDigit] {
        guard let accepted else { return [] }
        self.accepted = nil
        return [report(accepted, blocks: acceptedBlocks)]
    }

    private mutating func blockEnded() -> DetectedDigit? {
        var powers = [Float](repeating: 0, count: 8)
        let n = Float(configuration.blockSize)
        for k in 0..<8 {
            // Goertzel power, scaled so that a tone of amplitude A gives A²·N/2, like `energy`.
            powers[k] = 2 * (s1[k] * s1[k] + s2[k] * s2[k] - coefficients[k] * s1[k] * s2[k]) / n
            s1[k] = 0
            s2[k] = 0
        }
        let blockDigit = classify(powers: powers, energy: energy)
        let minimumPower = configuration.minimumAmplitude * configuration.minimumAmplitude * n / 2
        let quiet = energy < minimumPower
        energy = 0
        count = 0
        return track(blockDigit, quiet: quiet)
    }

    private func classify(powers: [Float], energy: Float) -> DTMFDigit? {
        let rows = powers[0..<4]
        let columns = powers[4..<8]
        guard let row = rows.indices.max(by: { rows[$0] < rows[$1] }),
            let column = columns.indices.max(by: { columns[$0] < columns[$1] })
        else { return nil }
        let rowPower = powers[row]
        let columnPower = powers[column]
        let minimumPower = configuration.minimumAmplitude * configuration.minimumAmplitude * Float(configuration.blockSize) / 2
        guard rowPower >= minimumPower, columnPower >= minimumPower else { return nil }
        guard rowPower <= columnPower * configuration.normalTwist, columnPower <= rowPower * configuration.reverseTwist else { return nil }
        for k in 0..<4 where k != row && powers[k] * configuration.relativePeak > rowPower { return nil }
        for k in 4..<8 where k != column && powers[k] * configuration.relativePeak > columnPower { return nil }
        guard rowPower + columnPower >= configuration.toneToTotalEnergy * energy else { return nil }
        return DTMFDigit.at(row: row, column: column - 4)
    }

    /// Follows the block results: a key starts after two agreeing blocks and ends after a quiet
    /// block (a real pause) or two blocks without it (noise may spoil a single block).
    private mutating func track(_ blockDigit: DTMFDigit?, quiet: Bool) -> DetectedDigit? {
        if let accepted {
            if blockDigit == accepted {
                acceptedBlocks += 1
                missingBlocks = 0
                return nil
            }
            missingBlocks += 1
            if missingBlocks < 2 && blockDigit == nil && !quiet { return nil }
            self.accepted = nil
            let result = report(accepted, blocks: acceptedBlocks)
            candidate = blockDigit
            candidateBlocks = blockDigit == nil ? 0 : 1
            return result
        }
        if let blockDigit, blockDigit == candidate {
            candidateBlocks += 1
            if candidateBlocks >= 2 {
                accepted = blockDigit
                acceptedBlocks = candidateBlocks
                missingBlocks = 0
                candidate = nil
                candidateBlocks = 0
            }
        } else {
            candidate = blockDigit
            candidateBlocks = blockDigit == nil ? 0 : 1
        }
        return nil
    }

    private func report(_ digit: DTMFDigit, blocks: Int) -> DetectedDigit {
        DetectedDigit(digit: digit, durationMilliseconds: blocks * configuration.blockSize * 1000 / sampleRate, source: .inBand)
    }
}
