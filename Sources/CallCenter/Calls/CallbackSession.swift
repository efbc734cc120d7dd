// A callback (预约回电) waiting in the ACD: when an agent is offered it, ring the agent; when
// the agent answers, call the customer through the trunk and bridge them; one CDR (outbound).

import ACD
import Foundation
import Logging
import Media
import SIP
import SIPStack

/// Owns one callback task from the caller's request to the end of the call back.
actor CallbackSession {
    let task: TaskID
    /// The stored callback request, marked completed or failed at the end.
    let request: String?
    let number: String
    let queue: QueueRecord
    let tenant: TenantRuntime
    let context: CallPathContext
    private var logger: Logger
    private var summary: CallSummary
    private var ringing: SIPCall?

    init(task: TaskID, request: String?, number: String, queue: QueueRecord, tenant: TenantRuntime, context: CallPathContext) {
        self.task = task
        self.request = request
        self.number = number
        self.queue = queue
        self.tenant = tenant
        self.context = context
        var logger = context.logger
        logger[metadataKey: "tenant"] = "\(tenant.id)"
        logger[metadataKey: "callback"] = "\(task)"
        self.logger = logger
        summary = CallSummary(tenantID: tenant.id, callID: "callback-\(task.rawValue)", callerNumber: number, calledNumber: number, arrivedAt: Date())
        summary.direction = "outbound"
        summary.queueID = queue.id
    }

    /// Takes the task's ACD events over and works them in the background.
    func start() async {
        let events = await context.acd.register(task: task, tenant: TenantID(tenant.id))
        Task { await self.run(events) }
    }

    private func run(_ events: AsyncStream<ACDTaskEvent>) async {
        for await event in events {
            switch event {
            case .offer(let offer):
                if await callBack(offer) { return }
            case .cancelOffer:
                if let ringing { _ = try? await ringing.hangUp() }
            case .ended:
                return
            default:
                break
            }
        }
    }

    /// Rings the offered agent, then the customer; true when the task is finished.
    private func callBack(_ offer: ACDOffer) async -> Bool {
        let tenantID = TenantID(tenant.id)
        guard let agent = tenant.agentsByID[offer.agent.rawValue] else {
            await context.acd.handle(.offerRejected(offer.offer), tenant: tenantID)
            return false
        }
        summary.offeredAt = summary.offeredAt ?? Date()
        guard let agentLeg = await answered(
            try? await AgentDialer.ring(agent: agent, tenant: tenant, caller: number, queueName: "回电 \(queue.name)",
                                        callID: summary.callID, near: nil, context: context))
        else {
            await context.acd.handle(.offerRejected(offer.offer), tenant: tenantID)
            return false
        }
        await context.acd.handle(.offerAccepted(offer.offer), tenant: tenantID)
        summary.agentID = agent.id
        summary.agentWorkNumber = agent.workNumber
        summary.answeredAt = Date()
        // The agent hears what the call is while the customer's phone rings.
        _ = try? await agentLeg.media.leg.play(.speech(text: "正在为您回电客户。", voice: .mandarin))
        var customerLeg: AgentLegPlacement?
        if let placement = try? await TrunkDialer.dial(number, tenant: tenant, caller: number, callID: summary.callID, near: agentLeg.media.leg, context: context) {
            customerLeg = await answered(placement, ringSeconds: 45)
        }
        if let customerLeg {
            summary.customerLegAnswered = Date()
            summary.disposition = .answered
            await talk(agentLeg, customerLeg)
        } else {
            summary.disposition = .notAnswered
            _ = try? await agentLeg.media.leg.play(.speech(text: "客户未接听回电。", voice: .mandarin))
            _ = try? await agentLeg.call.hangUp()
        }
        await agentLeg.media.leg.release()
        if let customerLeg { await customerLeg.media.leg.release() }
        await context.acd.handle(.taskCompleted(task), tenant: tenantID)
        summary.endedAt = Date()
        logger.info("callback ended", metadata: ["disposition": "\(summary.disposition.rawValue)"])
        let records = context.records
        let finished = summary
        let request = self.request
        await Task {
            await records.write(finished)
            if let request {
                await records.finishCallback(tenant: finished.tenantID, id: request, agent: finished.agentID, reached: finished.disposition == .answered)
            }
        }.value
        return true
    }

    /// Waits for `placement` to be answered; nil when it is not.
    private func answered(_ placement: AgentLegPlacement?, ringSeconds: Int = 60) async -> AgentLegPlacement? {
        guard let placement else { return nil }
        ringing = placement.call
        defer { ringing = nil }
        guard case .answered(let answered, _) = await placement.awaitAnswer(ringSeconds: ringSeconds) else { return nil }
        return answered
    }

    /// Bridges agent and customer, records, and waits until either hangs up.
    private func talk(_ agent: AgentLegPlacement, _ customer: AgentLegPlacement) async {
        guard let bridge = try? await context.media.bridge(customer.media.leg, agent.media.leg) else { return }
        let recording = try? await context.media.startRecording(
            .stereo(caller: customer.media.leg, agent: agent.media.leg),
            to: (context.settings.dataDirectory as NSString).appendingPathComponent(
                "recordings/\(tenant.record.code)/callbacks/\(CustomerCall.safeName(summary.callID)).wav"))
        await withTaskGroup(of: CallSummary.Party.self) { group in
            group.addTask { for await event in agent.call.events { if case .ended = event { break } }; return .agent }
            group.addTask { for await event in customer.call.events { if case .ended = event { break } }; return .callee }
            summary.hungUpBy = await group.next() ?? .system
            group.cancelAll()
        }
        _ = try? await agent.call.hangUp()
        _ = try? await customer.call.hangUp()
        await bridge.unbridge()
        if let result = try? await recording?.stop() {
            summary.recording = (String(result.path.dropFirst(context.settings.dataDirectory.count + 1)), result.durationMilliseconds, 0, summary.answeredAt ?? Date())
        }
    }
}
