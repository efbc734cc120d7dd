// An INVITE with Replaces (RFC 3891) from the agent's own other device: the agent moves the
// customer to another phone (a desk phone to a softphone) without the caller noticing. The
// new leg takes the agent leg's place in the bridge and the recording; the old dialog ends.

import Foundation
import Logging
import Media
import SIP
import SIPStack

extension CustomerCall {
    /// Whether `replaces` names the dialog of this call's agent leg.
    func agentDialog(named replaces: Replaces) async -> Bool {
        guard let leg = agentLeg else { return false }
        return await replaces.names(leg.call)
    }

    /// Answers `call` (an INVITE whose Replaces named the agent leg) from `record`'s phone and
    /// makes it the agent leg; refused unless `record` is the call's agent and nothing else
    /// (consultation, conference, supervision) uses the leg.
    func moveAgentLeg(to call: SIPCall, agent record: AgentRecord) async {
        guard let old = agentLeg, agent?.id == record.id, let callerLeg = media?.leg, !callerGone else {
            try? await call.reject(.forbidden, reasonPhrase: "Only the agent on the call can take it to another phone")
            return
        }
        guard control.consult == nil, control.conference == nil, control.supervision == nil else {
            try? await call.reject(.decline, reasonPhrase: "Not during a consultation, conference or supervision")
            return
        }
        let answered: LegMedia
        do {
            let (legMedia, answer) = try await LegMedia.answering(
                Array(call.request.body), engine: context.media, sessionID: UInt64.random(in: 1...UInt64(Int64.max)),
                rtpTimeoutMilliseconds: context.settings.rtpTimeoutMilliseconds, metadata: ["tenant": "\(tenant.id)", "call": "\(callID)"])
            try await call.answer(sdp: answer)
            answered = legMedia
        } catch {
            try? await call.reject(.notAcceptableHere, reasonPhrase: "\(error)")
            return
        }
        // From here a BYE on the old dialog is not the agent hanging up on the caller.
        agentLeg = nil
        if let index = agentLegIndex, summary.legs[index].endedAt == nil { summary.legs[index].endedAt = Date() }
        await endHold(relink: false)
        let leg = CallSummary.Leg(agentID: record.id, number: record.extensionNumber, sipCallID: call.callID, startedAt: Date())
        let index = appendLeg(leg, outcome: "answered", status: 200)
        let placement = AgentLegPlacement(call: call, media: answered)
        await handCaller(to: placement, legIndex: index, agent: record, callerLeg: callerLeg, completingTask: false)
        Task { await self.watchAgent(call) }
        logger.info("the agent took the call to another device (INVITE with Replaces)", metadata: ["agent": "\(record.workNumber)"])
        context.events.publish(event(.callTransferred, agent: record.id, details: ["to": "agent:\(record.workNumber)", "state": "completed", "after": "replaces"]))
        _ = try? await old.call.hangUp()
        await old.media.leg.release()
    }
}
