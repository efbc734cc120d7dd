// The call bar's and the board's commands on a customer call: the view they show, the
// dispatch, and the simple ones (hang up, hold with music, resume, mute, survey push,
// force release). Transfers, consultation and supervision have their own files.

import ACD
import Foundation
import Logging
import IVR
import Media
import SIPStack

extension CustomerCall: ControllableCall {
    func view() -> LiveCallView {
        let phase: String
        if callerGone {
            phase = "ended"
        } else if control.inSurvey {
            phase = "survey"
        } else if control.conference != nil {
            phase = "conference"
        } else if control.consult?.transfer == true {
            phase = "transferring"
        } else if control.consult != nil {
            phase = "consulting"
        } else if heldSince != nil {
            phase = "held"
        } else if agentLeg != nil {
            phase = "talking"
        } else if task != nil {
            phase = "queued"
        } else {
            phase = "ivr"
        }
        let consultTarget = control.consult?.label ?? control.conferenceAgent.map { "agent:\($0.workNumber)" }
        return LiveCallView(
            callID: callID, tenantID: tenant.id, direction: summary.direction, caller: caller, called: route.number, phase: phase,
            agentID: agent?.id, held: heldSince != nil, muted: control.muted, consultTarget: consultTarget,
            consultState: control.consult.map { $0.leg == nil ? "ringing" : "talking" } ?? (control.conference != nil ? "conference" : nil),
            supervisorAgentID: control.supervision?.agent.id,
            supervisionMode: control.supervision.map { $0.leg == nil ? "ringing" : $0.mode.rawValue },
            arrivedAt: summary.arrivedAt, answeredAt: summary.answeredAt)
    }

    func involves(agent agentID: String) -> Bool {
        agent?.id == agentID || control.offered[agentID] != nil
    }

    func perform(_ command: CallControlCommand, requester: CallControlRequester) async throws(CallControlRefusal) {
        guard !callerGone else { throw .conflict("the call has ended") }
        logger.info("call control", metadata: ["command": "\(command.name)", "by": "\(requester.agentID ?? "supervisor")"])
        if case .answer = command { return try answerOffer(agentID: requester.agentID) }
        if !requester.supervises, let agentID = requester.agentID, agent?.id != agentID {
            throw .forbidden("the call is only offered to you: answer it first")
        }
        switch command {
        case .answer: break
        case .hangUp: try await hangUpAgentSide()
        case .hold: try await holdFromCallBar()
        case .resume: try await resumeFromCallBar()
        case .mute: try await setMuted(true)
        case .unmute: try await setMuted(false)
        case .transfer(let target): try await transfer(to: target)
        case .consult(let target): try await startConsultation(target)
        case .consultComplete: try await completeConsultation()
        case .consultConference: try await conferenceConsultation()
        case .consultCancel: try await cancelConsultation()
        case .survey: try await pushSurvey()
        case .supervise(let mode): try await supervise(mode, supervisor: try supervisorAgent(requester))
        case .intercept: try await intercept(supervisor: try supervisorAgent(requester))
        case .release: await forceRelease()
        }
    }

    /// The supervisor's own agent record (their registered extension is what gets rung).
    private func supervisorAgent(_ requester: CallControlRequester) throws(CallControlRefusal) -> AgentRecord {
        guard let id = requester.agentID, let record = tenant.agentsByID[id] else {
            throw .invalidTarget("your user has no agent extension to ring: link the user to an agent with a registered phone", field: "user")
        }
        return record
    }

    // MARK: answer, hang up, hold, mute

    /// The call bar's answer button: the ringing offer is cancelled and placed again at once
    /// with auto-answer headers (the queue loop does it when it sees the cancel).
    private func answerOffer(agentID: String?) throws(CallControlRefusal) {
        guard let agentID, let ringing = control.offered[agentID] else {
            throw .conflict("the call is not ringing at your phone")
        }
        guard control.answerRequested.insert(agentID).inserted else { throw .conflict("the call is already being answered") }
        logger.info("answer from the call bar: re-offering with auto-answer", metadata: ["agent": "\(agentID)"])
        Task { _ = try? await ringing.cancel() }
    }

    /// The agent's side ends; a caller in a flow goes on with it (afterCall), else is hung up.
    private func hangUpAgentSide() async throws(CallControlRefusal) {
        guard agentLeg != nil else {
            // Nobody is connected (IVR, queue): ending "the agent's side" ends the call.
            await forceRelease(by: .agent)
            return
        }
        if control.conference != nil {
            await releaseAgentLeg()
            await agentLeftConference()
            return
        }
        if control.consult?.transfer == true {
            // Hanging up during a transfer leaves it to ring on without the agent.
            await releaseAgentLeg()
            await completeTask()
            return
        }
        await cancelConsultationQuietly()
        await endSupervision(rebridge: false)
        summary.hungUpBy = .agent
        await releaseAgentLeg()
        conversationEnded?.yield(.agentHungUp)
    }

