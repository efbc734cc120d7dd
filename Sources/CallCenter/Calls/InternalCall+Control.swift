// An extension call as the call bar and the board see it (the live-call registry), what they
// may do with it (hang up, force release), and the phones' own re-INVITEs: hold from either
// phone plays music on hold to the other, as on a customer call.

import Foundation
import Logging
import Media
import SIP
import SIPStack

extension InternalCall: ControllableCall {
    func view() -> LiveCallView {
        LiveCallView(
            callID: call.callID, tenantID: tenant.id, direction: "internal", caller: caller.extensionNumber,
            called: callee.extensionNumber, phase: heldBy != nil && phase == "talking" ? "held" : phase, agentID: callee.id,
            held: heldBy != nil, muted: false, arrivedAt: summary.arrivedAt, answeredAt: summary.answeredAt)
    }

    func involves(agent agentID: String) -> Bool {
        caller.id == agentID || callee.id == agentID
    }

    func perform(_ command: CallControlCommand, requester: CallControlRequester) async throws(CallControlRefusal) {
        guard phase != "ended", handover == nil else { throw .conflict("the call has ended") }
        switch command {
        case .hangUp, .release:
            summary.hungUpBy = command == .release ? .supervisor : .agent
            logger.info("extension call ended from the call bar", metadata: ["command": "\(command.name)"])
            // BYE, or CANCEL and 480 while the callee's phone still rings.
            callerGone = true
            if let calleeLeg { _ = try? await calleeLeg.call.hangUp() }
            _ = try? await call.hangUp()
            ended?.yield(command == .release ? .supervisor : .agent)
        default:
            throw .conflict("\(command.name) is not available on a call between two extensions: use the phone")
        }
    }

    /// A request inside one phone's dialog: a re-INVITE or UPDATE is answered from that leg's
    /// media (`sendonly` answered `recvonly`: the phone holds); a REFER with Replaces naming the
    /// same agent's dialog with a customer is an attended transfer; any other REFER is refused.
    func received(_ request: SIPIncomingRequest, from side: Side) async {
        switch request.method {
        case .invite, .update:
            guard var media = side == .caller ? callerMedia : calleeLeg?.media else { return request.respond(.requestPending) }
            let answer: [UInt8]
            do {
                answer = request.request.body.isEmpty ? media.currentOffer() : try await media.receivedReoffer(Array(request.request.body))
            } catch {
                return request.respond(.notAcceptableHere, reasonPhrase: "\(error)")
            }
            if side == .caller { callerMedia = media } else { calleeLeg?.media = media }
            request.respond(.ok, body: answer)
            await follow(hold: media.heldByPeer, by: side)
        case .refer:
            await referred(request, from: side)
        default:
            break
        }
    }

    /// A REFER from the phone on `side`: with a Replaces naming that agent's dialog with a
    /// customer, the customer joins the other party here (NOTIFYs on this dialog).
    private func referred(_ request: SIPIncomingRequest, from side: Side) async {
        guard let replaces = try? request.request.referToReplaces(), let leg = leg(side), phase == "talking", handover == nil else {
            return request.respond(.forbidden, reasonPhrase: "Extension calls cannot be transferred, only a customer to them")
        }
        request.respond(.accepted)
        await leg.call.notifyTransfer("100 Trying", final: false)
        for case let customer as CustomerCall in context.liveCalls.calls(tenant: tenant.id) where await customer.agentDialog(named: replaces, of: agent(side).id) {
            return await customer.join(self, side: side, referrer: leg.call)
        }
        logger.notice("a REFER on the extension call names no customer call of the agent", metadata: ["replaces": "\(replaces)"])
        await leg.call.notifyTransfer("481 Call/Transaction Does Not Exist", final: true)
    }

    /// The phone on `side` held the other party (music for them) or took them off hold.
    private func follow(hold: Bool, by side: Side) async {
        guard let bridge, let callerMedia, let calleeLeg else { return }
        if hold, heldBy == nil {
            heldBy = side
            let other = side == .caller ? calleeLeg.media.leg : callerMedia.leg
            try? await bridge.hold(other, music: CallPrompts.musicOnHold(file: context.settings.musicOnHoldFile))
            holds += 1
            context.events.publish(CallCenterEvent(.callHeld, tenantID: tenant.id, callID: call.callID, agentID: agent(side).id))
            logger.info("extension call on hold", metadata: ["by": "\(agent(side).extensionNumber)"])
        } else if !hold, heldBy == side {
            heldBy = nil
            await bridge.unhold()
            context.events.publish(CallCenterEvent(.callResumed, tenantID: tenant.id, callID: call.callID, agentID: agent(side).id))
            logger.info("extension call resumed", metadata: ["by": "\(agent(side).extensionNumber)"])
        }
    }

    /// The agent whose phone is on `side`.
    func agent(_ side: Side) -> AgentRecord {
        side == .caller ? caller : callee
    }
}
