// Consultation (咨询) from the call bar: the caller on hold with music, the agent rings an
// agent or an external number (a queue goes through the ACD: CustomerCall+ConsultQueue) and
// talks with them, then completes the transfer, makes a three-way conference (会议) through
// the media mixer, or goes back to the caller. A single-step transfer to an agent or number rings the same way and completes on
// answer, so a failed one returns the caller to the agent. Every attempt, answered or not, is
// a leg of the CDR.

import ACD
import Foundation
import Logging
import Media
import SIP
import SIPStack

/// A party a transfer or consultation can ring directly.
struct DirectTarget: Sendable {
    /// `agent:1002`, `external:138…`, for events and the call bar.
    var label: String
    var agent: AgentRecord?
    var number: String
    var place: @Sendable () async throws -> AgentLegPlacement
}

extension CustomerCall {
    /// Resolves a target that is rung directly (agent, a queue's ready agent, external number).
    func directTarget(_ target: CallTransferTarget) throws(CallControlRefusal) -> DirectTarget {
        let (tenant, caller, callID, context, near) = (self.tenant, self.caller, self.callID, self.context, media?.leg)
        switch target {
        case .agent(let number):
            guard let next = tenant.agentsByWorkNumber[number] ?? tenant.agentsByExtension[number] else {
                throw .invalidTarget("no agent with work number or extension '\(number)' in this tenant", field: "target.value")
            }
            guard next.id != agent?.id else { throw .invalidTarget("the call is already with agent \(number)", field: "target.value") }
            return DirectTarget(label: "agent:\(next.workNumber)", agent: next, number: next.extensionNumber) {
                try await AgentDialer.ring(agent: next, tenant: tenant, caller: caller, queueName: "consult", callID: callID, near: near, context: context)
            }
        case .queue:
            throw .invalidTarget("a queue is consulted through the ACD, not rung directly", field: "target.kind")
        case .external(let number):
            guard !TrunkDialer.routes(for: number, tenant: tenant).isEmpty else {
                throw .invalidTarget("no outbound trunk of this tenant takes \(number)", field: "target.value")
            }
            return DirectTarget(label: "external:\(number)", agent: nil, number: number) {
                try await TrunkDialer.dial(number, tenant: tenant, caller: caller, callID: callID, near: near, context: context)
            }
        case .ivr:
            throw .invalidTarget("a flow cannot be consulted; transfer to it instead", field: "target.kind")
        }
    }

    func startConsultation(_ target: CallTransferTarget) async throws(CallControlRefusal) {
        guard agentLeg != nil, bridge != nil else { throw .conflict("the call is not connected to an agent") }
        guard control.supervision == nil else { throw .conflict("not while a supervisor is on the call") }
        if case .queue(let name) = target {
            guard let queue = tenant.queuesByID[name] ?? tenant.queuesByName[name] else {
                throw .invalidTarget("no queue '\(name)' in this tenant", field: "target.value")
            }
            return try await startQueueConsultation(queue)
        }
        try await ring(try directTarget(target), transfer: false, referrer: nil)
    }

    /// Puts the caller on hold (music) and rings `party` in the background while the agent
    /// hears ringback: a consultation, or with `transfer` a single-step transfer that hands
    /// the caller over on answer and brings them back to the agent when it fails.
    func ring(_ party: DirectTarget, transfer: Bool, referrer: SIPCall?) async throws(CallControlRefusal) {
        guard let agentLeg, bridge != nil else { throw .conflict("the call is not connected to an agent") }
        guard control.consult == nil, control.conference == nil else { throw .conflict("a consultation or conference is already in progress") }
        await startHold()
        var consult = Consultation(label: party.label, transfer: transfer, referrer: referrer, agent: party.agent)
        consult.ringback = try? await agentLeg.media.leg.startPlayback(.ringback)
        control.consult = consult
        let leg = CallSummary.Leg(kind: transfer ? "transfer" : "consult", agentID: party.agent?.id, number: party.number, startedAt: Date())
        control.consult?.ringing = Task { await self.ringConsulted(leg, place: party.place) }
        if transfer {
            logger.info("transfer", metadata: ["to": "\(party.label)"])
            context.events.publish(event(.callTransferred, details: ["to": party.label, "state": "ringing"]))
        } else {
            context.events.publish(event(.callConsulting, details: ["target": party.label, "state": "ringing"]))
        }
    }

