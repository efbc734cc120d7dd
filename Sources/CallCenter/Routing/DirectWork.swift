// Calls no queue offered (click-to-dial, a call between two extensions) hold their agent in
// the ACD as an answered call does: busy while the call lasts, so no queue offers the agent
// anything meanwhile, then wrap-up and back to what the agent chose.

import ACD

/// One agent's call outside the queues, as the ACD's direct task; ``end()`` completes it.
struct DirectWork: Sendable {
    let task: TaskID
    let tenant: TenantID
    let acd: ACDService

    /// Marks `agent` busy for `callID`. Nil when the agent is signed out (the ACD offers them
    /// nothing anyway), belongs to no queue (whose wrap-up would follow), or the ACD refused.
    static func start(agent: AgentRecord, tenant: TenantRuntime, callID: String, context: CallPathContext) async -> DirectWork? {
        guard context.board.state(agent: agent.id, tenant: tenant.id) != .signedOut else { return nil }
        let queues = agent.queues.sorted { $0.tier < $1.tier }.compactMap { tenant.queuesByID[$0.queue] ?? tenant.queuesByName[$0.queue] }
        guard let queue = queues.first else { return nil }
        let work = DirectWork(task: TaskID("direct:\(agent.id):\(callID)"), tenant: TenantID(tenant.id), acd: context.acd)
        let agentID = AgentID(agent.id)
        // Registered as connected first, so reconciliation sees the task as live.
        _ = await context.acd.register(task: work.task, tenant: work.tenant)
        await context.acd.noteConnected(agentID, task: work.task, tenant: work.tenant)
        let effects = await context.acd.handle(
            .directTaskStarted(RoutingTask(id: work.task, queue: QueueID(queue.id)), agent: agentID), tenant: work.tenant)
        if effects.contains(where: { if case .rejected = $0 { true } else { false } }) {
            await context.acd.unregister(task: work.task, tenant: work.tenant)
            return nil
        }
        return work
    }

    /// The call ended: the agent wraps up.
    func end() async {
        await acd.handle(.taskCompleted(task), tenant: tenant)
        await acd.unregister(task: task, tenant: tenant)
    }
}
