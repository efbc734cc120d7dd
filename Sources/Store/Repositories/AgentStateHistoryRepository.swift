// The agent state history of a tenant: appended as states change, read by reports and by
// the ACD on start-up.
import Foundation
import SQLKit

/// A tenant's agent state history (append-only).
public struct AgentStateHistoryRepository: Sendable {
    let context: DatabaseContext

    /// Records state changes of the tenant's agents, in one transaction.
    public func record(_ tenant: TenantID, _ changes: [AgentStateChange]) async throws {
        guard !changes.isEmpty else { return }
        var issues = IssueCollector()
        for (index, change) in changes.enumerated() where change.state.rawValue.isEmpty || change.state.rawValue.count > 32 {
            issues.add("[\(index)].state", change.state.rawValue, "must be 1-32 characters")
        }
        try issues.throwIfAny()
        try await context.write("recording \(changes.count) agent state changes") { db in
            try await TenantRows.requireTenant(tenant, on: db)
            for start in stride(from: 0, to: changes.count, by: 200) {
                var insert = db.insert(into: "agent_state_events").columns(
                    "id", "tenant_id", "agent_id", "occurred_at", "state", "reason_code", "call_id", "source", "actor_user_id")
                for change in changes[start..<min(start + 200, changes.count)] {
                    insert = insert.values([
                        SQLBind(change.id.rawValue), SQLBind(tenant.rawValue), SQLBind(change.agentID.rawValue),
                        SQLBind(change.occurredAt.millisecondsSince1970), SQLBind(change.state.rawValue),
                        bindOrNull(change.reasonCode), bindOrNull(change.callID), SQLBind(change.source.rawValue),
                        bindOrNull(change.actorUserID?.rawValue),
                    ])
                }
                try await insert.run()
            }
        }
    }

    /// One agent's changes in `[from, to)`, oldest first.
    public func history(_ tenant: TenantID, agent: AgentID, from: Date, to: Date) async throws -> [AgentStateChange] {
        try await context.read("reading the state history of agent \(agent)") { db in
            try await db.select().column("*").from("agent_state_events")
                .where("tenant_id", .equal, SQLBind(tenant.rawValue)).where("agent_id", .equal, SQLBind(agent.rawValue))
                .where("occurred_at", .greaterThanOrEqual, SQLBind(from.millisecondsSince1970))
                .where("occurred_at", .lessThan, SQLBind(to.millisecondsSince1970))
                .orderBy("occurred_at").orderBy("id").all().map(Self.change)
        }
    }

    /// All of the tenant's changes in `[from, to)`, oldest first, at most `limit`.
    public func history(_ tenant: TenantID, from: Date, to: Date, limit: Int = 10_000) async throws -> [AgentStateChange] {
        try await context.read("reading the state history") { db in
            try await db.select().column("*").from("agent_state_events")
                .where("tenant_id", .equal, SQLBind(tenant.rawValue))
                .where("occurred_at", .greaterThanOrEqual, SQLBind(from.millisecondsSince1970))
                .where("occurred_at", .lessThan, SQLBind(to.millisecondsSince1970))
                .orderBy("occurred_at").orderBy("id").limit(max(1, limit)).all().map(Self.change)
        }
    }

    /// Each agent's latest recorded state (what the ACD resumes from after a restart).
    public func latest(_ tenant: TenantID) async throws -> [AgentID: AgentStateChange] {
        try await context.read("reading the latest agent states") { db in
            let rows = try await db.raw("""
                SELECT e.* FROM agent_state_events e
                JOIN (SELECT agent_id, MAX(occurred_at) AS latest FROM agent_state_events
                      WHERE tenant_id = \(bind: tenant.rawValue) GROUP BY agent_id) m
                  ON e.agent_id = m.agent_id AND e.occurred_at = m.latest
                WHERE e.tenant_id = \(bind: tenant.rawValue)
                ORDER BY e.id
                """).all()
            var latest: [AgentID: AgentStateChange] = [:]
            for row in rows {
                let change = try Self.change(row)
                latest[change.agentID] = change
            }
            return latest
        }
    }

    static func change(_ row: any SQLRow) throws -> AgentStateChange {
        AgentStateChange(
            id: try row.id("id"), agentID: try row.id("agent_id"), occurredAt: try row.date("occurred_at"),
            state: AgentStateName(rawValue: try row.string("state")), reasonCode: try row.optionalString("reason_code"),
            callID: try row.optionalString("call_id"),
            source: AgentStateSource(rawValue: try row.string("source")) ?? .system,
            actorUserID: try row.optionalID("actor_user_id"))
    }
}
