// The flow's verbs on a customer call: prompts, digits, lookups, voicemail, survey,
// extensions. (Queueing and the conversation are in their own files.)

import Logging
import AsyncHTTPClient
import Foundation
import IVR
import Media
import NIOCore
import NIOHTTP1
import SIP

extension CustomerCall: CallControl {
    nonisolated func now() async -> UnixTime {
        UnixTime(secondsSince1970: Int64(Date().timeIntervalSince1970))
    }

    func play(file: PromptID, language: Language) async throws {
        try await playMedia(mediaPrompt(.file(file, language: language)), bargeIn: false)
    }

    func playTTS(_ text: String, language: Language) async throws {
        try await playMedia(mediaPrompt(.tts(text, language: language)), bargeIn: false)
    }

    func collectDigits(_ request: DigitCollection) async throws -> CollectedDigits {
        guard let leg = media?.leg, !callerGone else { throw CallerHungUp() }
        for prompt in request.prompts {
            let outcome = try await playMedia(mediaPrompt(prompt), bargeIn: true)
            if case .interrupted = outcome { break }
        }
        let terminators = Set((request.terminator ?? "").compactMap { DTMFDigit($0) })
        let result = await leg.collectDigits(DigitCollectionRequest(
            maxDigits: max(1, request.maxDigits), terminators: terminators,
            firstDigitTimeoutMilliseconds: request.firstDigitTimeoutSeconds * 1000,
            interDigitTimeoutMilliseconds: request.interDigitTimeoutSeconds * 1000))
        if result.reason == .cancelled || callerGone { throw CallerHungUp() }
        return CollectedDigits(result.string)
    }

    func lookup(_ request: LookupRequest) async throws -> LookupResponse {
        var http = HTTPClientRequest(url: request.url)
        http.method = request.method == .POST ? .POST : .GET
        for (name, value) in request.headers { http.headers.add(name: name, value: value) }
        if let body = request.body { http.body = .bytes(ByteBuffer(string: body)) }
        let response = try await HTTPClient.shared.execute(http, timeout: .milliseconds(Int64(request.timeoutMs)))
        let bytes = try await response.body.collect(upTo: 1 << 20)
        let body = try? JSONDecoder().decode(JSONValue.self, from: Data(bytes.readableBytesView))
        return LookupResponse(status: Int(response.status.code), body: body)
    }

    func recordVoicemail(_ request: VoicemailRequest) async throws -> Int {
        guard let leg = media?.leg, !callerGone else { throw CallerHungUp() }
        if let greeting = request.greeting { try await playMedia(mediaPrompt(greeting), bargeIn: false) }
        if request.beep { try await playMedia(.tone(CallPrompts.beep, milliseconds: 400), bargeIn: false) }
        let path = recordingPath(kind: "voicemail/\(Self.safeName(request.mailbox))")
        let recording = try await context.media.startRecording(.mono([leg]), to: path)
        let started = ContinuousClock.now
        _ = await leg.collectDigits(DigitCollectionRequest(
            maxDigits: 1, terminators: [.pound, .star], firstDigitTimeoutMilliseconds: request.maxSeconds * 1000,
            interDigitTimeoutMilliseconds: 1000))
        let summary = try? await recording.stop()
        self.summary.disposition = .voicemail
        self.summary.callData["voicemail"] = relativeToData(path)
        logger.info("voicemail recorded", metadata: ["mailbox": "\(request.mailbox)", "path": "\(path)"])
        if callerGone { throw CallerHungUp() }
        return summary.map { $0.durationMilliseconds / 1000 } ?? Int((ContinuousClock.now - started).components.seconds)
    }

    func sendSMS(_ message: IVR.SMSMessage) async throws -> Bool {
        await context.records.queueSMS(
            tenant: tenant.id, to: message.to.rawValue, from: route.number, body: message.text, purpose: "ivr", callID: summary.callID)
    }

