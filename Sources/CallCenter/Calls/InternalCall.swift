// A call from one agent's phone to another agent's extension (内线): ring the callee's phone,
// answer the caller when the callee answers, bridge them; both agents are busy in the ACD for
// the call's length and wrap up after it; one CDR with direction `internal`.

import ACD
import Foundation
import Logging
import Media
import SIP
import SIPStack

/// One extension-to-extension call, from the caller's INVITE to the CDR.
actor InternalCall {
    let call: SIPCall
    let caller: AgentRecord
    let callee: AgentRecord
    let tenant: TenantRuntime
    let context: CallPathContext
    private var logger: Logger
    private var summary: CallSummary
    private var calleeLeg: AgentLegPlacement?
    private var callerMedia: LegMedia?
    private var callerGone = false
    /// Told who ended the conversation (caller or callee).
    private var ended: AsyncStream<CallSummary.Party>.Continuation?

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
        let watcher = Task { await self.watchCaller() }
        await connect()
        watcher.cancel()
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
        // Both agents are busy from the first ring, so no queue offer crosses the call.
        let works = [
            await DirectWork.start(agent: caller, tenant: tenant, callID: call.callID, context: context),
            await DirectWork.start(agent: callee, tenant: tenant, callID: call.callID, context: context),
        ].compactMap { $0 }
        await talk()
        for work in works { await work.end() }
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
        context.events.publish(CallCenterEvent(.callAnswered, tenantID: tenant.id, callID: call.callID, agentID: callee.id, details: [
            "direction": "internal", "caller": caller.extensionNumber,
        ]))
        summary.hungUpBy = await converse(answered)
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

    /// Bridges caller and callee until one hangs up; returns who did.
    private func converse(_ answered: AgentLegPlacement) async -> CallSummary.Party {
        guard let callerMedia else { return .system }
        let (stream, continuation) = AsyncStream<CallSummary.Party>.makeStream(bufferingPolicy: .bufferingNewest(1))
        ended = continuation
        if callerGone { continuation.yield(.caller) }
        let bridge = try? await context.media.bridge(callerMedia.leg, answered.media.leg)
        let callee = Task {
            for await event in answered.call.events { if case .ended = event { break } }
            continuation.yield(.callee)
        }
        var party = CallSummary.Party.system
        for await first in stream {
            party = first
            break
        }
        callee.cancel()
        ended = nil
        await bridge?.unbridge()
        if party == .callee { _ = try? await call.hangUp() }
        return party
    }

    private func watchCaller() async {
        for await event in call.events {
            switch event {
            case .ended, .cancelled:
                callerGone = true
                if summary.answeredAt == nil, let calleeLeg { _ = try? await calleeLeg.call.cancel() }
                ended?.yield(.caller)
                return
            default:
                break
            }
        }
    }
}
