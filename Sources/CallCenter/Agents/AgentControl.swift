// What the web desktop and the API may do to an agent's presence, and what they can read:
// the same commands the softphone's feature codes send, with a clear refusal.

import ACD

/// A presence change asked for by an agent (desktop, API) or a supervisor.
public enum AgentPresenceCommand: Sendable, Hashable {
    /// Sign in (签入) to the agent's queues, ready.
    case signIn
    /// Sign in (签入技能组) to these of the agent's queues only (store ids), ready; signing
    /// in again replaces the set.
    case signInToQueues([String])
    /// While signed in, serve exactly these of the agent's queues (store ids) from now on.
    case serveQueues([String])
    /// Sign out (签出).
    case signOut
    /// Ready (示闲).
    case ready
    /// Not ready (示忙) with a reason code of the tenant (e.g. `rest`, `meeting`).
    case notReady(reason: String)
}

/// A presence change the ACD refused (unknown agent, a not-ready limit, ...).
public struct AgentPresenceRefused: Error, Sendable, CustomStringConvertible {
    /// Why, in words an agent can act on.
    public var description: String
}

extension CallCenter {
    /// Applies `command` to `agent` (store ids) and returns the agent's new state; a
    /// supervisor's change (`bySupervisor`) goes past refusing not-ready limits.
    @discardableResult
    public func apply(_ command: AgentPresenceCommand, agent: String, tenant: String, bySupervisor: Bool = false) async throws -> AgentState {
        guard let runtime = directory.tenant(id: tenant), runtime.agentsByID[agent] != nil else {
            throw AgentPresenceRefused(description: "no agent \(agent) in this tenant")
        }
        let agentID = AgentID(agent)
        let acdCommand: ACDCommand
        switch command {
        case .signIn:
            try checkSeats(agent: agent, runtime: runtime)
            acdCommand = .agentSignedIn(agentID, queues: nil, state: .ready)
        case .signInToQueues(let queues):
            try checkSeats(agent: agent, runtime: runtime)
            try checkMembership(queues, agent: agent, runtime: runtime)
            acdCommand = .agentSignedIn(agentID, queues: queues.map { QueueID($0) }, state: .ready)
        case .serveQueues(let queues):
            try checkMembership(queues, agent: agent, runtime: runtime)
            return try await serve(queues, agent: agent, runtime: runtime)
        case .signOut:
            acdCommand = bySupervisor ? .supervisorSignedOutAgent(agentID) : .agentSignedOut(agentID)
        case .ready:
            acdCommand = bySupervisor ? .supervisorForcedState(agentID, .ready) : .agentStateChanged(agentID, .ready)
        case .notReady(let reason):
            if !bySupervisor { try await checkShiftLimit(reason, agent: agent, runtime: runtime) }
            let request = AgentPresenceRequest.notReady(NotReadyReasonID(reason))
            acdCommand = bySupervisor ? .supervisorForcedState(agentID, request) : .agentStateChanged(agentID, request)
        }
        let effects = await acd.handle(acdCommand, tenant: TenantID(tenant))
        for case .rejected(let rejection) in effects {
            throw AgentPresenceRefused(description: "\(rejection.error)")
        }
        return board.state(agent: agent, tenant: tenant)
    }

    /// The agent's current state.
    public func state(agent: String, tenant: String) -> AgentState {
        board.state(agent: agent, tenant: tenant)
    }

    /// The tenant's queues as the ACD sees them now (waiting, longest wait, agents).
    public func queueStatuses(tenant: String) async -> [ACDQueueStatus] {
        await acd.queueStatuses(tenant: TenantID(tenant))
    }
}