    private func holdFromCallBar() async throws(CallControlRefusal) {
        guard agentLeg != nil, bridge != nil else { throw .conflict("the call is not connected to an agent") }
        guard control.consult == nil, control.conference == nil, control.supervision == nil else {
            throw .conflict("hold is not available during a consultation, a conference or supervision")
        }
        guard heldSince == nil else { throw .conflict("the caller is already on hold") }
        await startHold()
    }

    private func resumeFromCallBar() async throws(CallControlRefusal) {
        guard heldSince != nil else { throw .conflict("the caller is not on hold") }
        guard control.consult == nil else { throw .conflict("a consultation is in progress: complete, conference or cancel it") }
        await endHold()
    }

    private func setMuted(_ muted: Bool) async throws(CallControlRefusal) {
        guard let bridge, let agentLeg else { throw .conflict("the call is not connected to an agent") }
        guard control.muted != muted else { throw .conflict(muted ? "the agent is already muted" : "the agent is not muted") }
        do {
            try await bridge.mute(agentLeg.media.leg, muted)
        } catch {
            throw .conflict("cannot mute: \(error)")
        }
        control.muted = muted
        context.events.publish(event(muted ? .callMuted : .callUnmuted))
    }

    /// Puts the caller on hold: music for the caller, silence for the agent. The agent's leg
    /// is held in media only (no re-INVITE to the phone): the phone keeps one stable dialog,
    /// nothing can cross with a re-INVITE of its own (glare), and PC+Phone legs through
    /// carriers that refuse re-INVITEs hold the same way.
    func startHold() async {
        guard let bridge, let callerLeg = media?.leg, heldSince == nil else { return }
        heldSince = .now
        try? await bridge.hold(callerLeg, music: CallPrompts.musicOnHold(file: context.settings.musicOnHoldFile))
        if let index = agentLegIndex { summary.legs[index].holdCount += 1 }
        context.events.publish(event(.callHeld))
        logger.info("caller on hold")
    }

    /// Ends the hold; `relink` false when the bridge is about to be replaced anyway.
    func endHold(relink: Bool = true) async {
        guard let since = heldSince else { return }
        heldSince = nil
        if relink { await bridge?.unhold() }
        let elapsed = ContinuousClock.now - since
        if let index = agentLegIndex {
            summary.legs[index].holdMilliseconds += Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
        }
        context.events.publish(event(.callResumed))
        logger.info("caller off hold")
    }

    // MARK: survey, release

    /// 下发满意度: the agent's part ends and the caller hears the survey.
    private func pushSurvey() async throws(CallControlRefusal) {
        guard agentLeg != nil, conversationEnded != nil else { throw .conflict("the call is not connected to an agent") }
        guard control.consult == nil, control.conference == nil else {
            throw .conflict("finish the consultation or conference before pushing the survey")
        }
        control.surveyPushed = true
        await endSupervision(rebridge: false)
        summary.hungUpBy = .agent
        await releaseAgentLeg()
        context.events.publish(event(.callTransferred, details: ["to": "survey"]))
        conversationEnded?.yield(.agentHungUp)
    }

    /// Whether the caller takes the survey once the agent's part ends: the agent pushed it, or
    /// the call's queue names its own survey.
    var takesSurveyAfterAgent: Bool {
        control.surveyPushed || summary.queueID.flatMap { tenant.queueSurveys[$0] } != nil
    }

    /// The satisfaction survey after the agent (pushed, or the queue's), then the caller is
    /// hung up. The configured survey when there is one (see ``configuredSurvey()``: its prompt,
    /// its scale of valid keys, retries and closing words); else one key from 1 to 5, asked
    /// twice at most. The score goes on the CDR.
    func runPushedSurvey() async {
        control.inSurvey = true
        logger.info("survey after the agent", metadata: ["pushed": "\(control.surveyPushed)"])
        if let survey = configuredSurvey() {
            let runner = FlowRunner(flow: survey, calendar: tenant.calendar)
            let result = await runner.run(CallContext(caller: PhoneNumber(rawValue: caller), called: PhoneNumber(rawValue: route.number)), on: self)
            logger.info("configured survey ended", metadata: ["flow": "\(survey.definition.id.rawValue)", "disposition": "\(result.disposition)"])
        } else {
            await runDefaultSurvey()
        }
        control.inSurvey = false
        await hangUpCaller()
    }

    /// The survey for this call: the first survey node (满意度) of the flow the call's queue
    /// names, else of the access number's flow, else of the tenant's published flow `survey`,
    /// entered at that node.
    func configuredSurvey() -> PreparedFlow? {
        let queues = Set(tenant.record.queues.map { QueueName($0.name) })
        let queueSurvey = summary.queueID.flatMap { tenant.queueSurveys[$0] }
        for flow in [queueSurvey, route.flow, tenant.flows[FlowID(rawValue: "survey")]].compactMap({ $0 }) {
            guard let node = flow.definition.nodes.first(where: { if case .survey = $0.kind { true } else { false } }) else { continue }
            do {
                return try Self.flow(flow, enteringAt: node.id.rawValue, queues: queues)
            } catch {
                logger.notice("the configured survey cannot run", metadata: ["flow": "\(flow.definition.id.rawValue)", "error": "\(error)"])
            }
        }
        return nil
    }