    private func ringConsulted(_ leg: CallSummary.Leg, place: @Sendable () async throws -> AgentLegPlacement) async {
        var leg = leg
        await notifyReferrer(control.consult?.referrer, sipfrag: "100 Trying", final: false)
        let placement: AgentLegPlacement
        do {
            placement = try await place()
        } catch {
            appendLeg(leg, outcome: "failed", status: nil)
            return await consultationFailed("\(error)", status: nil)
        }
        leg.sipCallID = placement.call.callID
        switch await placement.awaitAnswer(ringSeconds: 30) {
        case .answered(let answered, let status):
            let index = appendLeg(leg, outcome: "answered", status: status)
            guard var consult = control.consult, !callerGone, consult.transfer || agentLeg != nil else {
                return await closeLeg(answered, index: index)
            }
            await consult.ringback?.stop()
            consult.ringback = nil
            consult.ringing = nil
            consult.leg = answered
            consult.legIndex = index
            if consult.transfer {
                control.consult = consult
                try? await completeConsultation()
                Task { await self.watchAgent(answered.call) }
                return await notifyReferrer(consult.referrer, sipfrag: "200 OK", final: true)
            }
            if let agentLeg { consult.bridge = try? await context.media.bridge(agentLeg.media.leg, answered.media.leg) }
            control.consult = consult
            Task { await self.watchAgent(answered.call) }
            context.events.publish(event(.callConsulting, details: ["target": consult.label, "state": "talking"]))
        case .notAnswered(let outcome, let status):
            appendLeg(leg, outcome: outcome, status: status)
            await consultationFailed(outcome, status: status)
        }
    }

    /// The consulted party (or the transfer's target) did not answer or refused: the agent is
    /// back with the caller. A transfer whose agent already left ends the call instead.
    func consultationFailed(_ reason: String, status: Int?) async {
        guard let consult = control.consult else { return }
        control.consult = nil
        await consult.ringback?.stop()
        await endConsultationTask(consult.task)
        if consult.transfer {
            logger.notice("transfer failed", metadata: ["to": "\(consult.label)", "reason": "\(reason)"])
            var details = ["to": consult.label, "state": "failed", "reason": reason]
            details["status"] = status.map(String.init)
            context.events.publish(event(.callTransferred, details: details))
            await notifyReferrer(consult.referrer, sipfrag: Self.sipfrag(status: status, reason: reason), final: true)
            guard agentLeg != nil else {
                conversationEnded?.yield(.failed)
                return
            }
            await endHold()
            return
        }
        await endHold()
        logger.info("consultation failed", metadata: ["target": "\(consult.label)", "reason": "\(reason)"])
        context.events.publish(event(.callConsulting, details: ["target": consult.label, "state": "failed", "reason": reason]))
    }

    /// The status line of a failed attempt for a REFER's NOTIFY (`486 Busy Here`, ...).
    static func sipfrag(status: Int?, reason: String) -> String {
        switch status {
        case let code? where code >= 300: return "\(code) \(reason)"
        default: return reason == "no_answer" ? "408 Request Timeout" : "480 Temporarily Unavailable"
        }
    }

    /// Tells the phone that sent REFER how its transfer is going (`message/sipfrag`).
    func notifyReferrer(_ referrer: SIPCall?, sipfrag: String, final: Bool) async {
        await referrer?.notifyTransfer(sipfrag, final: final)
    }

    /// The consulted party takes the caller over; the agent's part ends (wrap-up).
    func completeConsultation() async throws(CallControlRefusal) {
        guard let consult = control.consult, let consulted = consult.leg else { throw .conflict("no consulted party is on the line yet") }
        guard let callerLeg = media?.leg else { throw .conflict("the caller is gone") }
        control.consult = nil
        await consult.bridge?.unbridge()
        await endHold(relink: false)
        await handCaller(to: consulted, legIndex: consult.legIndex, agent: consult.agent, callerLeg: callerLeg)
        // A consulted queue agent's task is the call's task now (their wrap-up follows it).
        task = consult.task ?? task
        context.events.publish(event(.callTransferred, agent: consult.agent?.id, details: consult.transfer
            ? ["to": consult.label, "state": "completed"] : ["to": consult.label, "after": "consult"]))
    }

