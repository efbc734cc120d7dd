// The voices Kefu speaks prompts in, mapped to espeak-ng voice names.

/// A TTS voice.
public enum SpeechVoice: Sendable, Hashable, CustomStringConvertible {
    /// Mandarin Chinese (普通话), espeak-ng `cmn`.
    case mandarin
    /// English, espeak-ng `en-us`.
    case english
    /// Any other espeak-ng voice by name (`espeak-ng --voices` lists them).
    case espeak(String)

    /// The name passed to `espeak-ng -v`.
    public var espeakName: String {
        switch self {
        case .mandarin: "cmn"
        case .english: "en-us"
        case .espeak(let name): name
        }
    }

    public var description: String { espeakName }
}
