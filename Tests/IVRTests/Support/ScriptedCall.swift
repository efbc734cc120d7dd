// A fake call for flow tests: answers every CallControl verb from a script and records what
// the flow did as readable lines.
import IVR

/// A scripted caller and platform. Keys and outcomes are consumed in order; a verb with no
/// scripted answer gets a sensible default (no input, no agent, lookup failure ...).
actor ScriptedCall: CallControl {
    private let time: UnixTime
    private var keys: [String]
    private var lookups: [LookupResponse?]
    private var queueOutcomes: [EnqueueOutcome]
    private var transferOutcomes: [TransferOutcome]
    private var directory: [String: ExtensionTarget]
    private var hangUpAfterKeys: Bool
    private(set) var log: [String] = []
    private(set) var enqueued: [EnqueueRequest] = []
    private(set) var collections: [DigitCollection] = []
    private(set) var lookupRequests: [LookupRequest] = []
    private(set) var smsSent: [SMSMessage] = []
    private(set) var surveyScores: [Int] = []
    private(set) var hungUp = false

    init(time: UnixTime, keys: [String] = [], lookups: [LookupResponse?] = [], queue: [EnqueueOutcome] = [],
         transfers: [TransferOutcome] = [], directory: [String: ExtensionTarget] = [:], hangUpAfterKeys: Bool = false) {
        self.time = time
        self.keys = keys
        self.lookups = lookups
        self.queueOutcomes = queue
        self.transferOutcomes = transfers
        self.directory = directory
        self.hangUpAfterKeys = hangUpAfterKeys
    }

    func now() async -> UnixTime { time }

    func play(file: PromptID, language: Language) async throws { log.append("play \(file) (\(language))") }

    func playTTS(_ text: String, language: Language) async throws { log.append("say \(text) (\(language))") }

    func collectDigits(_ request: DigitCollection) async throws -> CollectedDigits {
        collections.append(request)
        for prompt in request.prompts { log.append("prompt \(prompt)") }
        guard !keys.isEmpty else {
            if hangUpAfterKeys { log.append("caller hangs up"); throw CallerHungUp() }
            log.append("keys (none)")
            return CollectedDigits("")
        }
        let entry = keys.removeFirst()
        log.append("keys \(entry.isEmpty ? "(none)" : entry)")
        return CollectedDigits(entry)
    }

    func lookup(_ request: LookupRequest) async throws -> LookupResponse {
        lookupRequests.append(request)
        log.append("lookup \(request.url)")
        guard !lookups.isEmpty, let response = lookups.removeFirst() else { throw LookupTimedOut() }
        return response
    }

    func enqueue(_ request: EnqueueRequest) async throws -> EnqueueOutcome {
        enqueued.append(request)
        log.append("enqueue \(request.queue) priority \(request.priority)")
        return queueOutcomes.isEmpty ? .noAgent(reason: "queue timeout") : queueOutcomes.removeFirst()
    }

    func connectAgent(announcement: ResolvedPrompt?) async throws -> ConversationOutcome {
        log.append("connect agent" + (announcement.map { " after \($0)" } ?? ""))
        return .agentHungUp
    }

    func transfer(_ request: TransferRequest) async throws -> TransferOutcome {
        log.append("transfer \(request.number)")
        return transferOutcomes.isEmpty ? .noAnswer : transferOutcomes.removeFirst()
    }

    func recordVoicemail(_ request: VoicemailRequest) async throws -> Int {
        log.append("voicemail \(request.mailbox) max \(request.maxSeconds) beep \(request.beep)")
        return 12
    }

    func sendSMS(_ message: SMSMessage) async throws -> Bool {
        smsSent.append(message)
        log.append("sms \(message.to): \(message.text)")
        return true
    }

    func recordSurvey(score: Int) async throws {
        surveyScores.append(score)
        log.append("survey \(score)")
    }

    func findExtension(_ digits: String) async throws -> ExtensionTarget? {
        log.append("directory \(digits)")
        return directory[digits]
    }

    func dialExtension(_ target: ExtensionTarget, ringSeconds: Int) async throws -> TransferOutcome {
        log.append("dial extension \(target.number)")
        return transferOutcomes.isEmpty ? .connected : transferOutcomes.removeFirst()
    }

    func hangUp() async {
        hungUp = true
        log.append("hang up")
    }
}

/// The error a scripted lookup throws when no answer is scripted.
struct LookupTimedOut: Error, CustomStringConvertible {
    var description: String { "timed out" }
}
