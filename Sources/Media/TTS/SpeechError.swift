// What can go wrong when rendering a prompt with espeak-ng.

/// Why text could not be turned into a prompt.
public enum SpeechError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No espeak-ng executable where it was looked for.
    case synthesizerNotFound(searched: [String])
    /// espeak-ng ran but failed (unknown voice, bad arguments).
    case synthesizerFailed(voice: String, status: Int32, output: String)
    /// espeak-ng did not finish in time.
    case synthesizerTimedOut(voice: String, seconds: Int)
    /// The voice name is not a plain espeak-ng voice name.
    case invalidVoice(String)
    /// espeak-ng has no such voice.
    case unknownVoice(String)
    /// Empty text.
    case emptyText
    /// espeak-ng's output or the cache file could not be read or written.
    case cache(path: String, reason: String)

    public var description: String {
        switch self {
        case .synthesizerNotFound(let searched):
            "espeak-ng is not installed (looked in \(searched.joined(separator: ", "))): install the Debian package espeak-ng, or use pre-rendered WAV prompts"
        case .synthesizerFailed(let voice, let status, let output):
            "espeak-ng failed with status \(status) for voice \(voice): \(output)"
        case .synthesizerTimedOut(let voice, let seconds):
            "espeak-ng did not finish within \(seconds) s for voice \(voice)"
        case .invalidVoice(let voice):
            "voice name \"\(voice)\" may only contain letters, digits, '-' and '_' (see espeak-ng --voices)"
        case .unknownVoice(let voice):
            "espeak-ng has no voice \"\(voice)\" (espeak-ng --voices lists them; Mandarin is cmn, English en-us)"
        case .emptyText: "there is no text to speak"
        case .cache(let path, let reason): "TTS cache file \(path): \(reason)"
        }
    }
}
