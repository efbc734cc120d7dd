// A decoded piece of audio (a prompt file, a rendered TTS sentence, one cycle of a tone), held
// in memory once and shared by every stream that plays it.

/// Immutable 8 kHz mono 16-bit audio.
public struct AudioClip: Sendable, Hashable {
    /// The samples.
    public let samples: [Int16]
    /// A name for logs (file path, TTS text, tone name).
    public let name: String

    /// Creates a clip from 8 kHz mono samples.
    public init(samples: [Int16], name: String = "clip") {
        self.samples = samples
        self.name = name
    }

    /// Duration in milliseconds.
    public var milliseconds: Int { samples.count * 1000 / AudioFrame.sampleRate }

    /// A clip from a WAV file's contents: 8 kHz mono PCM 16-bit, A-law or µ-law.
    public init(wav: WAVFile, name: String) throws(WAVError) {
        guard wav.format.sampleRate == AudioFrame.sampleRate, wav.format.channels == 1 else {
            throw .notTelephonyAudio(wav.format)
        }
        self.init(samples: wav.linearSamples, name: name)
    }

    /// Reads a WAV file from disk into a clip.
    public init(contentsOfWAV path: String) throws(WAVError) {
        try self.init(wav: WAVReader.read(path: path), name: path)
    }
}
