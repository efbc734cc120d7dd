// The sign-in and not-ready rules the call center checks before the ACD sees a presence
// change: seats, membership of the chosen skill groups (签入技能组), and the per-shift
// count of a not-ready reason; and what the desktop reads back (groups, counts used).

import ACD

/// An agent's presence as the desktop shows it: the queues signed in to and the not-ready
/// reasons used this shift.
public struct AgentPresenceStatus: Sendable, Hashable {
    /// The agent's state now.
    public var state: AgentState
    /// Queues (store ids) the agent is signed in to; empty when signed out.
    public var signedInQueues: [String]
    /// Times each not-ready reason (code) was chosen this shift.
    public var notReadyCounts: [String: Int]
    /// Seconds the agent has been in ``state``, by the ACD's clock.
    public var secondsInState: Double
}

extension CallCenter {
    /// The agent's presence with its signed-in queues and shift counts, or `nil` for an
    /// agent the ACD does not know.
    public func presence(agent: String, tenant: String) async -> AgentPresenceStatus? {
        guard let status = await acd.agentStatus(AgentID(agent), tenant: TenantID(tenant)) else { return nil }
        return AgentPresenceStatus(
            state: status.state, signedInQueues: status.signedInQueues.map(\.rawValue).sorted(),
            notReadyCounts: Dictionary(status.notReadyCounts.map { ($0.key.rawValue, $0.value) }, uniquingKeysWith: +),
            secondsInState: Double((acd.now() - status.stateSince).milliseconds) / 1000)
    }

    /// Refuses a first sign-in when every seat of the tenant is taken.
    func checkSeats(agent: String, runtime: TenantRuntime) throws {
        let tenant = runtime.id
        if board.state(agent: agent, tenant: tenant) == .signedOut, runtime.record.seats > 0,
           board.signedInCount(tenant: tenant) >= runtime.record.seats
        {
            throw AgentPresenceRefused(description: "all \(runtime.record.seats) seats of the tenant are signed in")
        }
    }

    /// Refuses an empty choice or queues the agent is not a member of.
    func checkMembership(_ queues: [String], agent: String, runtime: TenantRuntime) throws {
        guard let record = runtime.agentsByID[agent] else { throw AgentPresenceRefused(description: "no agent \(agent) in this tenant") }
        guard !queues.isEmpty else { throw AgentPresenceRefused(description: "choose at least one of your queues to sign in to") }
        let own = Set(record.queues.map(\.queue))
        let strangers = queues.filter { !own.contains($0) }
        guard strangers.isEmpty else {
            let names = strangers.map { runtime.queuesByID[$0]?.name ?? $0 }
            throw AgentPresenceRefused(description: "you are not a member of \(names.joined(separator: ", "))")
        }
    }

    /// Joins and leaves queues so the signed-in agent serves exactly `queues`.
    func serve(_ queues: [String], agent: String, runtime: TenantRuntime) async throws -> AgentState {
        let tenant = TenantID(runtime.id)
        guard let status = await acd.agentStatus(AgentID(agent), tenant: tenant), status.state != .signedOut else {
            throw AgentPresenceRefused(description: "sign in first, then choose the queues to serve")
        }
        let current = Set(status.signedInQueues.map(\.rawValue))
        let wanted = Set(queues)
        var commands: [ACDCommand] = []
        let joining = wanted.subtracting(current).sorted()
        let leaving = current.subtracting(wanted).sorted()
        if !joining.isEmpty { commands.append(.agentJoinedQueues(AgentID(agent), joining.map { QueueID($0) })) }
        if !leaving.isEmpty { commands.append(.agentLeftQueues(AgentID(agent), leaving.map { QueueID($0) })) }
        for command in commands {
            for case .rejected(let rejection) in await acd.handle(command, tenant: tenant) {
                throw AgentPresenceRefused(description: "\(rejection.error)")
            }
        }
        return board.state(agent: agent, tenant: runtime.id)
    }

    /// Refuses an agent's own not-ready request when the reason's count per shift is used up
    /// (a supervisor may still set it; the ACD then reports the breach).
    func checkShiftLimit(_ reason: String, agent: String, runtime: TenantRuntime) async throws {
        guard let limits = runtime.record.notReadyReasons.first(where: { $0.code == reason }), let maximum = limits.maxPerShift,
              let status = await acd.agentStatus(AgentID(agent), tenant: TenantID(runtime.id))
        else { return }
        if status.chosen == .notReady(NotReadyReasonID(reason)) { return }
        let used = status.notReadyCounts[NotReadyReasonID(reason)] ?? 0
        if used >= maximum {
            throw AgentPresenceRefused(
                description: "'\(limits.name)' may be chosen \(maximum) times per shift and you have used it \(used) times")
        }
    }
}
