// Organization scope (issue 10): which of the tenant's agents a caller sees and acts on.
// A team lead (班长) their own teams, a partner manager (外包合作公司) their partner's agents,
// a tenant admin, a supervisor who leads no team (值班经理) and API keys the whole tenant.
// Objects outside the scope are answered 404, as another tenant's are.

import CallCenter
import Store

/// The agents a caller may see and act on, by team and partner.
public struct AgentScope: Sendable, Hashable {
    /// Teams (store ids) the agents must be in; `nil`: any team.
    public var teams: Set<String>?
    /// The partner (store id) the agents must work for; `nil`: any partner.
    public var partner: String?

    /// Every agent of the tenant.
    public static let wholeTenant = AgentScope(teams: nil, partner: nil)

    /// A scope limited to `teams` and/or `partner`.
    public init(teams: Set<String>?, partner: String?) {
        self.teams = teams
        self.partner = partner
    }

    /// Whether the scope is the whole tenant.
    public var isWholeTenant: Bool { teams == nil && partner == nil }

    /// Whether calls still waiting for an agent (IVR, queue) are shown: to the tenant's own
    /// staff (team leads watch the queues), not to a partner's managers.
    public var seesWaitingCalls: Bool { partner == nil }

    /// Whether an agent (or a call handled) in `team` for `partner` is inside the scope.
    public func contains(team: String?, partner: String?) -> Bool {
        if let teams, !(team.map(teams.contains) ?? false) { return false }
        if let required = self.partner, partner != required { return false }
        return true
    }

    /// Whether the agent is inside the scope.
    public func contains(_ agent: AgentRecord) -> Bool {
        contains(team: agent.teamID, partner: agent.partnerID)
    }

    /// Whether the call record (its team and partner at call time) is inside the scope; a
    /// call no agent handled is inside when waiting calls are (``seesWaitingCalls``).
    public func contains(_ record: CallDetailRecord) -> Bool {
        if record.agentID == nil { return isWholeTenant || seesWaitingCalls }
        return contains(team: record.teamID?.rawValue, partner: record.partnerID?.rawValue)
    }

    /// The ids of `runtime`'s agents inside the scope (`nil`: all of them).
    func agentIDs(in runtime: TenantRuntime?) -> Set<String>? {
        guard !isWholeTenant else { return nil }
        return Set((runtime?.record.agents ?? []).filter(contains).map(\.id))
    }
}
