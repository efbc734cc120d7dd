// One customer's inbound call from INVITE to CDR: rules, answer, IVR flow, queue, agent,
// bridge and recording, hang-up. The B2BUA's per-call actor.

import ACD
import Foundation
import IVR
import Logging
import Media
import SIP
import SIPStack

/// The session of one inbound call to an access number.
///
/// It answers the caller, runs the number's rules and flow (it is the flow's
/// ``CallControl``), queues the call in the ACD, rings the agents the ACD offers it to,
/// bridges and records the conversation, and writes the CDR when both sides are gone.
actor CustomerCall {
    let call: SIPCall
    let context: CallPathContext
    let tenant: TenantRuntime
    let route: NumberRoute
    let callID: String
    /// The caller as agents may see it: the number, or `anonymous` when hidden (CLIR).
    let caller: String
    /// Who is calling, for rules, lookups and records (see ``CallerIdentity``).
    let identity: CallerIdentity
    var logger: Logger
    var summary: CallSummary

    /// The caller's media once answered.
    var media: LegMedia?
    /// The caller hung up (BYE or CANCEL).
    var callerGone = false
    /// The call's routing work (rules, flow, queue, voicemail), cancelled when the caller
    /// hangs up so nothing waits on a caller who is gone.
    var work: Task<Void, Never>?
    /// Music on hold or another background playback to the caller.
    var background: PlaybackHandle?
    /// The answered agent leg, its agent and the bridge.
    var agentLeg: AgentLegPlacement?
    var agent: AgentRecord?
    var agentLegIndex: Int?
    var bridge: MediaBridge?
    var recording: MediaRecording?
    var heldSince: ContinuousClock.Instant?
    /// The ACD task while queued or connected.
    var task: TaskID?
    /// Tells the waiting conversation that it ended (agent or caller hung up).
    var conversationEnded: AsyncStream<ConversationEnd>.Continuation?
    var holdsIVRPort = false
    /// The facts the inbound rules look at (kept for a second evaluation with a password).
    var inbound: InboundCall?
    /// The SMS the number's rules send the caller when the call ends (挂机短信).
    var hangUpSMS: HangUpSMS?
    /// What the call bar and the board changed: mute, consultation, supervision, survey.
    var control = CallControlState()

    enum ConversationEnd: Sendable {
        case agentHungUp, callerHungUp, failed
        /// The agent sent the caller to a queue or a flow (single-step transfer).
        case redirected(CallRedirect)
    }

    init(call: SIPCall, tenant: TenantRuntime, route: NumberRoute, context: CallPathContext) {
        self.call = call
        self.context = context
        self.tenant = tenant
        self.route = route
        self.callID = call.callID
        let identity = CallerIdentity(request: call.request, trusted: tenant.trustsIdentity(from: call.peer))
        self.identity = identity
        self.caller = identity.presentation
        var logger = context.logger
        logger[metadataKey: "tenant"] = "\(tenant.id)"
        logger[metadataKey: "call"] = "\(call.callID)"
        self.logger = logger
        self.summary = CallSummary(
            tenantID: tenant.id, callID: call.callID, callerNumber: identity.number,
            calledNumber: route.number, arrivedAt: Date())
        summary.accessNumberID = route.numberID
        summary.callerHidden = identity.hidden
        summary.forwardCount = identity.priorForwards
        summary.forwardings = identity.forwardings
    }

    /// Runs the call to its end and writes its CDR.
    func run() async {
        context.liveCalls.add(self, tenant: tenant.id, callID: callID)
        context.events.publish(event(.callArrived, details: ["caller": caller, "called": route.number]))
        logger.info("call arrived", metadata: [
            "caller": "\(caller)", "called": "\(route.number)", "asserted": "\(identity.asserted)", "forwarded": "\(identity.priorForwards)",
        ])
        let watcher = Task { await self.watchCaller() }
        let routing = Task { await self.follow(decision: self.evaluateRules()) }
        work = routing
        if callerGone { routing.cancel() }
        await routing.value
        await finish()
        watcher.cancel()
    }

    // MARK: answer, reject, hang up

    /// Answers the caller with media; false when the call is gone or the SDP unusable.
    func answer() async -> Bool {
        if media != nil { return true }
        guard !callerGone else { return false }
        guard context.counters.acquireIVRPort(tenant: tenant.id, limit: tenant.record.ivrPorts) else {
            logger.notice("IVR ports of the tenant are all in use", metadata: ["limit": "\(tenant.record.ivrPorts)"])
            var headers = SIPHeaders()
            headers.add("Retry-After", "30")
            headers.add("Reason", "SIP;cause=503;text=\"tenant IVR port limit reached\"")
            try? await call.reject(.serviceUnavailable, reasonPhrase: "IVR Ports Busy", headers: headers)
            summary.disposition = .rejected
            return false
        }
        holdsIVRPort = true
        guard let offer = call.request.body.isEmpty ? nil : call.request.body else {
            await reject(.notAcceptableHere, reason: "INVITE without SDP offer is not supported")
            return false
        }
        do {
            let (legMedia, answer) = try await LegMedia.answering(
                Array(offer), engine: context.media, sessionID: UInt64.random(in: 1...UInt64(Int64.max)),
                rtpTimeoutMilliseconds: context.settings.rtpTimeoutMilliseconds,
                metadata: ["tenant": "\(tenant.id)", "call": "\(callID)"])
            media = legMedia
            try await call.answer(sdp: answer)
            summary.customerLegAnswered = Date()
            Task { await self.watchMedia(legMedia.leg) }
            return true
        } catch {
            logger.notice("cannot answer", metadata: ["error": "\(error)"])
            if let media { await media.leg.release() }
            media = nil
            await reject(.notAcceptableHere, reason: "\(error)")
            return false
        }
    }

    func reject(_ status: SIPStatus, reason: String) async {
        logger.info("call refused", metadata: ["status": "\(status.code)", "reason": "\(reason)"])
        summary.disposition = .rejected
        summary.hungUpBy = .system
        if media != nil {
            // Already answered (e.g. after a wrong password): a status can no longer be sent.
            await hangUpCaller()
        } else {
            try? await call.reject(status)
        }
        context.events.publish(event(.callRejected, details: ["status": "\(status.code)", "reason": reason]))
    }

    /// Ends the caller's leg if it is still up.
    func hangUpCaller() async {
        guard !callerGone else { return }
        callerGone = true
        if summary.hungUpBy != .agent { summary.hungUpBy = .system }
        _ = try? await call.hangUp()
    }

    // MARK: caller events

    private func watchCaller() async {
        for await event in call.events {
            switch event {
            case .ended(let reason):
                await callerHungUp(byCaller: reason != .shutdown && reason != .timeout && reason != .transportError)
                return
            case .cancelled:
                await callerHungUp()
            case .request(let request):
                await callerRequest(request)
            default:
                break
            }
        }
    }

    private func callerHungUp(byCaller: Bool = true) async {
        guard !callerGone else { return }
        callerGone = true
        summary.hungUpBy = byCaller ? .caller : .system
        logger.info(byCaller ? "caller hung up" : "caller's leg ended")
        work?.cancel()
        control.consult?.ringing?.cancel()
        control.supervision?.ringing?.cancel()
        conversationEnded?.yield(.callerHungUp)
    }

    private func callerRequest(_ request: SIPIncomingRequest) async {
        switch request.method {
        case .invite, .update:
            guard var current = media else { return request.respond(.requestPending) }
            do {
                let answer = request.request.body.isEmpty ? current.currentOffer() : try await current.receivedReoffer(Array(request.request.body))
                media = current
                request.respond(.ok, body: answer)
            } catch {
                request.respond(.notAcceptableHere, reasonPhrase: "\(error)")
            }
        case .info:
            if let digit = Self.infoDigit(request.request) { media?.leg.receivedSIPInfoDigit(digit) }
        case .refer:
            request.respond(.forbidden, reasonPhrase: "Callers cannot transfer")
        default:
            break
        }
    }

    /// The digit of an `application/dtmf-relay` or `application/dtmf` INFO body.
    static func infoDigit(_ request: SIPRequest) -> DTMFDigit? {
        let text = String(decoding: request.body, as: UTF8.self)
        for line in text.split(whereSeparator: \.isNewline) {
            let parts = line.split(separator: "=", maxSplits: 1)
            if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces).lowercased() == "signal",
               let character = parts[1].trimmingCharacters(in: .whitespaces).first
            {
                return DTMFDigit(character)
            }
        }
        if let character = text.trimmingCharacters(in: .whitespacesAndNewlines).first, text.count <= 3 { return DTMFDigit(character) }
        return nil
    }

    private func watchMedia(_ leg: MediaLeg) async {
        for await event in leg.events() {
            if case .rtpTimeout(let milliseconds) = event {
                logger.notice("no RTP from the caller; hanging up", metadata: ["silentMilliseconds": "\(milliseconds)"])
                summary.hungUpBy = .system
                work?.cancel()
                conversationEnded?.yield(.callerHungUp)
                await hangUpCaller()
                return
            }
            if case .released = event { return }
        }
    }

    // MARK: end

    private func finish() async {
        context.liveCalls.remove(tenant: tenant.id, callID: callID)
        await endControl()
        if let task {
            await context.acd.handle(summary.answeredAt == nil ? .taskWithdrawn(task) : .taskCompleted(task), tenant: TenantID(tenant.id))
            await context.acd.unregister(task: task, tenant: TenantID(tenant.id))
        }
        await background?.stop()
        if let agentLeg { _ = try? await agentLeg.call.hangUp(); await agentLeg.media.leg.release() }
        await endRecording()
        if let media { await media.leg.release() }
        if holdsIVRPort { context.counters.releaseIVRPort(tenant: tenant.id) }
        summary.endedAt = Date()
        if summary.answeredAt != nil, summary.disposition != .forwarded { summary.disposition = .answered }
        if let index = agentLegIndex, summary.legs[index].endedAt == nil { summary.legs[index].endedAt = summary.endedAt }
        // Not cancelled with the session (a shutdown still writes every CDR).
        let records = context.records
        let finished = summary
        await Task { await records.write(finished) }.value
        await queueHangUpSMS()
        context.events.publish(event(.callEnded, details: [
            "disposition": summary.disposition.rawValue, "hungUpBy": summary.hungUpBy.rawValue,
        ]))
        logger.info("call ended", metadata: ["disposition": "\(summary.disposition.rawValue)", "hungUpBy": "\(summary.hungUpBy.rawValue)"])
    }

    func endRecording() async {
        guard let recording else { return }
        self.recording = nil
        if let file = await context.finish(recording, startedAt: summary.answeredAt ?? Date()) { summary.recording = file }
    }

    func event(_ kind: CallCenterEvent.Kind, agent: String? = nil, details: [String: String] = [:]) -> CallCenterEvent {
        CallCenterEvent(kind, tenantID: tenant.id, callID: callID, agentID: agent ?? self.agent?.id, details: details)
    }
}
