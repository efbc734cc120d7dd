// The sounds the call path plays on its own: the voicemail beep, music on hold, and the
// short announcements of queue position and agent feature codes.

import ACD
import Media

/// Fixed prompts of the call path.
enum CallPrompts {
    /// The beep before a voicemail recording.
    static let beep = TonePattern(frequencies: [1000], amplitude: 0.2, cadence: [], name: "beep")

    /// Music on hold: the configured file looped, or a soft arpeggio when none is set.
    static func musicOnHold(file: String?) -> Prompt {
        if let file { return .loop(.file(path: file), times: nil) }
        let notes: [Double] = [523.25, 659.25, 783.99, 659.25, 587.33, 698.46, 880.0, 698.46]
        let phrase = notes.map { Prompt.tone(TonePattern(frequencies: [$0], amplitude: 0.08, cadence: [], name: "moh"), milliseconds: 350) }
        return .loop(.sequence(phrase + [.silence(milliseconds: 700)]), times: nil)
    }

    /// "N callers ahead of you; expected wait about M minutes."
    ///
    /// Said in pieces: the fixed phrases and each number are separate prompts, so the speech
    /// cache holds one rendering per phrase and per number. As one sentence, every (position,
    /// minutes) pair was a new espeak-ng rendering, and a long queue, when announcements matter
    /// most, asked for hundreds of them at once. A wait past an hour is said as "over an hour".
    static func position(_ position: Int, waitSeconds: Int?) -> Prompt {
        var pieces: [Prompt] = [speech("您前面还有"), speech(String(max(0, position - 1))), speech("位客户在等待")]
        if let waitSeconds {
            let minutes = max(1, (waitSeconds + 59) / 60)
            if minutes > 60 {
                pieces.append(speech("，预计等待超过一小时"))
            } else {
                pieces += [speech("，预计等待约"), speech(String(minutes)), speech("分钟")]
            }
        }
        pieces.append(speech("，请稍候。"))
        return .sequence(pieces)
    }

    private static func speech(_ text: String) -> Prompt { .speech(text: text, voice: .mandarin) }

    /// The key a waiting caller presses to be called back instead (queues with callback).
    static let callbackKey = DTMFDigit.one

    /// "Press 1 to be called back" — said with position announcements of callback queues.
    static let callbackOffer = Prompt.speech(text: "如需预约回电，请按1。", voice: .mandarin)

    /// Said after a callback request, before hanging up.
    static let callbackConfirmation = Prompt.speech(text: "已为您预约回电，客服代表将尽快给您回电，再见。", voice: .mandarin)

    /// The agent's work number (报工号), when no flow announcement is configured.
    static func agentNumber(_ workNumber: String) -> Prompt {
        .speech(text: "\(workNumber)号客服代表为您服务。", voice: .mandarin)
    }
}

/// The call path's own spoken phrases (feature-code confirmations, queue announcements in
/// their pieces, the callback offer, 报工号), for `kefu render-prompts` to pre-render so that a
/// node without espeak-ng still says them.
public enum CallPathPhrases {
    /// The Mandarin texts, with the numbers of queue announcements from 0 through
    /// `numbersThrough` and the work numbers' announcements.
    public static func mandarin(workNumbers: [String], numbersThrough: Int) -> [String] {
        var prompts: [Prompt] = [AgentState.ready, .notReady(.unspecified), .signedOut].map { .speech(text: FeatureCode.confirmation($0), voice: .mandarin) }
        prompts += [CallPrompts.callbackOffer, CallPrompts.callbackConfirmation]
        prompts += workNumbers.map(CallPrompts.agentNumber)
        let numbers = 0...max(0, numbersThrough)
        prompts += numbers.map { CallPrompts.position($0 + 1, waitSeconds: max(1, $0) * 60) }
        prompts += [CallPrompts.position(1, waitSeconds: nil), CallPrompts.position(1, waitSeconds: 61 * 60)]
        var seen = Set<String>()
        return prompts.flatMap(\.spokenTexts).filter { seen.insert($0).inserted }
    }
}

extension Prompt {
    /// The texts the prompt speaks, in order.
    var spokenTexts: [String] {
        switch self {
        case .speech(let text, _): [text]
        case .sequence(let prompts): prompts.flatMap(\.spokenTexts)
        case .loop(let prompt, _): prompt.spokenTexts
        case .file, .tone, .silence, .clip: []
        }
    }
}
