// The conversation between the caller and the agent: announcement, bridge, recording, hold
// and resume from the agent's phone, blind transfer (REFER), and who hangs up first.

import Logging
import ACD
import Foundation
import IVR
import Media
import SIP
import SIPStack

extension CustomerCall {
    /// Notes the agent who answered; the bridge starts in ``connectAgent(announcement:)``.
    func connected(agent: AgentRecord, placement: AgentLegPlacement) {
        self.agent = agent
        agentLeg = placement
        summary.answeredAt = Date()
        summary.agentID = agent.id
        summary.agentWorkNumber = agent.workNumber
        summary.teamID = agent.teamID
        context.events.publish(event(.callAnswered, agent: agent.id, details: ["queue": summary.queueID ?? ""]))
        logger.info("agent answered", metadata: ["agent": "\(agent.id)", "workNumber": "\(agent.workNumber)"])
        Task { await self.watchAgent(placement.call) }
    }

    func connectAgent(announcement: IVR.ResolvedPrompt?) async throws -> ConversationOutcome {
        guard let placement = agentLeg, let callerMedia = media, !callerGone else { throw CallerHungUp() }
        await stopMusicOnHold()
        if let announcement {
            _ = try? await playMedia(mediaPrompt(announcement), bargeIn: false)
        }
        if callerGone { throw CallerHungUp() }
        let end = try await converse(callerMedia.leg, with: placement.media.leg)
        if let task {
            await context.acd.handle(.taskCompleted(task), tenant: TenantID(tenant.id))
            await context.acd.unregister(task: task, tenant: TenantID(tenant.id))
            self.task = nil
        }
        switch end {
        case .agentHungUp:
            return .agentHungUp
        case .callerHungUp, .failed:
            if let leg = agentLeg {
                agentLeg = nil
                _ = try? await leg.call.hangUp()
                await leg.media.leg.release()
            }
            throw CallerHungUp()
        }
    }

    /// Bridges the caller with the other leg, records both sides, and waits until one of them
    /// hangs up (or a transfer fails).
    func converse(_ callerLeg: MediaLeg, with otherLeg: MediaLeg) async throws -> ConversationEnd {
        do {
            bridge = try await context.media.bridge(callerLeg, otherLeg)
        } catch {
            logger.error("bridge failed", metadata: ["error": "\(error)"])
            throw error
        }
        if context.settings.recordsCalls, recording == nil {
            recording = try? await context.media.startRecording(.stereo(caller: callerLeg, agent: otherLeg), to: recordingPath())
        }
        let (ends, sink) = AsyncStream<ConversationEnd>.makeStream(bufferingPolicy: .bufferingNewest(1))
        conversationEnded = sink
        if callerGone { sink.yield(.callerHungUp) } else if agentLeg == nil { sink.yield(.agentHungUp) }
        var end = ConversationEnd.failed
        for await reason in ends {
            end = reason
            break
        }
        conversationEnded = nil
        await bridge?.unbridge()
        bridge = nil
        await endRecording()
        return end
    }

    /// Bridges an answered direct leg (extension, transfer) and waits for the conversation's end.
    func converseDirectly() async -> TransferOutcome {
        guard let placement = agentLeg, let callerLeg = media?.leg else { return .failed(reason: "caller gone") }
        let end = (try? await converse(callerLeg, with: placement.media.leg)) ?? .failed
        if end != .agentHungUp, let leg = agentLeg {
            agentLeg = nil
            _ = try? await leg.call.hangUp()
            await leg.media.leg.release()
        }
        return .connected
    }

    /// Rings `agent` directly (an extension the caller keyed, a transfer target) and bridges.
    func connectDirectly(to agent: AgentRecord, ringSeconds: Int, kind: String? = nil) async -> TransferOutcome {
        let leg = CallSummary.Leg(kind: kind, agentID: agent.id, number: agent.extensionNumber, startedAt: Date())
        return await ringDirectly(leg, agent: agent, ringSeconds: ringSeconds) {
            try await AgentDialer.ring(
                agent: agent, tenant: self.tenant, caller: self.caller, queueName: "direct", callID: self.callID,
                near: self.media?.leg, context: self.context)
        }
    }

    /// Places a leg with `place`, rings it up to `ringSeconds`, and on answer makes it the
    /// caller's other leg (an agent's when `agent` is given, else an external number's).
    func ringDirectly(
        _ leg: CallSummary.Leg, agent: AgentRecord?, ringSeconds: Int, place: () async throws -> AgentLegPlacement
    ) async -> TransferOutcome {
        guard !callerGone else { return .failed(reason: "caller gone") }
        var leg = leg
        let placement: AgentLegPlacement
        do {
            placement = try await place()
        } catch {
            leg.endedAt = Date()
            summary.legs.append(leg)
            return .failed(reason: "\(error)")
        }
        leg.sipCallID = placement.call.callID
        // The caller hears ringback while the other side rings.
        let ringback = try? await media?.leg.startPlayback(.ringback)
        defer { if let ringback { Task { await ringback.stop() } } }
        switch await awaitAnswerRelayingEarlyMedia(placement, ringback: agent == nil ? ringback : nil, ringSeconds: max(5, ringSeconds)) {
        case .answered(let answered, let status):
            noteLeg(leg, outcome: "answered", status: status)
            if let agent {
                connected(agent: agent, placement: answered)
            } else {
                agentLeg = answered
                summary.answeredAt = summary.answeredAt ?? Date()
                Task { await self.watchAgent(answered.call) }
            }
            return .connected
        case .notAnswered(let outcome, let status):
            noteLeg(leg, outcome: outcome, status: status)
            switch outcome {
            case "busy": return .busy
            case "no_answer": return .noAnswer
            default: return .failed(reason: "SIP \(status ?? 0)")
            }
        }
    }

