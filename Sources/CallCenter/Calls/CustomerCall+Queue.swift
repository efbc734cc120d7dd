// Queueing a customer call in the ACD: music on hold, position announcements, ringing the
// agents the ACD offers the call to, until one answers or the queue gives up.

import Logging
import ACD
import Foundation
import IVR
import Media
import SIP
import SIPStack

extension CustomerCall {
    /// What the queue loop hears: the ACD's effects and the agent legs' outcomes.
    enum QueueSignal: Sendable {
        case acd(ACDTaskEvent)
        case agentAnswered(OfferID, AgentRecord, AgentLegPlacement)
        case agentFailed(OfferID, AgentRecord, status: Int?, outcome: String)
        case callbackKey
        case acdGone
    }

    func enqueue(_ request: EnqueueRequest) async throws -> EnqueueOutcome {
        guard !callerGone else { throw CallerHungUp() }
        guard let queue = tenant.queuesByName[request.queue.rawValue] else {
            return .noAgent(reason: "queue \(request.queue) does not exist")
        }
        let tenantID = TenantID(tenant.id)
        let taskID = TaskID(task == nil ? callID : "\(callID)#\(summary.legs.count)")
        task = taskID
        let acdEvents = await context.acd.register(task: taskID, tenant: tenantID)
        let routing = RoutingTask(
            id: taskID, queue: QueueID(queue.id), channel: .voice, priority: request.priority,
            requiredSkills: request.skills.compactMap { name in
                tenant.record.skills.first { $0.value == name }.map { SkillRequirement(SkillID($0.key)) }
            },
            customer: CustomerID(caller), data: identity.masked(request.screenPop).merging(["caller": caller, "queue": queue.name]) { first, _ in first })
        let effects = await context.acd.handle(.taskArrived(routing), tenant: tenantID)
        if let refusal = effects.lazy.compactMap({ effect -> ACDCommandRejection? in
            if case .rejected(let rejection) = effect { return rejection } else { return nil }
        }).first {
            await context.acd.unregister(task: taskID, tenant: tenantID)
            task = nil
            return .noAgent(reason: "\(refusal)")
        }
        summary.enqueuedAt = summary.enqueuedAt ?? Date()
        summary.queueID = queue.id
        summary.callData.merge(identity.masked(request.screenPop)) { first, _ in first }
        context.events.publish(event(.callQueued, details: screenPopDetails(["queue": queue.name, "priority": "\(request.priority)"])))
        logger.info("queued", metadata: ["queue": "\(queue.name)", "priority": "\(request.priority)"])

        let (signals, sink) = AsyncStream<QueueSignal>.makeStream()
        let forward = Task {
            for await event in acdEvents { sink.yield(.acd(event)) }
            sink.yield(.acdGone)
        }
        let keys = Task { [leg = media?.leg] in
            guard queue.callbackEnabled, let leg else { return }
            for await key in leg.digits() where key.digit == CallPrompts.callbackKey {
                sink.yield(.callbackKey)
                return
            }
        }
        defer {
            forward.cancel()
            keys.cancel()
        }
        await startMusicOnHold()
        var ringing: [OfferID: Task<Void, Never>] = [:]
        let ringingLegs = RingingLegs()
        let outcome: EnqueueOutcome? = await withTaskCancellationHandler {
            for await signal in signals {
                if callerGone { break }
                switch signal {
                case .acd(.offer(let offer)):
                    guard let agent = tenant.agentsByID[offer.agent.rawValue] else {
                        await context.acd.handle(.offerRejected(offer.offer), tenant: tenantID)
                        continue
                    }
                    summary.offeredAt = summary.offeredAt ?? Date()
                    context.events.publish(event(.callOffered, agent: agent.id, details: screenPopDetails(["queue": queue.name])))
                    ringing[offer.offer] = Task { await self.ring(agent, offer: offer.offer, queue: queue.name, sink: sink, legs: ringingLegs) }
                case .acd(.cancelOffer(let cancellation)):
                    await ringingLegs.cancel(cancellation.offer, unanswered: cancellation.reason == .noAnswer)
                    ringing.removeValue(forKey: cancellation.offer)?.cancel()
                case .acd(.announce(let announcement)):
                    await announce(position: announcement.position, wait: announcement.estimatedWait, offersCallback: queue.callbackEnabled)
                case .acd(.overflow(let overflow)):
                    if case .queue(let next) = overflow.action {
                        summary.queueID = next.rawValue
                        logger.info("overflowed", metadata: ["to": "\(next)"])
                    } else if overflow.action.endsTask {
                        return EnqueueOutcome.noAgent(reason: "overflow: \(overflow.condition)")
                    }
                case .acd(.ended(let end)):
                    if case .overflowed = end.outcome { return .noAgent(reason: "overflowed out of the queue") }
                    if case .withdrawn = end.outcome { return nil }
                case .agentAnswered(let offerID, let agent, let placement):
                    ringing[offerID] = nil
                    let effects = await context.acd.handle(.offerAccepted(offerID), tenant: tenantID)
                    if effects.contains(where: { if case .rejected = $0 { true } else { false } }) {
                        _ = try? await placement.call.hangUp()
                        await placement.media.leg.release()
                        continue
                    }
                    for (_, other) in ringing { other.cancel() }
                    await ringingLegs.cancelAll()
                    await context.acd.noteConnected(AgentID(agent.id), task: taskID, tenant: tenantID)
                    connected(agent: agent, placement: placement)
                    return .agentAnswered(AgentInfo(workNumber: WorkNumber(agent.workNumber), name: agent.name))
                case .callbackKey:
                    if await leaveCallback(task: taskID, queue: queue) { return nil }
                case .agentFailed(let offerID, _, _, _):
                    if ringing.removeValue(forKey: offerID) != nil {
                        await context.acd.handle(.offerRejected(offerID), tenant: tenantID)
                    }
                case .acdGone:
                    return .noAgent(reason: "the ACD stopped")
                }
            }
            return nil
        } onCancel: {
            sink.finish()
        }
        for (_, other) in ringing { other.cancel() }
        await ringingLegs.cancelAll()
        await stopMusicOnHold()
        if case .noAgent = outcome {
            await context.acd.unregister(task: taskID, tenant: tenantID)
            task = nil
        }
        if let outcome { return outcome }
        throw CallerHungUp()
    }

