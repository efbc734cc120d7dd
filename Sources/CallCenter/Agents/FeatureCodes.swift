// Feature codes an agent dials from the softphone: *1 sign in and ready, *2 not ready,
// *3 sign out, *0 ready again. Kefu answers, says what happened, and hangs up.

import ACD
import Logging
import Media
import SIP
import SIPStack

/// A feature code and the ACD command it stands for.
enum FeatureCode: String, CaseIterable, Sendable {
    case signIn = "*1"
    case notReady = "*2"
    case signOut = "*3"
    case ready = "*0"

    /// The command for `agent`.
    func command(for agent: AgentID) -> ACDCommand {
        switch self {
        case .signIn: .agentSignedIn(agent, queues: nil, state: .ready)
        case .notReady: .agentStateChanged(agent, .notReady(.unspecified))
        case .signOut: .agentSignedOut(agent)
        case .ready: .agentStateChanged(agent, .ready)
        }
    }

    /// What Kefu says afterwards, by the state the agent ended in.
    static func confirmation(_ state: AgentState) -> String {
        switch state {
        case .signedOut: "您已签出。"
        case .ready: "您已签入，当前状态空闲。"
        case .notReady: "您已示忙。"
        case .reserved, .busy, .wrapUp: "您的状态是\(state)。"
        }
    }
}

/// Answers an agent's call to a feature code.
struct FeatureCodeCall: Sendable {
    let call: SIPCall
    let code: FeatureCode
    let agent: AgentRecord
    let tenant: TenantRuntime
    let context: CallPathContext

    /// Applies the code, plays the confirmation, hangs up.
    func run() async {
        var logger = context.logger
        logger[metadataKey: "tenant"] = "\(tenant.id)"
        logger[metadataKey: "agent"] = "\(agent.id)"
        logger[metadataKey: "call"] = "\(call.callID)"
        let tenantID = TenantID(tenant.id)
        let agentID = AgentID(agent.id)
        if code == .signIn, context.board.state(agent: agent.id, tenant: tenant.id) == .signedOut,
           tenant.record.seats > 0, context.board.signedInCount(tenant: tenant.id) >= tenant.record.seats
        {
            logger.notice("seat limit reached; sign-in refused", metadata: ["seats": "\(tenant.record.seats)"])
            try? await call.reject(.forbidden, reasonPhrase: "Seat Limit Reached")
            return
        }
        let effects = await context.acd.handle(code.command(for: agentID), tenant: tenantID)
        let refusal = effects.compactMap { effect -> String? in
            if case .rejected(let rejection) = effect { return "\(rejection.error)" } else { return nil }
        }.first
        if code == .signIn {
            _ = await context.acd.handle(.agentDeviceChanged(agentID, reachable: true), tenant: tenantID)
        }
        let state = context.board.state(agent: agent.id, tenant: tenant.id)
        logger.info("feature code", metadata: ["code": "\(code.rawValue)", "state": "\(state)", "refused": "\(refusal ?? "-")"])
        guard let offer = call.request.body.isEmpty ? nil : Array(call.request.body),
              let (media, answer) = try? await LegMedia.answering(
                offer, engine: context.media, sessionID: UInt64.random(in: 1...UInt64(Int64.max)),
                rtpTimeoutMilliseconds: nil, metadata: ["tenant": "\(tenant.id)", "agent": "\(agent.id)"])
        else {
            try? await call.reject(refusal == nil ? .notAcceptableHere : .forbidden)
            return
        }
        do {
            try await call.answer(sdp: answer)
            let text = refusal.map { "操作失败：\($0)" } ?? FeatureCode.confirmation(state)
            _ = try? await media.leg.play(.speech(text: text, voice: .mandarin))
            _ = try? await call.hangUp()
        } catch {
            logger.notice("feature code call failed", metadata: ["error": "\(error)"])
        }
        await media.leg.release()
    }
}
