// Call-progress and DTMF tones: frequencies and cadence, with the Chinese national standard
// tones (YD/T 1279: 450 Hz) that callers in China expect.

import Foundation

/// A tone: one or two frequencies played in an on/off cadence that repeats.
public struct TonePattern: Sendable, Hashable {
    /// The frequencies mixed together, in hertz.
    public var frequencies: [Double]
    /// Peak amplitude of each frequency, as a fraction of full scale.
    public var amplitude: Double
    /// The cadence as (on, off) pairs in milliseconds; an empty cadence means continuous.
    public var cadence: [Cadence]
    /// A name for logs.
    public var name: String

    /// One on/off step of a cadence.
    public struct Cadence: Sendable, Hashable {
        /// Tone on, in milliseconds.
        public var onMilliseconds: Int
        /// Silence after it, in milliseconds.
        public var offMilliseconds: Int

        /// Creates a cadence step.
        public init(on: Int, off: Int) {
            self.onMilliseconds = on
            self.offMilliseconds = off
        }
    }

    /// Creates a tone.
    public init(frequencies: [Double], amplitude: Double = 0.25, cadence: [Cadence], name: String) {
        self.frequencies = frequencies
        self.amplitude = amplitude
        self.cadence = cadence
        self.name = name
    }

    /// Chinese ringback (回铃音): 450 Hz, 1 s on, 4 s off.
    public static let chineseRingback = TonePattern(frequencies: [450], cadence: [Cadence(on: 1000, off: 4000)], name: "ringback")
    /// Chinese busy (忙音): 450 Hz, 0.35 s on, 0.35 s off.
    public static let chineseBusy = TonePattern(frequencies: [450], cadence: [Cadence(on: 350, off: 350)], name: "busy")
    /// Chinese congestion: 450 Hz, 0.7 s on, 0.7 s off.
    public static let chineseCongestion = TonePattern(frequencies: [450], cadence: [Cadence(on: 700, off: 700)], name: "congestion")
    /// Chinese dial tone (拨号音): 450 Hz continuous.
    public static let chineseDialTone = TonePattern(frequencies: [450], cadence: [], name: "dial")

    /// The tone pair of a DTMF key for `milliseconds`, followed by as much silence.
    public static func dtmf(_ digit: DTMFDigit, milliseconds: Int = 100, amplitude: Double = 0.2) -> TonePattern {
        TonePattern(
            frequencies: [digit.rowFrequency, digit.columnFrequency],
            amplitude: amplitude,
            cadence: [Cadence(on: milliseconds, off: milliseconds)],
            name: "dtmf-\(digit)"
        )
    }

    /// One full cycle of the cadence (one second for a continuous tone), ready to loop
    /// seamlessly: every frequency completes whole periods in a second.
    public func renderCycle() -> AudioClip {
        let rate = Double(AudioFrame.sampleRate)
        var samples: [Int16] = []
        let steps = cadence.isEmpty ? [Cadence(on: 1000, off: 0)] : cadence
        var n = 0
        for step in steps {
            let on = step.onMilliseconds * AudioFrame.sampleRate / 1000
            let off = step.offMilliseconds * AudioFrame.sampleRate / 1000
            for _ in 0..<on {
                var value = 0.0
                for frequency in frequencies {
                    value += amplitude * sin(2 * Double.pi * frequency * Double(n) / rate)
                }
                samples.append(Int16(clamping: Int((value * 32767).rounded())))
                n += 1
            }
            samples.append(contentsOf: repeatElement(0, count: off))
            n += off
        }
        return AudioClip(samples: samples, name: name)
    }
}