    /// Rings one agent for one offer and reports the outcome to the queue loop. When the
    /// call bar's answer button cancelled the ringing INVITE, the same offer is placed again
    /// at once with auto-answer headers.
    private func ring(_ agent: AgentRecord, offer: OfferID, queue: String, sink: AsyncStream<QueueSignal>.Continuation, legs: RingingLegs) async {
        var autoAnswer = false
        while true {
            var leg = CallSummary.Leg(agentID: agent.id, number: agent.extensionNumber, startedAt: Date())
            let placement: AgentLegPlacement
            do {
                placement = try await AgentDialer.ring(
                    agent: agent, tenant: tenant, caller: caller, queueName: queue, callID: callID, near: media?.leg, context: context,
                    autoAnswer: autoAnswer)
            } catch {
                logger.notice("cannot ring agent", metadata: ["agent": "\(agent.id)", "error": "\(error)"])
                leg.endedAt = Date()
                summary.legs.append(leg)
                sink.yield(.agentFailed(offer, agent, status: nil, outcome: "failed"))
                return
            }
            leg.sipCallID = placement.call.callID
            await legs.add(offer, placement.call)
            control.offered[agent.id] = placement.call
            if let task { await context.acd.noteRinging(AgentID(agent.id), ringing: true, task: task, tenant: TenantID(tenant.id)) }
            let outcome = await placement.awaitAnswer(ringSeconds: nil, rangOut: { await legs.wasUnanswered(offer) })
            control.offered[agent.id] = nil
            if let task = self.task {
                Task { await self.context.acd.noteRinging(AgentID(agent.id), ringing: false, task: task, tenant: TenantID(self.tenant.id)) }
            }
            switch outcome {
            case .answered(let answered, let status):
                control.answerRequested.remove(agent.id)
                noteLeg(leg, outcome: "answered", status: status)
                await legs.remove(offer)
                sink.yield(.agentAnswered(offer, agent, answered))
                return
            case .notAnswered(let outcome, let status):
                noteLeg(leg, outcome: outcome, status: status)
                await legs.remove(offer)
                if control.answerRequested.remove(agent.id) != nil, outcome == "cancelled", !Task.isCancelled, !callerGone {
                    autoAnswer = true
                    continue
                }
                sink.yield(.agentFailed(offer, agent, status: status, outcome: outcome))
                return
            }
        }
    }

