// A call from one agent's phone to another agent's extension (内线): ring the callee's phone,
// answer the caller when the callee answers, bridge and record them; both agents are busy in
// the ACD for the call's length and wrap up after it; one CDR with direction `internal`. The
// call is live for the call bar and the board while it lasts; hold from either phone and the
// attended transfer that hands one party to a customer call are in the other InternalCall files.

import ACD
import Foundation
import Logging
import Media
import SIP
import SIPStack

/// One extension-to-extension call, from the caller's INVITE to the CDR.
actor InternalCall {
    /// One of the call's two phones.
    enum Side: Sendable {
        /// The phone that dialled (kefu answered its INVITE).
        case caller
        /// The phone kefu rang.
        case callee
    }

    /// Who took a party over in an attended transfer: that leg's events go there from then on.
    struct Handover: Sendable {
        var side: Side
        var customer: CustomerCall
    }

    let call: SIPCall
    let caller: AgentRecord
    let callee: AgentRecord
    let tenant: TenantRuntime
    let context: CallPathContext
    var logger: Logger
    var summary: CallSummary
    var calleeLeg: AgentLegPlacement?
    var callerMedia: LegMedia?
    var callerGone = false
    var bridge: MediaBridge?
    var recording: MediaRecording?
    /// The phone that holds the other (its last offer was sendonly or inactive).
    var heldBy: Side?
    /// How often a phone held the other (the callee leg's hold count on the CDR).
    var holds = 0
    /// `ringing`, `talking`, `ended`.
    var phase = "ringing"
    /// Set once an attended transfer took a party's leg over.
    var handover: Handover?
    /// Each agent's ACD work (busy from the first ring), by side.
    var works: [Side: DirectWork] = [:]
    /// Told who ended the conversation (caller or callee).
    var ended: AsyncStream<CallSummary.Party>.Continuation?

    /// How long the callee's phone rings before the caller hears "not answered".
    static let ringSeconds = 30

    init(call: SIPCall, caller: AgentRecord, callee: AgentRecord, tenant: TenantRuntime, context: CallPathContext) {
        self.call = call
        self.caller = caller
        self.callee = callee
        self.tenant = tenant
        self.context = context
        var logger = context.logger
        logger[metadataKey: "tenant"] = "\(tenant.id)"
        logger[metadataKey: "call"] = "\(call.callID)"
        logger[metadataKey: "agent"] = "\(caller.id)"
        self.logger = logger
        summary = CallSummary(
            tenantID: tenant.id, callID: call.callID, callerNumber: caller.extensionNumber,
            calledNumber: callee.extensionNumber, arrivedAt: Date())
        summary.direction = "internal"
        summary.agentID = callee.id
        summary.agentWorkNumber = callee.workNumber
        summary.teamID = callee.teamID
    }

    /// Runs the call to its end and writes its CDR.
    func run() async {
        logger.info("extension call", metadata: ["to": "\(callee.extensionNumber)"])
        context.liveCalls.add(self, tenant: tenant.id, callID: call.callID)
        // Each leg's events are read by one task for the leg's whole life (a SIPCall's event
        // stream has one reader; cancelling it would end the stream), so a leg handed over to
        // a customer call keeps being followed.
        Task { await self.follow(self.call, side: .caller) }
        await connect()
        phase = "ended"
        context.liveCalls.remove(tenant: tenant.id, callID: call.callID)
        summary.endedAt = Date()
        let records = context.records
        let finished = summary
        await Task { await records.write(finished) }.value
        context.events.publish(CallCenterEvent(.callEnded, tenantID: tenant.id, callID: call.callID, agentID: callee.id, details: [
            "disposition": summary.disposition.rawValue, "hungUpBy": summary.hungUpBy.rawValue, "direction": "internal",
        ]))
        logger.info("extension call ended", metadata: ["disposition": "\(summary.disposition.rawValue)"])
    }

    private func connect() async {
        switch context.board.state(agent: callee.id, tenant: tenant.id) {
        case .busy, .reserved:
            summary.disposition = .notAnswered
            summary.hungUpBy = .system
            try? await call.reject(.busyHere, reasonPhrase: "Agent \(callee.workNumber) is on another call")
            return
        default:
            break
        }
        try? await call.ring()
        // The board's and the wallboard's live calls follow the event stream.
        context.events.publish(CallCenterEvent(.callArrived, tenantID: tenant.id, callID: call.callID, agentID: callee.id, details: [
            "caller": caller.extensionNumber, "called": callee.extensionNumber, "direction": "internal",
        ]))
        // Both agents are busy from the first ring, so no queue offer crosses the call.
        works[.caller] = await DirectWork.start(agent: caller, tenant: tenant, callID: call.callID, context: context)
        works[.callee] = await DirectWork.start(agent: callee, tenant: tenant, callID: call.callID, context: context)
        await talk()
        for work in works.values { await work.end() }
        works = [:]
        // After an attended transfer both legs are the customer call's to end.
        guard handover == nil else { return }
        if let calleeLeg {
            _ = try? await calleeLeg.call.hangUp()
            await calleeLeg.media.leg.release()
        }
        if let callerMedia { await callerMedia.leg.release() }
    }

    /// Rings the callee; on answer, answers the caller, bridges and waits for a hang-up.
    private func talk() async {
        var leg = CallSummary.Leg(agentID: callee.id, number: callee.extensionNumber, startedAt: Date())
        let placement: AgentLegPlacement
        do {
            placement = try await AgentDialer.ring(
                agent: callee, tenant: tenant, caller: caller.extensionNumber, queueName: "内线", callID: call.callID,
                near: nil, context: context)
        } catch {
            leg.endedAt = Date()
            summary.legs.append(leg)
            summary.disposition = .notAnswered
            try? await call.reject(.temporarilyUnavailable, reasonPhrase: "Extension \(callee.extensionNumber) cannot be reached")
            return
        }
        leg.sipCallID = placement.call.callID
        calleeLeg = placement
        if callerGone { _ = try? await placement.call.cancel() }
        let outcome = await placement.awaitAnswer(ringSeconds: Self.ringSeconds)
        guard case .answered(let answered, let status) = outcome, !callerGone else {
            if case .notAnswered(let word, let status) = outcome {
                leg.outcome = callerGone ? "cancelled" : word
                leg.sipStatus = status
            }
            leg.endedAt = Date()
            summary.legs.append(leg)
            summary.disposition = callerGone ? .abandoned : .notAnswered
            summary.hungUpBy = callerGone ? .caller : .callee
            if !callerGone { try? await call.reject(leg.outcome == "busy" ? .busyHere : .temporarilyUnavailable) }
            return
        }
        calleeLeg = answered
        Task { await self.follow(answered.call, side: .callee) }
        leg.outcome = "answered"
        leg.sipStatus = status
        leg.answeredAt = Date()
        guard await answerCaller() else {
            leg.endedAt = Date()
            summary.legs.append(leg)
            return
        }
        summary.answeredAt = Date()
        summary.disposition = .answered
        phase = "talking"
        context.events.publish(CallCenterEvent(.callAnswered, tenantID: tenant.id, callID: call.callID, agentID: callee.id, details: [
            "direction": "internal", "caller": caller.extensionNumber,
        ]))
        summary.hungUpBy = await converse(answered)
        leg.holdCount = holds
        leg.endedAt = Date()
        summary.legs.append(leg)
    }

    /// Answers the caller's INVITE with media; false when the caller is gone or its offer unusable.
    private func answerCaller() async -> Bool {
        guard !callerGone, !call.request.body.isEmpty else {
            if !callerGone { try? await call.reject(.notAcceptableHere, reasonPhrase: "INVITE without SDP offer is not supported") }
            summary.disposition = .failed
            return false
        }
        do {
            let (media, answer) = try await LegMedia.answering(
                Array(call.request.body), engine: context.media, sessionID: UInt64.random(in: 1...UInt64(Int64.max)),
                rtpTimeoutMilliseconds: context.settings.rtpTimeoutMilliseconds,
                metadata: ["tenant": "\(tenant.id)", "call": "\(call.callID)"])
            callerMedia = media
            try await call.answer(sdp: answer)
            return true
        } catch {
            logger.notice("cannot answer the extension call", metadata: ["error": "\(error)"])
            try? await call.reject(.notAcceptableHere, reasonPhrase: "\(error)")
            summary.disposition = .failed
            return false
        }
    }

    /// Bridges and records caller and callee until one hangs up (or an attended transfer
    /// takes one of them); returns who ended it.
    private func converse(_ answered: AgentLegPlacement) async -> CallSummary.Party {
        guard let callerMedia else { return .system }
        let (stream, continuation) = AsyncStream<CallSummary.Party>.makeStream(bufferingPolicy: .bufferingNewest(1))
        ended = continuation
        if callerGone { continuation.yield(.caller) }
        bridge = try? await context.media.bridge(callerMedia.leg, answered.media.leg)
        if context.settings.recordsCalls {
            recording = try? await context.media.startRecording(
                .stereo(caller: callerMedia.leg, agent: answered.media.leg),
                to: context.recordingPath(tenant: tenant, kind: "internal", callID: call.callID))
        }
        var party = CallSummary.Party.system
        for await first in stream {
            party = first
            break
        }
        ended = nil
        await endConversation()
        if party == .callee { _ = try? await call.hangUp() }
        return party
    }

    /// Unbridges the two phones and closes the recording (its file goes on the CDR).
    func endConversation() async {
        await bridge?.unbridge()
        bridge = nil
        if let recording {
            self.recording = nil
            if let file = await context.finish(recording, startedAt: summary.answeredAt ?? Date()) { summary.recording = file }
        }
    }

    /// Reads one leg's events for its whole life: re-offers (hold, resume) and the hang-up;
    /// after an attended transfer took the leg, its events go to that customer call.
    private func follow(_ leg: SIPCall, side: Side) async {
        for await event in leg.events {
            if let handover, handover.side == side {
                await handover.customer.followAgentLeg(event, on: leg)
                continue
            }
            switch event {
            case .request(let request):
                await received(request, from: side)
            case .cancelled where side == .caller:
                callerHungUp()
            case .ended:
                if side == .caller { callerHungUp() } else { ended?.yield(.callee) }
                return
            default:
                break
            }
        }
    }

    private func callerHungUp() {
        guard !callerGone else { return }
        callerGone = true
        if summary.answeredAt == nil, let calleeLeg { Task { _ = try? await calleeLeg.call.cancel() } }
        ended?.yield(.caller)
    }
}