    // MARK: the agent's leg

    func watchAgent(_ call: SIPCall) async {
        for await event in call.events {
            switch event {
            case .request(let request):
                await agentRequest(request, on: call)
            case .ended(let reason):
                guard agentLeg?.call === call else { return }
                if let index = agentLegIndex { summary.legs[index].endedAt = Date() }
                if reason == .remoteHangUp {
                    summary.hungUpBy = agent == nil ? .callee : .agent
                    logger.info(agent == nil ? "callee hung up" : "agent hung up")
                }
                await agentLeg?.media.leg.release()
                agentLeg = nil
                conversationEnded?.yield(.agentHungUp)
                return
            default:
                break
            }
        }
    }

    private func agentRequest(_ request: SIPIncomingRequest, on call: SIPCall) async {
        switch request.method {
        case .invite, .update:
            guard var placement = agentLeg, placement.call === call else { return request.respond(.callOrTransactionDoesNotExist) }
            do {
                let answer = request.request.body.isEmpty
                    ? placement.media.currentOffer()
                    : try await placement.media.receivedReoffer(Array(request.request.body))
                agentLeg = placement
                request.respond(.ok, body: answer)
                await followAgentHold(placement.media.heldByPeer)
            } catch {
                request.respond(.notAcceptableHere, reasonPhrase: "\(error)")
            }
        case .refer:
            await blindTransfer(request, from: call)
        case .info:
            break
        default:
            break
        }
    }

    /// The agent put the caller on hold (music on hold for the caller) or took them off it.
    private func followAgentHold(_ held: Bool) async {
        guard let bridge, let callerLeg = media?.leg else { return }
        if held, heldSince == nil {
            heldSince = .now
            try? await bridge.hold(callerLeg, music: CallPrompts.musicOnHold(file: context.settings.musicOnHoldFile))
            if let index = agentLegIndex { summary.legs[index].holdCount += 1 }
            context.events.publish(event(.callHeld))
            logger.info("caller on hold")
        } else if !held, let since = heldSince {
            heldSince = nil
            await bridge.unhold()
            let elapsed = ContinuousClock.now - since
            if let index = agentLegIndex {
                summary.legs[index].holdMilliseconds += Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
            }
            context.events.publish(event(.callResumed))
            logger.info("caller off hold")
        }
    }

    /// REFER from the agent: transfer the caller to another extension (blind).
    private func blindTransfer(_ request: SIPIncomingRequest, from call: SIPCall) async {
        guard let referTo = try? request.request.headers.referTo, let target = referTo.uri.user else {
            return request.respond(.badRequest, reasonPhrase: "Refer-To missing or without a user part")
        }
        guard let next = tenant.agentsByExtension[target] ?? tenant.agentsByWorkNumber[target] else {
            return request.respond(.notFound, reasonPhrase: "No extension \(target) in this tenant")
        }
        request.respond(.accepted)
        logger.info("blind transfer", metadata: ["to": "\(target)"])
        _ = try? await call.notify(event: "refer", subscriptionState: "terminated;reason=noresource",
                                   body: Array("SIP/2.0 200 OK\r\n".utf8), contentType: try? SIPMediaType("message/sipfrag;version=2.0"))
        // The first agent's part ends here: release their leg, finish their task (wrap-up).
        if let leg = agentLeg {
            agentLeg = nil
            if let index = agentLegIndex { summary.legs[index].endedAt = Date() }
            _ = try? await leg.call.hangUp()
            await bridge?.unbridge()
            bridge = nil
            await leg.media.leg.release()
        }
        if let task {
            await context.acd.handle(.taskCompleted(task), tenant: TenantID(tenant.id))
            await context.acd.unregister(task: task, tenant: TenantID(tenant.id))
            self.task = nil
        }
        context.events.publish(event(.callTransferred, details: ["to": target]))
        await startMusicOnHold()
        let outcome = await connectDirectly(to: next, ringSeconds: 30, kind: "transfer")
        await stopMusicOnHold()
        guard case .connected = outcome, let placement = agentLeg, let callerLeg = media?.leg else {
            logger.notice("transfer target did not answer", metadata: ["to": "\(target)", "outcome": "\(outcome)"])
            conversationEnded?.yield(.failed)
            return
        }
        bridge = try? await context.media.bridge(callerLeg, placement.media.leg)
        await recording?.setChannel(1, to: [placement.media.leg])
    }
}
