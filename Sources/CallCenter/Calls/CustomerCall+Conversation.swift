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
        summary.answeredAt = summary.answeredAt ?? Date()
        summary.agentID = agent.id
        summary.agentWorkNumber = agent.workNumber
        summary.teamID = agent.teamID
        summary.siteID = agent.siteID
        summary.partnerID = agent.partnerID
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
        await completeTask()
        switch end {
        case .agentHungUp:
            if takesSurveyAfterAgent, !callerGone {
                await runPushedSurvey()
                throw CallerHungUp()
            }
            return .agentHungUp
        case .redirected(let redirect):
            return try await follow(redirect)
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
        await endControl()
        await bridge?.unbridge()
        bridge = nil
        await endRecording()
        return end
    }

    /// Bridges an answered direct leg (extension, transfer) and waits for the conversation's end.
    func converseDirectly() async -> TransferOutcome {
        guard let placement = agentLeg, let callerLeg = media?.leg else { return .failed(reason: "caller gone") }
        let end = (try? await converse(callerLeg, with: placement.media.leg)) ?? .failed
        switch end {
        case .redirected(let redirect):
            _ = try? await follow(redirect)
            return .connected
        case .agentHungUp where takesSurveyAfterAgent && !callerGone:
            await runPushedSurvey()
            return .connected
        default:
            break
        }
        if case .agentHungUp = end {} else if let leg = agentLeg {
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

    /// Follows a leg the call placed (agent, consulted party, supervisor) for its whole life;
    /// what its end means depends on the part it plays when it ends.
    func watchAgent(_ call: SIPCall) async {
        for await event in call.events {
            guard await followAgentLeg(event, on: call) else { return }
        }
    }

    /// One event of such a leg (also of a leg an attended transfer brought in from an
    /// extension call, which goes on reading it); false once the leg ended.
    @discardableResult
    func followAgentLeg(_ event: SIPCallEvent, on call: SIPCall) async -> Bool {
        switch event {
        case .request(let request):
            await agentRequest(request, on: call)
        case .ended(let reason):
            await legEnded(call, reason: reason)
            return false
        default:
            break
        }
        return true
    }

    private func legEnded(_ call: SIPCall, reason: SIPCallEndReason) async {
        if control.consult?.leg?.call === call { return await consultedPartyHungUp() }
        if control.conferenceLeg?.call === call { return await conferencePartyLeft() }
        if control.supervision?.leg?.call === call { return await endSupervision(rebridge: true) }
        guard let leg = agentLeg, leg.call === call else { return }
        if let index = agentLegIndex { summary.legs[index].endedAt = Date() }
        agentLeg = nil
        await leg.media.leg.release()
        if control.conference != nil { return await agentLeftConference() }
        if control.consult?.leg != nil {
            // The agent hung up while talking to the consulted party: attended transfer.
            try? await completeConsultation()
            return
        }
        if control.consult?.transfer == true {
            // The agent left a transfer still ringing (a phone does after its REFER): the
            // transfer goes on without them, and their part of the call is over.
            await completeTask()
            return
        }
        if reason == .remoteHangUp {
            summary.hungUpBy = agent == nil ? .callee : .agent
            logger.info(agent == nil ? "callee hung up" : "agent hung up")
        }
        conversationEnded?.yield(.agentHungUp)
    }

    private func agentRequest(_ request: SIPIncomingRequest, on call: SIPCall) async {
        switch request.method {
        case .invite, .update:
            guard var placement = agentLeg, placement.call === call else { return await otherLegReoffer(request, on: call) }
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

    /// The agent put the caller on hold from the phone (music on hold for the caller) or
    /// took them off it.
    private func followAgentHold(_ held: Bool) async {
        guard bridge != nil, control.consult == nil else { return }
        if held { await startHold() } else { await endHold() }
    }

    /// A re-INVITE or UPDATE on a consulted party's or a supervisor's leg.
    private func otherLegReoffer(_ request: SIPIncomingRequest, on call: SIPCall) async {
        let answer: [UInt8]
        do {
            if var consult = control.consult, var leg = consult.leg, leg.call === call {
                answer = try await reoffer(request, &leg.media)
                consult.leg = leg
                control.consult = consult
            } else if var leg = control.conferenceLeg, leg.call === call {
                answer = try await reoffer(request, &leg.media)
                control.conferenceLeg = leg
            } else if var supervision = control.supervision, var leg = supervision.leg, leg.call === call {
                answer = try await reoffer(request, &leg.media)
                supervision.leg = leg
                control.supervision = supervision
            } else {
                return request.respond(.callOrTransactionDoesNotExist)
            }
        } catch {
            return request.respond(.notAcceptableHere, reasonPhrase: "\(error)")
        }
        request.respond(.ok, body: answer)
    }

    private func reoffer(_ request: SIPIncomingRequest, _ media: inout LegMedia) async throws -> [UInt8] {
        var copy = media
        let answer = request.request.body.isEmpty ? copy.currentOffer() : try await copy.receivedReoffer(Array(request.request.body))
        media = copy
        return answer
    }

    /// REFER from the agent: transfer the caller to another extension (blind), or with
    /// `Replaces` in the Refer-To to the colleague the agent called meanwhile (attended).
    private func blindTransfer(_ request: SIPIncomingRequest, from call: SIPCall) async {
        guard let referTo = try? request.request.headers.referTo, let target = referTo.uri.user else {
            return request.respond(.badRequest, reasonPhrase: "Refer-To missing or without a user part")
        }
        switch Result(catching: { try request.request.referToReplaces() }) {
        case .failure:
            return request.respond(.badRequest, reasonPhrase: "Unreadable Replaces in Refer-To")
        case .success(let replaces?):
            return await attendedTransfer(request, replacing: replaces, from: call)
        case .success(nil):
            break
        }
        let party: DirectTarget
        do {
            party = try directTarget(.agent(target))
        } catch {
            return request.respond(.notFound, reasonPhrase: "No extension \(target) in this tenant")
        }
        guard agentLeg?.call === call else {
            return request.respond(.forbidden, reasonPhrase: "Only the agent talking to the caller can transfer")
        }
        do {
            await endSupervision(rebridge: true)
            try await ring(party, transfer: true, referrer: call)
        } catch {
            return request.respond(.requestPending, reasonPhrase: "\(error)")
        }
        request.respond(.accepted)
        logger.info("blind transfer", metadata: ["to": "\(target)"])
    }
}
