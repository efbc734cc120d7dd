// What the caller hears: an uploaded recording, TTS text with variables, or one of those per
// language of service.

/// A prompt as configured. JSON: `{"file": "welcome"}`, `{"tts": "余额${balance}元",
/// "language": "zh"}` or `{"localized": {"zh": {...}, "en": {...}}}`.
public indirect enum Prompt: Hashable, Sendable, Codable {
    /// An uploaded WAV from the tenant's prompt library.
    case file(PromptID)
    /// Text rendered by TTS after substituting variables; `language` nil means the call's.
    case tts(TextTemplate, language: Language?)
    /// One prompt per language; the call's language picks, else the flow's default, else the first.
    case localized([Language: Prompt])

    private enum CodingKeys: String, CodingKey { case file, tts, language, localized }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(allowed: ["file", "tts", "language", "localized"], in: "prompt")
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let file = try container.decodeIfPresent(PromptID.self, forKey: .file) {
            self = .file(file)
        } else if let text = try container.decodeIfPresent(TextTemplate.self, forKey: .tts) {
            self = .tts(text, language: try container.decodeIfPresent(Language.self, forKey: .language))
        } else if let map = try container.decodeIfPresent([Language: Prompt].self, forKey: .localized) {
            self = .localized(map)
        } else {
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: decoder.codingPath, debugDescription: "a prompt needs 'file', 'tts' or 'localized'"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .file(let id): try container.encode(id, forKey: .file)
        case .tts(let text, let language):
            try container.encode(text, forKey: .tts)
            try container.encodeIfPresent(language, forKey: .language)
        case .localized(let map): try container.encode(map, forKey: .localized)
        }
    }

    /// Every prompt file the prompt may play.
    public var files: [PromptID] {
        switch self {
        case .file(let id): return [id]
        case .tts: return []
        case .localized(let map): return map.keys.sorted().flatMap { map[$0]!.files }
        }
    }

    /// Every template the prompt may render.
    public var templates: [TextTemplate] {
        switch self {
        case .file: return []
        case .tts(let text, _): return [text]
        case .localized(let map): return map.keys.sorted().flatMap { map[$0]!.templates }
        }
    }

    /// The concrete prompt for a call in `language`, variables substituted.
    public func resolve(language: Language, fallback: Language, values: (String) -> String?) -> ResolvedPrompt {
        switch self {
        case .file(let id): return .file(id, language: language)
        case .tts(let text, let own): return .tts(text.render(values), language: own ?? language)
        case .localized(let map):
            let chosen = map[language] != nil ? language : (map[fallback] != nil ? fallback : map.keys.min())
            guard let chosen, let choice = map[chosen] else { return .tts("", language: language) }
            return choice.resolve(language: chosen, fallback: fallback, values: values)
        }
    }
}

/// A prompt ready to play: a file or rendered text, with the language to play it in.
public enum ResolvedPrompt: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Play the uploaded prompt `id` (the media layer may pick a per-language recording).
    case file(PromptID, language: Language)
    /// Speak `text` with the TTS voice for `language`.
    case tts(String, language: Language)

    public var description: String {
        switch self {
        case .file(let id, let language): return "file '\(id)' (\(language))"
        case .tts(let text, let language): return "TTS \"\(text)\" (\(language))"
        }
    }
}
