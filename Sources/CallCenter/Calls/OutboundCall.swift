// Click-to-dial (外呼) from the call bar: ring the agent's own phone, then the customer
// through the tenant's trunk with a caller ID the server checked, bridge and record them;
// one outbound CDR with both legs. Hang up, hold and mute work as on inbound calls. The
// agent is busy in the ACD from the first ring to the end, then wraps up.

import Foundation
import Logging
import Media
import SIPStack

/// One click-to-dial call from the agent's phone ringing to the CDR.
actor OutboundCall: ControllableCall {
    let tenant: TenantRuntime
    let agent: AgentRecord
    let destination: String
    let callerID: String
    let context: CallPathContext
    let callID: String
    private var logger: Logger
    private var summary: CallSummary
    private var agentLeg: AgentLegPlacement?
    private var customerLeg: AgentLegPlacement?
    private var bridge: MediaBridge?
    private var phase = "ringing"
    private var held = false
    private var muted = false
    private var hangUpRequested = false
    private var ringing: Task<Void, Never>?
    /// The agent busy in the ACD for the call's length (wrap-up after it).
    private var work: DirectWork?

    init(tenant: TenantRuntime, agent: AgentRecord, destination: String, callerID: String, context: CallPathContext) {
        self.tenant = tenant
        self.agent = agent
        self.destination = destination
        self.callerID = callerID
        self.context = context
        callID = "c2d-" + UUID().uuidString.lowercased()
        var logger = context.logger
        logger[metadataKey: "tenant"] = "\(tenant.id)"
        logger[metadataKey: "call"] = "\(callID)"
        logger[metadataKey: "agent"] = "\(agent.id)"
        self.logger = logger
        summary = CallSummary(tenantID: tenant.id, callID: callID, callerNumber: callerID, calledNumber: destination, arrivedAt: Date())
        summary.direction = "outbound"
        summary.agentID = agent.id
        summary.agentWorkNumber = agent.workNumber
        summary.teamID = agent.teamID
        summary.siteID = agent.siteID
        summary.partnerID = agent.partnerID
    }

    /// Rings the agent's phone; the rest goes on in the background.
    func start() async throws(CallControlRefusal) {
        let placement: AgentLegPlacement
        do {
            placement = try await AgentDialer.ring(
                agent: agent, tenant: tenant, caller: destination, queueName: "外呼", callID: callID, near: nil, context: context)
        } catch {
            throw .conflict("your phone cannot be rung: \(error)")
        }
        context.liveCalls.add(self, tenant: tenant.id, callID: callID)
        work = await DirectWork.start(agent: agent, tenant: tenant, callID: callID, context: context)
        context.events.publish(CallCenterEvent(.callArrived, tenantID: tenant.id, callID: callID, agentID: agent.id, details: [
            "caller": callerID, "called": destination, "direction": "outbound",
        ]))
        logger.info("click-to-dial", metadata: ["destination": "\(destination)", "callerID": "\(callerID)"])
        ringing = Task { await self.run(placement) }
    }

    private func run(_ placement: AgentLegPlacement) async {
        var agentRecordLeg = CallSummary.Leg(agentID: agent.id, number: agent.extensionNumber, sipCallID: placement.call.callID, startedAt: Date())
        switch await placement.awaitAnswer(ringSeconds: 30) {
        case .answered(let answered, _):
            agentRecordLeg.answeredAt = Date()
            agentRecordLeg.outcome = "answered"
            agentLeg = answered
            if !hangUpRequested { await dialCustomer(from: answered) }
            agentRecordLeg.endedAt = Date()
            summary.legs.insert(agentRecordLeg, at: 0)
        case .notAnswered(let outcome, let status):
            agentRecordLeg.outcome = outcome
            agentRecordLeg.sipStatus = status
            agentRecordLeg.endedAt = Date()
            summary.legs.insert(agentRecordLeg, at: 0)
            summary.disposition = .notAnswered
            summary.hungUpBy = .agent
        }
        await finish()
    }

    private func dialCustomer(from agentSide: AgentLegPlacement) async {
        phase = "dialing"
        let ringback = try? await agentSide.media.leg.startPlayback(.ringback)
        var leg = CallSummary.Leg(number: destination, startedAt: Date())
        let outcome: RingOutcome
        do {
            let placement = try await TrunkDialer.dial(
                destination, tenant: tenant, caller: callerID, callerID: callerID, callID: callID, near: agentSide.media.leg, context: context)
            leg.sipCallID = placement.call.callID
            customerLeg = placement
            outcome = await placement.awaitAnswer(ringSeconds: 60)
        } catch {
            outcome = .notAnswered(outcome: "failed", status: nil)
        }
        await ringback?.stop()
        guard case .answered(let answered, let status) = outcome, !hangUpRequested else {
            if case .notAnswered(let word, let status) = outcome {
                leg.outcome = word
                leg.sipStatus = status
            }
            leg.endedAt = Date()
            summary.legs.append(leg)
            summary.disposition = .notAnswered
            summary.hungUpBy = .callee
            customerLeg = nil
            _ = try? await agentSide.media.leg.play(.speech(text: "对方未接听。", voice: .mandarin))
            return
        }
        leg.outcome = "answered"
        leg.sipStatus = status
        leg.answeredAt = Date()
        customerLeg = answered
        summary.answeredAt = Date()
        summary.customerLegAnswered = Date()
        summary.disposition = .answered
        phase = "talking"
        context.events.publish(CallCenterEvent(.callAnswered, tenantID: tenant.id, callID: callID, agentID: agent.id))
        await talk(agentSide, answered)
        leg.endedAt = Date()
        summary.legs.append(leg)
    }

    private func talk(_ agentSide: AgentLegPlacement, _ customer: AgentLegPlacement) async {
        bridge = try? await context.media.bridge(customer.media.leg, agentSide.media.leg)
        let recording = try? await context.media.startRecording(
            .stereo(caller: customer.media.leg, agent: agentSide.media.leg), to: recordingPath())
        await withTaskGroup(of: CallSummary.Party.self) { group in
            group.addTask { for await event in agentSide.call.events { if case .ended = event { break } }; return .agent }
            group.addTask { for await event in customer.call.events { if case .ended = event { break } }; return .callee }
            let first = await group.next() ?? .system
            summary.hungUpBy = hangUpRequested ? .agent : first
            group.cancelAll()
        }
        await bridge?.unbridge()
        bridge = nil
        if let recording, let file = await context.finish(recording, startedAt: summary.answeredAt ?? Date()) { summary.recording = file }
    }

    private func recordingPath() -> String {
        context.recordingFolders.path(tenantCode: tenant.record.code, kind: "outbound", name: "\(CustomerCall.safeName(callID)).wav")
    }

    private func finish() async {
        phase = "ended"
        context.liveCalls.remove(tenant: tenant.id, callID: callID)
        for leg in [agentLeg, customerLeg].compactMap({ $0 }) {
            _ = try? await leg.call.hangUp()
            await leg.media.leg.release()
        }
        await work?.end()
        work = nil
        summary.endedAt = Date()
        let records = context.records
        let finished = summary
        await Task { await records.write(finished) }.value
        context.events.publish(CallCenterEvent(.callEnded, tenantID: tenant.id, callID: callID, agentID: agent.id, details: [
            "disposition": summary.disposition.rawValue, "hungUpBy": summary.hungUpBy.rawValue,
        ]))
        logger.info("click-to-dial ended", metadata: ["disposition": "\(summary.disposition.rawValue)"])
    }

    // MARK: ControllableCall

    func view() -> LiveCallView {
        LiveCallView(
            callID: callID, tenantID: tenant.id, direction: "outbound", caller: callerID, called: destination,
            phase: held ? "held" : phase, agentID: agent.id, held: held, muted: muted, arrivedAt: summary.arrivedAt,
            answeredAt: summary.answeredAt)
    }

    func involves(agent agentID: String) -> Bool { agent.id == agentID }

    func perform(_ command: CallControlCommand, requester: CallControlRequester) async throws(CallControlRefusal) {
        switch command {
        case .hangUp, .release:
            hangUpRequested = true
            if let customerLeg { _ = try? await customerLeg.call.hangUp() }
            if let agentLeg { _ = try? await agentLeg.call.hangUp() }
            ringing?.cancel()
        case .hold, .resume:
            guard let bridge, let customerLeg else { throw .conflict("the customer has not answered") }
            let hold = command == .hold
            guard held != hold else { throw .conflict(hold ? "the customer is already on hold" : "the customer is not on hold") }
            if hold {
                try? await bridge.hold(customerLeg.media.leg, music: CallPrompts.musicOnHold(file: context.settings.musicOnHoldFile))
            } else {
                await bridge.unhold()
            }
            held = hold
            context.events.publish(CallCenterEvent(hold ? .callHeld : .callResumed, tenantID: tenant.id, callID: callID, agentID: agent.id))
        case .mute, .unmute:
            guard let bridge, let agentLeg else { throw .conflict("the customer has not answered") }
            let mute = command == .mute
            guard muted != mute else { throw .conflict(mute ? "the agent is already muted" : "the agent is not muted") }
            try? await bridge.mute(agentLeg.media.leg, mute)
            muted = mute
            context.events.publish(CallCenterEvent(mute ? .callMuted : .callUnmuted, tenantID: tenant.id, callID: callID, agentID: agent.id))
        default:
            throw .conflict("\(command.name) is not available on a click-to-dial call")
        }
    }
}
