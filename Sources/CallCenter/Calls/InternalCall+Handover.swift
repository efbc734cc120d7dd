// Attended transfer from a softphone (RFC 5589 §7): the agent holds the customer, calls a
// colleague's extension (this internal call), then REFERs the customer's dialog with
// `Replaces` naming this call's dialog (or this dialog naming the customer's). The colleague's
// leg leaves this call for the customer call, which also ends the transferring phone's leg.

import ACD
import Foundation
import Logging
import SIP
import SIPStack

extension InternalCall {
    /// What an attended transfer takes from the call: the remaining party's leg, its agent,
    /// and their ACD work (which the customer call completes when their part ends); and the
    /// transferring phone's leg, which the customer call ends once it has NOTIFYd the outcome.
    struct HandedOverParty: Sendable {
        var leg: AgentLegPlacement
        var agent: AgentRecord
        var work: DirectWork?
        var leaving: AgentLegPlacement
    }

    /// The leg of the phone on `side` once the call was answered.
    func leg(_ side: Side) -> AgentLegPlacement? {
        switch side {
        case .caller: callerMedia.map { AgentLegPlacement(call: call, media: $0) }
        case .callee: calleeLeg
        }
    }

    /// The side of `agentID`'s phone when `replaces` names its dialog in this call.
    func side(of agentID: String, named replaces: Replaces) async -> Side? {
        for side in [Side.caller, .callee] where agent(side).id == agentID {
            if let leg = leg(side), await replaces.names(leg.call) { return side }
        }
        return nil
    }

    /// Gives the party opposite `transferring` to the customer call `customer` (`customerCallID`):
    /// from now on that leg's events go there and its media is no longer bridged or recorded
    /// here; both legs are the customer call's to end. This call's CDR names the customer
    /// call. Nil when the call is not talking or was already handed over.
    func handOver(from transferring: Side, to customer: CustomerCall, customerCallID: String) async -> HandedOverParty? {
        let kept: Side = transferring == .caller ? .callee : .caller
        guard phase == "talking", handover == nil, let keptLeg = leg(kept), let leaving = leg(transferring) else { return nil }
        handover = Handover(side: kept, customer: customer)
        let work = works.removeValue(forKey: kept)
        heldBy = nil
        summary.hungUpBy = .agent
        summary.callData["transferred_into"] = customerCallID
        await endConversation()
        ended?.yield(.agent)
        logger.info("attended transfer: the extension call's party joins a customer call", metadata: [
            "party": "\(agent(kept).extensionNumber)", "customerCall": "\(customerCallID)",
        ])
        return HandedOverParty(leg: keptLeg, agent: agent(kept), work: work, leaving: leaving)
    }
}
