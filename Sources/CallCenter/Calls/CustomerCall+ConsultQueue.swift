// Consulting a queue (咨询技能组): the consultation becomes a task in that queue, which the ACD
// offers like any call; the agent hears ringback until an offered agent answers, and cancelling
// the consultation withdraws the task. The consulted agent's task follows the party: it
// completes (wrap-up) when they leave, or becomes the call's task when they take it over.

import ACD
import Foundation
import Logging
import Media
import SIPStack

extension CustomerCall {
    /// Starts a consultation with whoever the ACD offers `queue`'s task to.
    func startQueueConsultation(_ queue: QueueRecord) async throws(CallControlRefusal) {
        guard let agentLeg, bridge != nil else { throw .conflict("the call is not connected to an agent") }
        guard control.consult == nil, control.conference == nil else { throw .conflict("a consultation or conference is already in progress") }
        guard control.supervision == nil else { throw .conflict("not while a supervisor is on the call") }
        control.consultSequence += 1
        let taskID = TaskID("consult:\(callID):\(control.consultSequence)")
        await startHold()
        var consult = Consultation(label: "queue:\(queue.name)")
        consult.task = taskID
        consult.ringback = try? await agentLeg.media.leg.startPlayback(.ringback)
        control.consult = consult
        control.consult?.ringing = Task { await self.offerConsultation(taskID, queue: queue) }
        context.events.publish(event(.callConsulting, details: ["target": consult.label, "state": "ringing"]))
    }

    /// Queues the consultation's task and rings each agent the ACD offers it to, one at a
    /// time, until one answers (the consultation then talks) or the task ends.
    private func offerConsultation(_ taskID: TaskID, queue: QueueRecord) async {
        let tenantID = TenantID(tenant.id)
        let events = await context.acd.register(task: taskID, tenant: tenantID)
        guard !Task.isCancelled else { return await context.acd.unregister(task: taskID, tenant: tenantID) }
        var data = ["consultedBy": agent?.workNumber ?? ""]
        data["caller"] = caller
        let effects = await context.acd.handle(.taskArrived(RoutingTask(
            id: taskID, queue: QueueID(queue.id), channel: .voice, priority: queue.priority, data: data)), tenant: tenantID)
        if let refusal = effects.lazy.compactMap({ if case .rejected(let rejection) = $0 { return rejection } else { return nil } }).first {
            await context.acd.unregister(task: taskID, tenant: tenantID)
            return await consultationFailed("the queue refused the consultation: \(refusal.error)", status: nil)
        }
        for await event in events {
            switch event {
            case .offer(let offer):
                guard let offered = tenant.agentsByID[offer.agent.rawValue] else {
                    await context.acd.handle(.offerRejected(offer.offer), tenant: tenantID)
                    continue
                }
                if await ringOffered(offered, offer: offer.offer, task: taskID) { return }
            case .ended(let end):
                if case .withdrawn = end.outcome { return }
                return await consultationFailed("the queue gave the consultation up (\(end.outcome))", status: nil)
            default:
                continue
            }
        }
    }

    /// Rings the agent the ACD offered the consultation to; true once they answered.
    private func ringOffered(_ offered: AgentRecord, offer: OfferID, task taskID: TaskID) async -> Bool {
        let tenantID = TenantID(tenant.id)
        var leg = CallSummary.Leg(kind: "consult", agentID: offered.id, number: offered.extensionNumber, startedAt: Date())
        let placement: AgentLegPlacement
        do {
            placement = try await AgentDialer.ring(
                agent: offered, tenant: tenant, caller: caller, queueName: "consult", callID: callID, near: media?.leg, context: context)
        } catch {
            appendLeg(leg, outcome: "failed", status: nil)
            await context.acd.handle(.offerRejected(offer), tenant: tenantID)
            return false
        }
        leg.sipCallID = placement.call.callID
        await context.acd.noteRinging(AgentID(offered.id), ringing: true, task: taskID, tenant: tenantID)
        let outcome = await withTaskCancellationHandler {
            await placement.awaitAnswer(ringSeconds: Int(ACDConfigurationBuilder.defaultOfferTimeout.milliseconds / 1000))
        } onCancel: {
            Task { _ = try? await placement.call.cancel() }
        }
        switch outcome {
        case .answered(let answered, let status):
            let index = appendLeg(leg, outcome: "answered", status: status)
            guard var consult = control.consult, consult.task == taskID, let agentLeg, !callerGone, !Task.isCancelled else {
                await closeLeg(answered, index: index)
                return true
            }
            await context.acd.handle(.offerAccepted(offer), tenant: tenantID)
            await context.acd.noteConnected(AgentID(offered.id), task: taskID, tenant: tenantID)
            await consult.ringback?.stop()
            consult.ringback = nil
            consult.ringing = nil
            consult.leg = answered
            consult.legIndex = index
            consult.agent = offered
            consult.label = "agent:\(offered.workNumber)"
            consult.bridge = try? await context.media.bridge(agentLeg.media.leg, answered.media.leg)
            control.consult = consult
            Task { await self.watchAgent(answered.call) }
            context.events.publish(event(.callConsulting, details: ["target": consult.label, "state": "talking"]))
            return true
        case .notAnswered(let word, let status):
            appendLeg(leg, outcome: word, status: status)
            // Cancelled with the consultation: the task's withdrawal frees the agent (a
            // rejection would count a no-answer against them).
            if Task.isCancelled { return true }
            await context.acd.noteRinging(AgentID(offered.id), ringing: false, task: taskID, tenant: tenantID)
            await context.acd.handle(.offerRejected(offer), tenant: tenantID)
            return false
        }
    }

    /// Ends a consultation's ACD task: withdrawn while waiting, completed (the consulted
    /// agent wraps up) once answered.
    func endConsultationTask(_ taskID: TaskID?) async {
        guard let taskID else { return }
        await context.acd.handle(.taskWithdrawn(taskID), tenant: TenantID(tenant.id))
        await context.acd.unregister(task: taskID, tenant: TenantID(tenant.id))
    }
}
