// The verbs a flow uses on a call (after diago's: play, collect, transfer, hang up ...).
// The call path implements them on SIP and RTP; tests implement them with a script.

/// The caller hung up while an operation was under way.
public struct CallerHungUp: Error, Hashable, Sendable {
    public init() {}
}

/// A call as a flow sees it. Every method may throw ``CallerHungUp`` when the caller hangs
/// up; any other error counts as a failure of that operation (the node's failure branch or
/// the flow's error branch runs). `now()` is the only clock the flow sees.
public protocol CallControl: Sendable {
    /// The current wall-clock time (the call path reads its clock; tests return a fixed one).
    func now() async -> UnixTime
    /// Play an uploaded prompt to the end.
    func play(file: PromptID, language: Language) async throws
    /// Speak text with the TTS voice of `language`.
    func playTTS(_ text: String, language: Language) async throws
    /// Play the prompts with barge-in and collect keys.
    func collectDigits(_ request: DigitCollection) async throws -> CollectedDigits
    /// Perform the HTTP lookup within `request.timeoutMs` (throw on timeout or transport error).
    func lookup(_ request: LookupRequest) async throws -> LookupResponse
    /// Queue the call; return when an agent answered or the queue gave up.
    func enqueue(_ request: EnqueueRequest) async throws -> EnqueueOutcome
    /// Announce (报工号) if given, bridge to the answering agent, return when the agent hangs up.
    func connectAgent(announcement: ResolvedPrompt?) async throws -> ConversationOutcome
    /// Transfer out through the trunk; return once answered, busy, unanswered or failed.
    func transfer(_ request: TransferRequest) async throws -> TransferOutcome
    /// Greeting, beep, record; return the recorded length in seconds.
    func recordVoicemail(_ request: VoicemailRequest) async throws -> Int
    /// Queue an SMS with the gateway; return whether it was accepted (never wait for delivery).
    func sendSMS(_ message: SMSMessage) async throws -> Bool
    /// Store the satisfaction score on the call.
    func recordSurvey(score: Int) async throws
    /// Look a keyed extension or work number up in the tenant's directory.
    func findExtension(_ digits: String) async throws -> ExtensionTarget?
    /// Ring an extension or agent directly.
    func dialExtension(_ target: ExtensionTarget, ringSeconds: Int) async throws -> TransferOutcome
    /// Hang the call up.
    func hangUp() async
}

extension CallControl {
    /// Plays a resolved prompt with ``play(file:language:)`` or ``playTTS(_:language:)``.
    public func play(_ prompt: ResolvedPrompt) async throws {
        switch prompt {
        case .file(let id, let language): try await play(file: id, language: language)
        case .tts(let text, let language): try await playTTS(text, language: language)
        }
    }
}
