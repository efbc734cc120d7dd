// How a customer call is routed once it arrives: the number's inbound rules (with password
// access), then a flow, a queue, voicemail or landing numbers with busy-return and failover.

import Foundation
import IVR
import Logging
import Media
import SIP

extension CustomerCall {
    // MARK: rules

    func evaluateRules() -> InboundDecision? {
        guard let rules = route.rules else { return nil }
        let now = Date()
        let recent = context.counters.noteCall(tenant: tenant.id, caller: identity.number, at: now, periods: rules.countedPeriods)
        inbound = InboundCall(
            caller: PhoneNumber(rawValue: identity.number), called: PhoneNumber(rawValue: route.number),
            time: UnixTime(secondsSince1970: Int64(now.timeIntervalSince1970)), randomDraw: Double.random(in: 0..<1),
            recentCalls: recent)
        return evaluate(rules)
    }

    func evaluate(_ rules: InboundRuleSet) -> InboundDecision? {
        guard let inbound else { return nil }
        let decision = rules.evaluate(inbound, in: InboundEnvironment(calendar: tenant.calendar))
        logger.info("inbound rules", metadata: ["decision": "\(decision.summary)"])
        return decision
    }

    /// Password access (密码接入): asks for the password, then runs the rules again with it.
    func askPassword(_ challenge: PasswordChallenge) async {
        guard let rules = route.rules, await answer() else { return }
        if challenge.attempt > 1 { await media?.leg.clearTypeAhead() }
        let collected = try? await collectDigits(DigitCollection(
            prompts: [challenge.prompt.resolve(language: .chinese, fallback: .chinese) { _ in nil }],
            maxDigits: challenge.maxDigits, terminator: "#", firstDigitTimeoutSeconds: challenge.timeoutSeconds,
            interDigitTimeoutSeconds: 5))
        guard let collected, !callerGone else { return }
        inbound?.password = PasswordAttempt(digits: collected.digits, attempt: challenge.attempt)
        await follow(decision: evaluate(rules))
    }

    func follow(decision: InboundDecision?) async {
        guard let decision else {
            guard let flow = route.flow else { return await reject(.temporarilyUnavailable, reason: "no flow for this number") }
            return await runFlow(flow, context: CallContext(caller: PhoneNumber(rawValue: identity.number), called: PhoneNumber(rawValue: route.number)))
        }
        hangUpSMS = decision.hangUpSMS
        switch decision.outcome {
        case .reject(let rejection, _):
            switch rejection.style {
            case .sipStatus(let code):
                await reject(SIPStatus(code: code), reason: "refused by the number's rules")
            case .prompt(let prompt):
                guard await answer() else { return }
                try? await play(prompt.resolve(language: .chinese, fallback: .chinese) { _ in nil })
                summary.disposition = .rejected
                await hangUpCaller()
            }
        case .collectPassword(let challenge):
            await askPassword(challenge)
        case .route(let target, _):
            let callContext = CallContext(call: InboundCall(
                caller: PhoneNumber(rawValue: identity.number), called: PhoneNumber(rawValue: route.number),
                time: UnixTime(secondsSince1970: Int64(Date().timeIntervalSince1970))), decision: decision)
            switch target.destinations.first {
            case .flow(let id):
                guard let flow = tenant.flows[id] ?? route.flow else {
                    return await reject(.temporarilyUnavailable, reason: "flow \(id) is not published")
                }
                await runFlow(flow, context: callContext)
            case .queue(let queue, let priority, let skills):
                guard await answer() else { return }
                await queueDirectly(EnqueueRequest(
                    queue: queue, priority: priority ?? decision.priority, skills: skills, screenPop: [:],
                    maxWaitSeconds: nil, language: .chinese, tier: decision.tier))
            case .voicemail(let mailbox, let greeting):
                guard await answer() else { return }
                _ = try? await recordVoicemail(VoicemailRequest(
                    mailbox: mailbox, greeting: greeting?.resolve(language: .chinese, fallback: .chinese) { _ in nil },
                    maxSeconds: 120, beep: true))
                await hangUpCaller()
            case .hangUp(let prompt):
                if let prompt, await answer() {
                    try? await play(prompt.resolve(language: .chinese, fallback: .chinese) { _ in nil })
                    await hangUpCaller()
                } else {
                    await reject(.temporarilyUnavailable, reason: "routed to hang up")
                }
            case .external, .agent:
                await forward(along: target)
            case nil:
                await reject(.temporarilyUnavailable, reason: "the rule names no destination")
            }
        }
    }

