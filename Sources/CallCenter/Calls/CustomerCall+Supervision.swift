// A supervisor on a customer call: their registered phone is rung and joined to caller and
// agent through the media mixer in listen (监听), whisper (耳语) or barge (强插) mode; or they
// take the caller over from the agent (拦截). Every action is audited by the API.

import Foundation
import Logging
import Media
import SIPStack

extension SupervisionMode {
    /// The media engine's mode.
    var media: SupervisorMode {
        switch self {
        case .listen: .listen
        case .whisper: .whisper
        case .barge: .barge
        }
    }
}

extension CustomerCall {
    func supervise(_ mode: SupervisionMode, supervisor: AgentRecord) async throws(CallControlRefusal) {
        guard let agentLeg else { throw .conflict("the call is not connected to an agent") }
        guard control.consult == nil, control.conference == nil else { throw .conflict("not during a consultation or conference") }
        guard heldSince == nil else { throw .conflict("the caller is on hold") }
        if var current = control.supervision {
            guard current.agent.id == supervisor.id else { throw .conflict("another supervisor is already on this call") }
            current.mode = mode
            control.supervision = current
            if let mix = current.mix, let leg = current.leg {
                try? await mix.setSupervisorMode(mode.media)
                await recording?.setChannel(1, to: mode == .barge ? [agentLeg.media.leg, leg.media.leg] : [agentLeg.media.leg])
                context.events.publish(event(.callSupervised, details: ["mode": mode.rawValue, "supervisor": supervisor.id]))
            }
            return
        }
        guard supervisor.id != agent?.id else { throw .conflict("an agent cannot supervise their own call") }
        ringSupervisor(Supervision(agent: supervisor, mode: mode))
    }

    func intercept(supervisor: AgentRecord) async throws(CallControlRefusal) {
        guard agentLeg != nil else { throw .conflict("the call is not connected to an agent") }
        guard control.consult == nil, control.conference == nil else { throw .conflict("not during a consultation or conference") }
        if var current = control.supervision {
            guard current.agent.id == supervisor.id else { throw .conflict("another supervisor is already on this call") }
            if current.leg != nil {
                await takeOver()
            } else {
                current.interceptOnAnswer = true
                control.supervision = current
            }
            return
        }
        guard supervisor.id != agent?.id else { throw .conflict("the call is already with you") }
        ringSupervisor(Supervision(agent: supervisor, mode: .listen, interceptOnAnswer: true))
    }

    private func ringSupervisor(_ supervision: Supervision) {
        control.supervision = supervision
        let (tenant, caller, callID, context, near) = (self.tenant, self.caller, self.callID, self.context, media?.leg)
        let record = supervision.agent
        control.supervision?.ringing = Task {
            let leg = CallSummary.Leg(kind: "supervisor", agentID: record.id, number: record.extensionNumber, startedAt: Date())
            let placement: AgentLegPlacement
            do {
                placement = try await AgentDialer.ring(
                    agent: record, tenant: tenant, caller: caller, queueName: "monitor", callID: callID, near: near, context: context)
            } catch {
                self.supervisorNotReached(leg, outcome: "failed", status: nil, reason: "\(error)")
                return
            }
            var placed = leg
            placed.sipCallID = placement.call.callID
            switch await placement.awaitAnswer(ringSeconds: 30) {
            case .answered(let answered, let status):
                await self.supervisorAnswered(placed, answered, status: status)
            case .notAnswered(let outcome, let status):
                self.supervisorNotReached(placed, outcome: outcome, status: status, reason: outcome)
            }
        }
    }

    private func supervisorNotReached(_ leg: CallSummary.Leg, outcome: String, status: Int?, reason: String) {
        appendLeg(leg, outcome: outcome, status: status)
        guard let supervision = control.supervision, supervision.agent.id == leg.agentID else { return }
        control.supervision = nil
        logger.info("supervisor not reached", metadata: ["supervisor": "\(supervision.agent.id)", "reason": "\(reason)"])
        context.events.publish(event(.callSupervised, details: ["mode": "failed", "supervisor": supervision.agent.id, "reason": reason]))
    }

    private func supervisorAnswered(_ leg: CallSummary.Leg, _ answered: AgentLegPlacement, status: Int) async {
        let index = appendLeg(leg, outcome: "answered", status: status)
        guard var supervision = control.supervision, supervision.agent.id == leg.agentID,
              let agentLeg, let callerLeg = media?.leg, !callerGone
        else {
            return await closeLeg(answered, index: index)
        }
        supervision.leg = answered
        supervision.legIndex = index
        supervision.ringing = nil
        control.supervision = supervision
        Task { await self.watchAgent(answered.call) }
        if supervision.interceptOnAnswer { return await takeOver() }
        await bridge?.unbridge()
        bridge = nil
        do {
            supervision.mix = try await context.media.supervise(
                caller: callerLeg, agent: agentLeg.media.leg, supervisor: answered.media.leg, mode: supervision.mode.media)
        } catch {
            logger.warning("supervisor mix failed", metadata: ["error": "\(error)"])
            control.supervision = supervision
            return await endSupervision(rebridge: true)
        }
        control.supervision = supervision
        if supervision.mode == .barge { await recording?.setChannel(1, to: [agentLeg.media.leg, answered.media.leg]) }
        context.events.publish(event(.callSupervised, details: ["mode": supervision.mode.rawValue, "supervisor": supervision.agent.id]))
    }

    /// 拦截: the supervisor's answered leg becomes the caller's other side; the agent leaves.
    func takeOver() async {
        guard let supervision = control.supervision, let taken = supervision.leg, let callerLeg = media?.leg else { return }
        control.supervision = nil
        await supervision.mix?.end()
        await handCaller(to: taken, legIndex: supervision.legIndex, agent: supervision.agent, callerLeg: callerLeg)
        context.events.publish(event(.callSupervised, details: ["mode": "intercept", "supervisor": supervision.agent.id]))
    }

    /// The supervisor leaves (hung up, or the call ends); `rebridge` puts caller and agent
    /// back on their bridge.
    func endSupervision(rebridge: Bool) async {
        guard let supervision = control.supervision else { return }
        control.supervision = nil
        supervision.ringing?.cancel()
        await supervision.mix?.end()
        await closeLeg(supervision.leg, index: supervision.legIndex)
        if rebridge, supervision.mix != nil || bridge == nil { await bridgeCallerWithAgent() }
    }
}