    func recordSurvey(score: Int) async throws {
        summary.surveyScore = score
    }

    func findExtension(_ digits: String) async throws -> ExtensionTarget? {
        guard let agent = tenant.agentsByExtension[digits] ?? tenant.agentsByWorkNumber[digits] else { return nil }
        return ExtensionTarget(number: agent.extensionNumber, agent: AgentInfo(workNumber: WorkNumber(agent.workNumber), name: agent.name))
    }

    func dialExtension(_ target: ExtensionTarget, ringSeconds: Int) async throws -> TransferOutcome {
        guard let agent = tenant.agentsByExtension[target.number] else { return .failed(reason: "no extension \(target.number)") }
        let outcome = await connectDirectly(to: agent, ringSeconds: ringSeconds)
        guard case .connected = outcome else { return outcome }
        return await converseDirectly()
    }

    func transfer(_ request: TransferRequest) async throws -> TransferOutcome {
        let number = request.number.rawValue
        guard await mayForward() else { throw CallerHungUp() }
        let leg = CallSummary.Leg(number: number, startedAt: Date())
        summary.callData["transferredTo"] = number
        let outcome = await ringDirectly(leg, agent: nil, ringSeconds: request.ringSeconds) {
            try await TrunkDialer.dial(number, tenant: self.tenant, caller: self.caller, callID: self.callID, near: self.media?.leg, context: self.context)
        }
        if callerGone { throw CallerHungUp() }
        guard case .connected = outcome else { return outcome }
        context.events.publish(event(.callTransferred, details: ["to": number]))
        summary.disposition = .forwarded
        return await converseDirectly()
    }

    func hangUp() async {
        await hangUpCaller()
    }

    // MARK: prompts

    /// Plays `prompt` to the caller; throws ``CallerHungUp`` when the caller is gone.
    @discardableResult
    func playMedia(_ prompt: Media.Prompt, bargeIn: Bool) async throws -> PlaybackOutcome {
        guard let leg = media?.leg, !callerGone else { throw CallerHungUp() }
        do {
            let outcome = try await leg.play(prompt, bargeIn: bargeIn)
            if callerGone { throw CallerHungUp() }
            return outcome
        } catch let error as MediaError {
            if callerGone { throw CallerHungUp() }
            logger.warning("prompt failed", metadata: ["error": "\(error)"])
            throw error
        }
    }

    /// The media engine's prompt for a flow's prompt: an uploaded file from the tenant's
    /// prompt folder, or TTS in the language's voice.
    func mediaPrompt(_ prompt: IVR.ResolvedPrompt) -> Media.Prompt {
        switch prompt {
        case .file(let id, let language):
            let folder = (context.settings.dataDirectory as NSString).appendingPathComponent("prompts/\(tenant.record.code)")
            for name in ["\(id.rawValue)-\(language.rawValue).wav", "\(id.rawValue).wav"] {
                let path = (folder as NSString).appendingPathComponent(name)
                if FileManager.default.fileExists(atPath: path) { return .file(path: path) }
            }
            logger.warning("prompt file missing; playing silence", metadata: ["prompt": "\(id)"])
            return .silence(milliseconds: 500)
        case .tts(let text, let language):
            return .speech(text: text, voice: language.rawValue.hasPrefix("en") ? .english : .mandarin)
        }
    }

    /// Where a recording of this call goes: `recordings/<tenant>/<kind>/<yyyy-MM-dd>/<call>.wav`.
    func recordingPath(kind: String = "calls") -> String {
        context.recordingPath(tenant: tenant, kind: kind, callID: callID)
    }

    /// `path` relative to the data directory, as the store keeps file references.
    func relativeToData(_ path: String) -> String { context.relativeToData(path) }

    /// `text` with everything but letters, digits, `-`, `_` and `.` replaced by `_`.
    static func safeName(_ text: String) -> String {
        String(text.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." ? $0 : "_" }.prefix(80))
    }
}
