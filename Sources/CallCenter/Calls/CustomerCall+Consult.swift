// Consultation (咨询) from the call bar: the caller on hold with music, the agent rings an
// agent, a queue's ready agent or an external number and talks with them, then completes the
// transfer, makes a three-way conference (会议) through the media mixer, or goes back to the
// caller. Every attempt, answered or not, is a leg of the CDR.

import ACD
import Foundation
import Logging
import Media
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
        case .queue(let name):
            guard let queue = tenant.queuesByID[name] ?? tenant.queuesByName[name] else {
                throw .invalidTarget("no queue '\(name)' in this tenant", field: "target.value")
            }
            let members = tenant.record.agents.filter { member in
                member.id != agent?.id && member.queues.contains { $0.queue == queue.id || $0.queue == queue.name }
            }
            guard let ready = members.first(where: { context.board.state(agent: $0.id, tenant: tenant.id) == .ready }) else {
                throw .conflict("no agent of queue \(queue.name) is ready")
            }
            return try directTarget(.agent(ready.workNumber))
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
        guard let agentLeg, bridge != nil else { throw .conflict("the call is not connected to an agent") }
        guard control.consult == nil, control.conference == nil else { throw .conflict("a consultation or conference is already in progress") }
        guard control.supervision == nil else { throw .conflict("not while a supervisor is on the call") }
        let party = try directTarget(target)
        await startHold()
        var consult = Consultation(label: party.label, agent: party.agent)
        consult.ringback = try? await agentLeg.media.leg.startPlayback(.ringback)
        control.consult = consult
        let leg = CallSummary.Leg(kind: "consult", agentID: party.agent?.id, number: party.number, startedAt: Date())
        control.consult?.ringing = Task { await self.ringConsulted(leg, place: party.place) }
        context.events.publish(event(.callConsulting, details: ["target": party.label, "state": "ringing"]))
    }

    private func ringConsulted(_ leg: CallSummary.Leg, place: @Sendable () async throws -> AgentLegPlacement) async {
        var leg = leg
        let placement: AgentLegPlacement
        do {
            placement = try await place()
        } catch {
            appendLeg(leg, outcome: "failed", status: nil)
            return await consultationFailed("\(error)")
        }
        leg.sipCallID = placement.call.callID
        switch await placement.awaitAnswer(ringSeconds: 30) {
        case .answered(let answered, let status):
            let index = appendLeg(leg, outcome: "answered", status: status)
            guard var consult = control.consult, let agentLeg, !callerGone else {
                return await closeLeg(answered, index: index)
            }
            await consult.ringback?.stop()
            consult.ringback = nil
            consult.ringing = nil
            consult.leg = answered
            consult.legIndex = index
            consult.bridge = try? await context.media.bridge(agentLeg.media.leg, answered.media.leg)
            control.consult = consult
            Task { await self.watchAgent(answered.call) }
            context.events.publish(event(.callConsulting, details: ["target": consult.label, "state": "talking"]))
        case .notAnswered(let outcome, let status):
            appendLeg(leg, outcome: outcome, status: status)
            await consultationFailed(outcome)
        }
    }

    /// The consulted party did not answer: the agent is back with the caller.
    private func consultationFailed(_ reason: String) async {
        guard let consult = control.consult else { return }
        control.consult = nil
        await consult.ringback?.stop()
        await endHold()
        logger.info("consultation failed", metadata: ["target": "\(consult.label)", "reason": "\(reason)"])
        context.events.publish(event(.callConsulting, details: ["target": consult.label, "state": "failed", "reason": reason]))
    }

    /// The consulted party takes the caller over; the agent's part ends (wrap-up).
    func completeConsultation() async throws(CallControlRefusal) {
        guard let consult = control.consult, let consulted = consult.leg else { throw .conflict("no consulted party is on the line yet") }
        guard let callerLeg = media?.leg else { throw .conflict("the caller is gone") }
        control.consult = nil
        await consult.bridge?.unbridge()
        await endHold(relink: false)
        await handCaller(to: consulted, legIndex: consult.legIndex, agent: consult.agent, callerLeg: callerLeg)
        context.events.publish(event(.callTransferred, agent: consult.agent?.id, details: ["to": consult.label, "after": "consult"]))
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
            await bridgeCallerWithAgent()
            throw .conflict("the conference could not be mixed: \(error)")
        }
        control.conferenceLeg = consulted
        control.conferenceAgent = consult.agent
        control.conferenceLegIndex = consult.legIndex
        control.muted = false
        await recording?.setChannel(1, to: [agentLeg.media.leg, consulted.media.leg])
        context.events.publish(event(.callConferenced, details: ["with": consult.label]))
    }

    /// Back to the caller; the consulted party is released (or stops ringing).
    func cancelConsultation() async throws(CallControlRefusal) {
        guard control.consult != nil else { throw .conflict("no consultation is in progress") }
        let label = control.consult?.label ?? ""
        await cancelConsultationQuietly()
        context.events.publish(event(.callConsulting, details: ["target": label, "state": "cancelled"]))
    }

    /// Ends a consultation if there is one, without an event (hang-up, release, end of call).
    func cancelConsultationQuietly() async {
        guard let consult = control.consult else { return }
        control.consult = nil
        consult.ringing?.cancel()
        await consult.ringback?.stop()
        await consult.bridge?.unbridge()
        await closeLeg(consult.leg, index: consult.legIndex)
        await endHold()
    }

    /// The consulted party hung up while talking with the agent: back to the caller.
    func consultedPartyHungUp() async {
        guard let consult = control.consult else { return }
        control.consult = nil
        if let index = consult.legIndex { summary.legs[index].endedAt = Date() }
        await consult.bridge?.unbridge()
        await consult.leg?.media.leg.release()
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
        await mix.end()
        await bridgeCallerWithAgent()
        context.events.publish(event(.callResumed, details: ["after": "conference"]))
    }
}