    /// Caller, agent and consulted party hear each other (会议).
    func conferenceConsultation() async throws(CallControlRefusal) {
        guard let consult = control.consult, let consulted = consult.leg else { throw .conflict("no consulted party is on the line yet") }
        guard let agentLeg, let callerLeg = media?.leg else { throw .conflict("the call is not connected to an agent") }
        control.consult = nil
        await consult.bridge?.unbridge()
        await endHold(relink: false)
        await bridge?.unbridge()
        bridge = nil
        do {
            control.conference = try await context.media.mix([callerLeg, agentLeg.media.leg, consulted.media.leg])
        } catch {
            await closeLeg(consulted, index: consult.legIndex)
            await endConsultationTask(consult.task)
            await bridgeCallerWithAgent()
            throw .conflict("the conference could not be mixed: \(error)")
        }
        control.conferenceLeg = consulted
        control.conferenceAgent = consult.agent
        control.conferenceLegIndex = consult.legIndex
        control.conferenceTask = consult.task
        control.muted = false
        await recording?.setChannel(1, to: [agentLeg.media.leg, consulted.media.leg])
        context.events.publish(event(.callConferenced, details: ["with": consult.label]))
    }

    /// Back to the caller; the consulted party is released (or stops ringing).
    func cancelConsultation() async throws(CallControlRefusal) {
        guard let consult = control.consult else { throw .conflict("no consultation or transfer is in progress") }
        if consult.transfer {
            context.events.publish(event(.callTransferred, details: ["to": consult.label, "state": "cancelled"]))
            await notifyReferrer(consult.referrer, sipfrag: "487 Request Terminated", final: true)
        } else {
            context.events.publish(event(.callConsulting, details: ["target": consult.label, "state": "cancelled"]))
        }
        await cancelConsultationQuietly()
        // A transfer whose agent already left has nobody to return to.
        if agentLeg == nil { conversationEnded?.yield(.failed) }
    }

    /// Ends a consultation if there is one, without an event (hang-up, release, end of call).
    func cancelConsultationQuietly() async {
        guard let consult = control.consult else { return }
        control.consult = nil
        consult.ringing?.cancel()
        await consult.ringback?.stop()
        await consult.bridge?.unbridge()
        await closeLeg(consult.leg, index: consult.legIndex)
        await endConsultationTask(consult.task)
        await endHold()
    }

    /// The consulted party hung up while talking with the agent: back to the caller.
    func consultedPartyHungUp() async {
        guard let consult = control.consult else { return }
        control.consult = nil
        if let index = consult.legIndex { summary.legs[index].endedAt = Date() }
        await consult.bridge?.unbridge()
        await consult.leg?.media.leg.release()
        await endConsultationTask(consult.task)
        await endHold()
        context.events.publish(event(.callConsulting, details: ["target": consult.label, "state": "ended"]))
    }

    /// The agent left the conference: the consulted party stays with the caller.
    func agentLeftConference() async {
        guard let mix = control.conference, let remaining = control.conferenceLeg else { return }
        control.conference = nil
        control.conferenceLeg = nil
        await mix.end()
        await completeTask()
        task = control.conferenceTask
        control.conferenceTask = nil
        agentLeg = remaining
        agentLegIndex = control.conferenceLegIndex
        agent = control.conferenceAgent
        control.conferenceAgent = nil
        await bridgeCallerWithAgent()
        context.events.publish(event(.callTransferred, agent: agent?.id, details: ["to": "conference party", "after": "conference"]))
    }

    /// The consulted party left the conference: agent and caller go on alone.
    func conferencePartyLeft() async {
        guard let mix = control.conference else { return }
        control.conference = nil
        if let index = control.conferenceLegIndex { summary.legs[index].endedAt = Date() }
        await control.conferenceLeg?.media.leg.release()
        control.conferenceLeg = nil
        control.conferenceAgent = nil
        await endConsultationTask(control.conferenceTask)
        control.conferenceTask = nil
        await mix.end()
        await bridgeCallerWithAgent()
        context.events.publish(event(.callResumed, details: ["after": "conference"]))
    }
}
