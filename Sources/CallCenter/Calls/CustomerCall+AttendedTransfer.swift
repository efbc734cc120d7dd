// Attended transfer from the agent's softphone (RFC 5589 §7, RFC 3891): the phone held the
// caller, called a colleague's extension through kefu, and now REFERs this call's agent
// dialog with `Refer-To: <sip:…?Replaces=…>` naming that extension call. kefu is the B2BUA
// between all three phones, so it joins the caller's media to the colleague's leg (no new
// INVITE: the legs' RTP ends stay as negotiated), tells the phone the outcome in NOTIFYs
// (100, then 200 or 481), and ends the two dialogs of the transferring phone.

import ACD
import Foundation
import Logging
import Media
import SIP
import SIPStack

extension CustomerCall {
    /// Carries out the REFER with `replaces` that the agent's phone sent on `call`.
    func attendedTransfer(_ request: SIPIncomingRequest, replacing replaces: Replaces, from call: SIPCall) async {
        guard let transferring = agentLeg, transferring.call === call, let agent else {
            return request.respond(.forbidden, reasonPhrase: "Only the agent talking to the caller can transfer")
        }
        guard control.consult == nil, control.conference == nil else {
            return request.respond(.requestPending, reasonPhrase: "A consultation or conference is in progress")
        }
        request.respond(.accepted)
        await notifyReferrer(call, sipfrag: "100 Trying", final: false)
        guard let callerLeg = media?.leg, !callerGone, let (extensionCall, side) = await extensionCall(of: agent.id, named: replaces),
              let party = await extensionCall.handOver(from: side, to: self, customerCallID: callID)
        else {
            logger.notice("attended transfer names no call of the agent's phone", metadata: ["replaces": "\(replaces)"])
            context.events.publish(event(.callTransferred, details: ["to": "replaces:\(replaces.callID.rawValue)", "state": "failed", "reason": "481"]))
            return await notifyReferrer(call, sipfrag: "481 Call/Transaction Does Not Exist", final: true)
        }
        await endSupervision(rebridge: false)
        await endHold(relink: false)
        // From here a BYE from the transferring phone is not the agent hanging up on the caller.
        agentLeg = nil
        if let index = agentLegIndex, summary.legs[index].endedAt == nil { summary.legs[index].endedAt = Date() }
        let leg = CallSummary.Leg(
            kind: "transfer", agentID: party.agent.id, number: party.agent.extensionNumber, sipCallID: party.leg.call.callID, startedAt: Date())
        let index = appendLeg(leg, outcome: "answered", status: 200)
        await handCaller(to: party.leg, legIndex: index, agent: party.agent, callerLeg: callerLeg)
        // The colleague's extension-call work is the call's task now (their wrap-up follows it).
        task = party.work?.task
        logger.info("attended transfer", metadata: ["from": "\(agent.workNumber)", "to": "\(party.agent.workNumber)"])
        context.events.publish(event(.callTransferred, agent: party.agent.id, details: [
            "to": "agent:\(party.agent.workNumber)", "state": "completed", "after": "attended",
        ]))
        await notifyReferrer(call, sipfrag: "200 OK", final: true)
        _ = try? await transferring.call.hangUp()
        await transferring.media.leg.release()
    }

    /// The live extension call of this tenant in which `replaces` names the dialog of
    /// `agentID`'s phone, and that phone's side in it.
    private func extensionCall(of agentID: String, named replaces: Replaces) async -> (InternalCall, InternalCall.Side)? {
        for case let candidate as InternalCall in context.liveCalls.calls(tenant: tenant.id) {
            if let side = await candidate.side(of: agentID, named: replaces) { return (candidate, side) }
        }
        return nil
    }
}
