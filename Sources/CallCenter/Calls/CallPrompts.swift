// The sounds the call path plays on its own: the voicemail beep, music on hold, and the
// short announcements of queue position and agent feature codes.

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

    /// "You are number N in line; expected wait about M minutes."
    static func position(_ position: Int, waitSeconds: Int?) -> Prompt {
        var text = "您前面还有\(max(0, position - 1))位客户在等待"
        if let waitSeconds { text += "，预计等待约\(max(1, (waitSeconds + 59) / 60))分钟" }
        return .speech(text: text + "，请稍候。", voice: .mandarin)
    }

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
