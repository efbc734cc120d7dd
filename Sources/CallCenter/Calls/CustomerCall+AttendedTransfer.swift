// Attended transfer from the agent's softphone (RFC 5589 §7, RFC 3891): the phone held the
// caller, called a colleague's extension through kefu, and now REFERs one of its two dialogs
// with `Refer-To: <sip:…?Replaces=…>` naming the other: usually the caller's dialog naming the
// extension call, some phones the other way round. kefu is the B2BUA between all three phones,
// so it joins the caller's media to the colleague's leg (no new INVITE: the legs' RTP ends stay
// as negotiated), tells the phone the outcome in NOTIFYs on the REFER's dialog (100, then 200
// or 481), and ends both of the transferring phone's dialogs.

import ACD
import Foundation
import Logging
import Media
import SIP
import SIPStack

extension CustomerCall {
    /// The REFER with `replaces` that the agent's phone sent on this call's agent dialog `call`.
    func attendedTransfer(_ request: SIPIncomingRequest, replacing replaces: Replaces, from call: SIPCall) async {
        guard let agentLeg, agentLeg.call === call, let agent else {
            return request.respond(.forbidden, reasonPhrase: "Only the agent talking to the caller can transfer")
        }
        guard control.consult == nil, control.conference == nil else {
            return request.respond(.requestPending, reasonPhrase: "A consultation or conference is in progress")
        }
        request.respond(.accepted)
        await call.notifyTransfer("100 Trying", final: false)
        guard let (extensionCall, side) = await extensionCall(of: agent.id, named: replaces) else {
            return await attendedTransferFailed(referrer: call, named: replaces)
        }
        await join(extensionCall, side: side, referrer: call)
    }

    /// Whether `replaces` names this call's agent dialog and `agentID` is that agent: the
    /// extension call's phone may REFER its dialog there (the transfer the other way round).
    func agentDialog(named replaces: Replaces, of agentID: String) async -> Bool {
        agent?.id == agentID && control.consult == nil && control.conference == nil ? await agentDialog(named: replaces) : false
    }

    /// Joins the caller with the party opposite `side` in `extensionCall`, for the REFER sent
    /// on `referrer` (either of the transferring phone's dialogs): NOTIFY 200 there, then BYE
    /// on both of that phone's dialogs. The CDR keeps the agent's leg and adds the colleague's
    /// as a transfer leg; a call that can no longer be joined NOTIFYs 481.
    func join(_ extensionCall: InternalCall, side: InternalCall.Side, referrer: SIPCall) async {
        guard let transferring = agentLeg, let agent, let callerLeg = media?.leg, !callerGone,
              let party = await extensionCall.handOver(from: side, to: self, customerCallID: callID)
        else {
            return await attendedTransferFailed(referrer: referrer, named: nil)
        }
        await endSupervision(rebridge: false)
        await endHold(relink: false)
        // From here a BYE from the transferring phone is not the agent hanging up on the caller.
        self.agentLeg = nil
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
        await referrer.notifyTransfer("200 OK", final: true)
        for leg in [transferring, party.leaving] {
            _ = try? await leg.call.hangUp()
            await leg.media.leg.release()
        }
    }

    private func attendedTransferFailed(referrer: SIPCall, named replaces: Replaces?) async {
        logger.notice("attended transfer names no call of the agent's phone", metadata: ["replaces": "\(replaces.map { "\($0)" } ?? "-")"])
        context.events.publish(event(.callTransferred, details: [
            "to": "replaces:\(replaces?.callID.rawValue ?? "-")", "state": "failed", "reason": "481",
        ]))
        await referrer.notifyTransfer("481 Call/Transaction Does Not Exist", final: true)
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
