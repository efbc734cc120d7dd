// The unit of audio inside the engine: 20 ms of 8 kHz mono linear samples, and the two small
// stage protocols (source, sink) that mixer, bridge, recorder and tests are written against.

import Foundation

/// 20 ms of 8 kHz mono 16-bit audio (160 samples).
public struct AudioFrame: Sendable, Hashable {
    /// Samples in one frame.
    public static let sampleCount = 160
    /// Duration of one frame in milliseconds.
    public static let milliseconds = 20
    /// Sample rate of every frame.
    public static let sampleRate = 8000

    /// The samples; always `sampleCount` of them.
    public var samples: [Int16]

    /// A frame of digital silence.
    public static var silence: AudioFrame { AudioFrame(samples: [Int16](repeating: 0, count: sampleCount)) }

    /// Creates a frame from exactly `sampleCount` samples (shorter input is padded with silence,
    /// longer input is cut).
    public init(samples: [Int16]) {
        if samples.count == Self.sampleCount {
            self.samples = samples
        } else {
            var padded = Array(samples.prefix(Self.sampleCount))
            padded.append(contentsOf: repeatElement(0, count: Self.sampleCount - padded.count))
            self.samples = padded
        }
    }

    /// Mean power of the frame relative to full scale, in dBFS (-∞ for digital silence is
    /// reported as -120).
    public var level: Double { AudioLevel.dBFS(samples) }
}

/// Something that produces audio frame by frame: a prompt, a tone, a leg's received audio.
public protocol AudioSource {
    /// Writes the next frame into `frame` (a last, partial frame is padded with silence);
    /// returns false, with a silent frame, once the source has nothing more.
    mutating func read(into frame: inout AudioFrame) -> Bool
}

/// Something that consumes audio frame by frame: a recorder channel, a leg's sender, a test.
public protocol AudioSink {
    /// Takes one frame.
    mutating func write(_ frame: AudioFrame)
}

/// A sink that keeps every sample, for tests and offline rendering.
public struct CollectingAudioSink: AudioSink, Sendable {
    /// Everything written so far.
    public private(set) var samples: [Int16] = []

    /// Creates an empty sink.
    public init() {}

    public mutating func write(_ frame: AudioFrame) {
        samples.append(contentsOf: frame.samples)
    }
}

/// Level measurement helpers.
public enum AudioLevel {
    /// Mean power of `samples` in dB relative to a full-scale square wave; -120 for silence.
    public static func dBFS(_ samples: some Collection<Int16>) -> Double {
        guard !samples.isEmpty else { return -120 }
        var sum = 0.0
        for sample in samples {
            let x = Double(sample) / 32768
            sum += x * x
        }
        let mean = sum / Double(samples.count)
        return mean <= 1e-12 ? -120 : 10 * log10(mean)
    }
}
