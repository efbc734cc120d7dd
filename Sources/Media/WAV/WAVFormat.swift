// The sample formats Kefu reads and writes in WAV files, and the errors a bad file gets.

/// How samples are stored in a WAV file's data chunk.
public enum WAVEncoding: Sendable, Hashable, CustomStringConvertible {
    /// Linear PCM, 16-bit little-endian (format tag 1).
    case pcm16
    /// G.711 µ-law, 8-bit (format tag 7).
    case muLaw
    /// G.711 A-law, 8-bit (format tag 6).
    case aLaw

    /// The WAVE format tag.
    public var formatTag: UInt16 {
        switch self {
        case .pcm16: 1
        case .aLaw: 6
        case .muLaw: 7
        }
    }

    /// Bytes per sample of one channel.
    public var bytesPerSample: Int { self == .pcm16 ? 2 : 1 }

    public var description: String {
        switch self {
        case .pcm16: "16-bit PCM"
        case .muLaw: "G.711 µ-law"
        case .aLaw: "G.711 A-law"
        }
    }
}

/// The format of a WAV file: encoding, channel count and sample rate.
public struct WAVFormat: Sendable, Hashable {
    /// Sample encoding.
    public var encoding: WAVEncoding
    /// Channels (1 mono, 2 stereo), interleaved.
    public var channels: Int
    /// Samples per second per channel.
    public var sampleRate: Int

    /// Creates a format.
    public init(encoding: WAVEncoding, channels: Int, sampleRate: Int) {
        self.encoding = encoding
        self.channels = channels
        self.sampleRate = sampleRate
    }

    /// 8 kHz mono 16-bit PCM: the format of prompts and TTS output.
    public static let telephonyMono = WAVFormat(encoding: .pcm16, channels: 1, sampleRate: 8000)
    /// 8 kHz stereo 16-bit PCM: the format of call recordings (caller left, agent right).
    public static let telephonyStereo = WAVFormat(encoding: .pcm16, channels: 2, sampleRate: 8000)

    /// Bytes per frame (one sample of every channel).
    public var blockAlign: Int { channels * encoding.bytesPerSample }
    /// Bytes per second.
    public var byteRate: Int { blockAlign * sampleRate }
}

/// Why a WAV file could not be read or written.
public enum WAVError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file does not start with a RIFF/WAVE header.
    case notRIFFWAVE
    /// A chunk header or the fmt chunk is cut short.
    case truncated(chunk: String)
    /// No fmt chunk before the data chunk.
    case missingFormatChunk
    /// No data chunk.
    case missingDataChunk
    /// A format tag Kefu does not play.
    case unsupportedFormatTag(UInt16)
    /// PCM with a sample size other than 16 bits, or G.711 with other than 8.
    case unsupportedBitsPerSample(Int)
    /// Zero or more than two channels, or a zero sample rate.
    case unsupportedLayout(channels: Int, sampleRate: Int)
    /// Audio at a rate other than 8 kHz where 8 kHz mono is needed.
    case notTelephonyAudio(WAVFormat)
    /// The file could not be opened, read or written.
    case io(path: String, errno: Int32)

    public var description: String {
        switch self {
        case .notRIFFWAVE: "not a WAV file: it does not start with RIFF....WAVE"
        case .truncated(let chunk): "WAV file is cut short inside its \(chunk) chunk"
        case .missingFormatChunk: "WAV file has no fmt chunk before its data"
        case .missingDataChunk: "WAV file has no data chunk"
        case .unsupportedFormatTag(let tag): "WAV format tag \(tag) is not supported: use 16-bit PCM (1), A-law (6) or µ-law (7)"
        case .unsupportedBitsPerSample(let bits): "WAV sample size of \(bits) bits is not supported: PCM must be 16-bit, G.711 8-bit"
        case .unsupportedLayout(let channels, let rate): "WAV with \(channels) channels at \(rate) Hz is not supported: use mono or stereo"
        case .notTelephonyAudio(let format):
            "prompt is \(format.encoding) with \(format.channels) channel(s) at \(format.sampleRate) Hz; prompts must be 8000 Hz mono (convert with: sox in.wav -r 8000 -c 1 -b 16 out.wav)"
        case .io(let path, let code): "cannot access WAV file \(path): errno \(code)"
        }
    }
}
