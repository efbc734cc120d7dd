// The periodic reconciliation of the ACD's view with live calls and registrations.

import ACD
import SIPStack

extension CallCenter {
    /// Every `interval`, tells each tenant's ACD which tasks really ring or talk and which
    /// agents' phones are registered; the engine repairs any difference.
    func reconcilePeriodically(interval: Duration = .seconds(30)) async {
        while !Task.isCancelled {
            try? await Task.sleep(for: interval)
            if Task.isCancelled { return }
            var reachable: [TenantID: Set<AgentID>] = [:]
            for tenant in directory.tenants {
                var agents: Set<AgentID> = []
                for agent in tenant.record.agents where await isReachable(agent, in: tenant) {
                    agents.insert(AgentID(agent.id))
                }
                reachable[TenantID(tenant.id)] = agents
            }
            await acd.reconcile(reachable: reachable)
        }
    }


    /// Whether an agent can be rung: a registered softphone that answers OPTIONS, or a
    /// PC+Phone number.
    func isReachable(_ agent: AgentRecord, in tenant: TenantRuntime) async -> Bool {
        if let phone = agent.pcPhoneNumber, !phone.isEmpty { return true }
        return await userAgent.bindings(of: agent.extensionNumber, realm: tenant.record.sipDomain).contains { context.keepAlive.isAlive($0) }
    }
}