    /// The built-in survey: one key from 1 to 5, asked twice at most; the caller is thanked.
    private func runDefaultSurvey() async {
        let question = ResolvedPrompt.tts("请您对本次服务进行评价：非常满意请按5，满意请按4，一般请按3，不满意请按2，非常不满意请按1。", language: .chinese)
        for _ in 0..<2 where !callerGone {
            guard let collected = try? await collectDigits(DigitCollection(
                prompts: [question], maxDigits: 1, terminator: nil, firstDigitTimeoutSeconds: 8, interDigitTimeoutSeconds: 2))
            else { break }
            if let score = Int(collected.digits), (1...5).contains(score) {
                summary.surveyScore = score
                logger.info("survey answered", metadata: ["score": "\(score)"])
                try? await playTTS("感谢您的评价，再见。", language: .chinese)
                break
            }
        }
    }

    /// 强拆: the whole call ends at once, caller and agent alike.
    func forceRelease(by party: CallSummary.Party = .supervisor) async {
        await cancelConsultationQuietly()
        await endSupervision(rebridge: false)
        await hangUpCaller()
        summary.hungUpBy = party
        context.events.publish(event(.callSupervised, details: ["mode": "release"]))
        work?.cancel()
        conversationEnded?.yield(.callerHungUp)
    }

    // MARK: shared steps

    /// Ends the agent's leg (BYE to the phone) without the watcher taking it for a hang-up.
    func releaseAgentLeg() async {
        guard let leg = agentLeg else { return }
        agentLeg = nil
        if let index = agentLegIndex, summary.legs[index].endedAt == nil { summary.legs[index].endedAt = Date() }
        _ = try? await leg.call.hangUp()
        await leg.media.leg.release()
    }

    /// Makes `leg` (a consulted party, a supervisor) the caller's other side in place of the
    /// agent, whose leg ends and whose task completes unless `completingTask` is false (the same
    /// agent on another device); the recording's agent channel follows.
    func handCaller(to leg: AgentLegPlacement, legIndex: Int?, agent: AgentRecord?, callerLeg: MediaLeg, completingTask: Bool = true) async {
        await bridge?.unbridge()
        bridge = nil
        await releaseAgentLeg()
        if completingTask { await completeTask() }
        agentLeg = leg
        agentLegIndex = legIndex
        self.agent = agent
        bridge = try? await context.media.bridge(callerLeg, leg.media.leg)
        control.muted = false
        await recording?.setChannel(1, to: [leg.media.leg])
    }

    /// Finishes the ACD task of the agent whose part ended (wrap-up follows).
    func completeTask() async {
        guard let task else { return }
        self.task = nil
        await context.acd.handle(.taskCompleted(task), tenant: TenantID(tenant.id))
        await context.acd.unregister(task: task, tenant: TenantID(tenant.id))
    }

    /// Appends a placed leg to the CDR; returns its index.
    @discardableResult
    func appendLeg(_ leg: CallSummary.Leg, outcome: String, status: Int?) -> Int {
        var leg = leg
        leg.outcome = outcome
        leg.sipStatus = status
        if outcome == "answered" { leg.answeredAt = Date() } else { leg.endedAt = Date() }
        summary.legs.append(leg)
        return summary.legs.count - 1
    }

    /// Ends a leg the call bar or the board added (consulted party, supervisor).
    func closeLeg(_ placement: AgentLegPlacement?, index: Int?) async {
        if let index, summary.legs[index].endedAt == nil { summary.legs[index].endedAt = Date() }
        guard let placement else { return }
        _ = try? await placement.call.hangUp()
        await placement.media.leg.release()
    }

    /// Bridges the caller with the current agent leg again (after a mix or a consultation).
    func bridgeCallerWithAgent() async {
        guard let agentLeg, let callerLeg = media?.leg, !callerGone else { return }
        bridge = try? await context.media.bridge(callerLeg, agentLeg.media.leg)
        control.muted = false
        await recording?.setChannel(1, to: [agentLeg.media.leg])
    }

    /// Everything the call bar or the board added, ended (the call is over).
    func endControl() async {
        await cancelConsultationQuietly()
        await endSupervision(rebridge: false)
        if let mix = control.conference {
            control.conference = nil
            await mix.end()
            await closeLeg(control.conferenceLeg, index: control.conferenceLegIndex)
            control.conferenceLeg = nil
            await endConsultationTask(control.conferenceTask)
            control.conferenceTask = nil
        }
    }
}