    /// A landing-number call (落地号码): rings the external numbers or agents of the route in
    /// turn, going on to the next one on busy (busy-return) or no answer (failover).
    func forward(along target: RouteTarget) async {
        guard await answer() else { return }
        var index = 0
        while index < target.destinations.count, !callerGone {
            let outcome: TransferOutcome
            switch target.destinations[index] {
            case .external(let number, let ringSeconds):
                guard await mayForward() else { return }
                outcome = (try? await transfer(TransferRequest(number: number, ringSeconds: ringSeconds))) ?? .failed(reason: "caller gone")
            case .agent(let workNumber, let ringSeconds):
                if let agent = tenant.agentsByWorkNumber[workNumber.rawValue] {
                    let rung = await connectDirectly(to: agent, ringSeconds: ringSeconds)
                    outcome = rung == .connected ? await converseDirectly() : rung
                } else {
                    outcome = .failed(reason: "no agent \(workNumber)")
                }
            default:
                outcome = .failed(reason: "not a forwarding destination")
            }
            let failure: LegFailure
            switch outcome {
            case .connected:
                summary.disposition = .forwarded
                await hangUpCaller()
                return
            case .busy: failure = .busy
            case .noAnswer: failure = .noAnswer
            case .failed: failure = .failed
            }
            guard let next = target.fallback(after: index, reason: failure) else { break }
            if next.raiseAlarm {
                logger.warning("landing number failed; failing over", metadata: ["failure": "\(failure.rawValue)", "next": "\(next.destination)"])
            }
            index = next.index
        }
        summary.disposition = .notAnswered
        await hangUpCaller()
    }

    // MARK: forward limit

    /// Forwards one call may take in all (「呼叫前转超过两次后被禁止」).
    static let maxForwards = 2

    /// What a caller hears when the call may not be forwarded again.
    static let forwardLimitPrompt = Media.Prompt.speech(text: "该呼叫已被前转两次，不能再次前转，再见。", voice: .mandarin)

    /// Counts the platform's forward of this call to an external number (once per call:
    /// failover to the next landing number is the same forward). When the call had been
    /// forwarded twice before it arrived, the caller is told so and hung up: false.
    func mayForward() async -> Bool {
        if summary.forwardCount > identity.priorForwards { return true }
        guard summary.forwardCount >= Self.maxForwards else {
            summary.forwardCount += 1
            return true
        }
        logger.notice("forward refused: the call was forwarded too often", metadata: ["forwards": "\(summary.forwardCount)"])
        if await answer() { _ = try? await playMedia(Self.forwardLimitPrompt, bargeIn: false) }
        summary.disposition = .rejected
        context.events.publish(event(.callRejected, details: ["status": "403", "reason": "forwarded \(summary.forwardCount) times already"]))
        await hangUpCaller()
        return false
    }

    /// A call routed straight to a queue: wait, talk, end.
    func queueDirectly(_ request: EnqueueRequest) async {
        do {
            if case .agentAnswered = try await enqueue(request) {
                _ = try await connectAgent(announcement: nil)
            }
        } catch {
            logger.debug("queued call ended", metadata: ["reason": "\(error)"])
        }
        await hangUpCaller()
    }

    // MARK: flow

    func runFlow(_ flow: PreparedFlow, context callContext: CallContext) async {
        guard await answer() else { return }
        summary.ivrStartedAt = Date()
        let runner = FlowRunner(flow: flow, calendar: tenant.calendar)
        let result = await runner.run(callContext, on: self)
        logger.info("flow ended", metadata: ["disposition": "\(result.disposition)"])
        if summary.disposition == .failed, summary.answeredAt == nil {
            summary.disposition = callerGone ? (summary.enqueuedAt == nil ? .selfService : .abandoned) : .selfService
        }
        await hangUpCaller()
    }
}