    /// Notes how a placed leg went in the CDR; an answered one becomes the call's other leg.
    func noteLeg(_ leg: CallSummary.Leg, outcome: String, status: Int?) {
        var leg = leg
        leg.outcome = outcome
        leg.sipStatus = status
        if outcome == "answered" { leg.answeredAt = Date() } else { leg.endedAt = Date() }
        summary.legs.append(leg)
        if outcome == "answered" { agentLegIndex = summary.legs.count - 1 }
    }

    /// The caller pressed the callback key: the task stays in line as a callback owned by a
    /// ``CallbackSession``, the request is stored, the caller hears a confirmation and is
    /// hung up. False when the ACD refused (the caller keeps waiting).
    private func leaveCallback(task taskID: TaskID, queue: QueueRecord) async -> Bool {
        let tenantID = TenantID(tenant.id)
        let effects = await context.acd.handle(.callbackRequested(taskID), tenant: tenantID)
        if effects.contains(where: { if case .rejected = $0 { true } else { false } }) { return false }
        let request = await context.records.requestCallback(tenant: tenant.id, queue: queue.id, number: caller, callID: callID)
        let session = CallbackSession(task: taskID, request: request, number: caller, queue: queue, tenant: tenant, context: context)
        await session.start()
        task = nil
        summary.disposition = .callbackRequested
        logger.info("callback requested", metadata: ["queue": "\(queue.name)"])
        await stopMusicOnHold()
        _ = try? await playMedia(CallPrompts.callbackConfirmation, bargeIn: false)
        await hangUpCaller()
        return true
    }

    func startMusicOnHold() async {
        guard background == nil, let leg = media?.leg else { return }
        background = try? await leg.startPlayback(CallPrompts.musicOnHold(file: context.settings.musicOnHoldFile))
    }

    /// Stops music on hold and a queue announcement playing over it, which would otherwise
    /// go on over the agent the caller is now bridged to.
    func stopMusicOnHold() async {
        guard let music = background else { return }
        await music.stop()
        background = nil
        await media?.leg.stopPlayback()
    }

    private func announce(position: Int, wait: ACDDuration?, offersCallback: Bool) async {
        guard let leg = media?.leg else { return }
        let seconds = wait.map { Int($0.milliseconds / 1000) }
        var prompts = [CallPrompts.position(position, waitSeconds: seconds)]
        if offersCallback { prompts.append(CallPrompts.callbackOffer) }
        _ = try? await leg.startPlayback(.sequence(prompts), mode: .pauseCurrent)
    }
}

/// The outgoing INVITEs still ringing for offers, so a cancel or an answer elsewhere can
/// CANCEL them.
actor RingingLegs {
    private var calls: [OfferID: SIPCall] = [:]
    private var unanswered: Set<OfferID> = []

    func add(_ offer: OfferID, _ call: SIPCall) { calls[offer] = call }
    func remove(_ offer: OfferID) { calls[offer] = nil }

    /// CANCELs the offer's leg; `unanswered` when it rang out (RONA) rather than being
    /// withdrawn, so the CDR leg says `no_answer`.
    func cancel(_ offer: OfferID, unanswered: Bool = false) async {
        if unanswered { self.unanswered.insert(offer) }
        guard let call = calls.removeValue(forKey: offer) else { return }
        _ = try? await call.hangUp()
    }

    /// Whether the offer rang out unanswered.
    func wasUnanswered(_ offer: OfferID) -> Bool { unanswered.contains(offer) }

    func cancelAll() async {
        for offer in Array(calls.keys) { await cancel(offer) }
    }
}

extension CustomerCall {
    /// `details` plus the call's IVR data (the flow's screen-pop values) as `data.<name>`
    /// entries, so the agent's screen pop shows what the caller keyed and the lookups found.
    func screenPopDetails(_ details: [String: String]) -> [String: String] {
        var all = details
        for (name, value) in summary.callData { all["data." + name] = value }
        return all
    }
}
