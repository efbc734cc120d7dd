// What a leg can be asked to play: files, TTS text, tones, silence, and sequences and loops of
// them (music on hold is a loop).

/// Audio to play to a leg, as the call path and IVR describe it.
public indirect enum Prompt: Sendable, Hashable {
    /// A WAV file: 8 kHz mono, 16-bit PCM or G.711. Loaded once and cached.
    case file(path: String)
    /// Text spoken by espeak-ng in `voice`, rendered once and cached.
    case speech(text: String, voice: SpeechVoice)
    /// A tone for `milliseconds` (nil: until stopped).
    case tone(TonePattern, milliseconds: Int?)
    /// Silence.
    case silence(milliseconds: Int)
    /// Audio already in memory.
    case clip(AudioClip)
    /// One prompt after the other.
    case sequence([Prompt])
    /// A prompt repeated `times` times (nil: until stopped), as music on hold.
    case loop(Prompt, times: Int?)

    /// Chinese ringback until stopped.
    public static var ringback: Prompt { .tone(.chineseRingback, milliseconds: nil) }
    /// Chinese busy tone until stopped.
    public static var busy: Prompt { .tone(.chineseBusy, milliseconds: nil) }
}

/// A prompt whose files are loaded and whose speech is rendered: what the player plays.
public indirect enum ResolvedPrompt: Sendable, Hashable {
    /// Samples in memory.
    case clip(AudioClip)
    /// Silence of `samples` samples.
    case silence(samples: Int)
    /// One after the other.
    case sequence([ResolvedPrompt])
    /// Repeated `times` times, or forever.
    case loop(ResolvedPrompt, times: Int?)
    /// Cut after `samples` samples.
    case limit(ResolvedPrompt, samples: Int)
}
