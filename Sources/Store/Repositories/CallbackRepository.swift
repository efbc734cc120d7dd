// Callback requests: left by callers in a queue, dialled later by the callback service.
import Foundation
import SQLKit

/// Callback requests of every tenant. Asking is tenant-scoped; the callback service claims
/// due requests across tenants (platform level) and reports each attempt.
public struct CallbackRepository: Sendable {
    let context: DatabaseContext
    private var outbox: Outbox { Outbox(table: "callback_requests", waiting: "pending", inFlight: "dialing") }

    /// Records a request. A caller who asks again for the same queue while a request is
    /// still open gets that request back rather than a second call.
    public func request(_ tenant: TenantID, _ draft: CallbackDraft) async throws -> CallbackRequest {
        var issues = IssueCollector()
        if let reason = Validate.phoneNumber(draft.number) { issues.add("number", draft.number, reason) }
        if let callID = draft.callID, callID.isEmpty || callID.count > 200 { issues.add("call_id", callID, "must be 1-200 characters") }
        try issues.throwIfAny()
        let id = CallbackRequestID.generate()
        return try await context.write("recording a callback request") { db in
            try await TenantRows.require("queues", tenant, id: draft.queueID.rawValue, kind: "queue", on: db)
            if let open = try await db.select().column("*").from("callback_requests")
                .where("tenant_id", .equal, SQLBind(tenant.rawValue)).where("queue_id", .equal, SQLBind(draft.queueID.rawValue))
                .where("number", .equal, SQLBind(draft.number))
                .where("status", .in, SQLBind.group([CallbackStatus.pending.rawValue, CallbackStatus.dialing.rawValue]))
                .first() {
                return try Self.request(open)
            }
            let now = context.nowMilliseconds
            try await db.insert(into: "callback_requests")
                .columns("id", "tenant_id", "queue_id", "number", "call_id", "status", "attempts", "next_attempt_at", "created_at")
                .values(SQLBind(id.rawValue), SQLBind(tenant.rawValue), SQLBind(draft.queueID.rawValue), SQLBind(draft.number),
                        bindOrNull(draft.callID), SQLBind(CallbackStatus.pending.rawValue), SQLBind(0),
                        SQLBind(max(now, draft.notBefore?.millisecondsSince1970 ?? now)), SQLBind(now))
                .run()
            return try await fetch(tenant, id, on: db)
        }
    }

    /// The request, or ``StoreError/notFound(kind:key:)``.
    public func get(_ tenant: TenantID, _ id: CallbackRequestID) async throws -> CallbackRequest {
        try await context.read("reading callback request \(id)") { db in try await fetch(tenant, id, on: db) }
    }

    /// The tenant's requests, newest first, optionally for one queue or in one status.
    public func list(_ tenant: TenantID, queue: QueueID? = nil, status: CallbackStatus? = nil, limit: Int = 100) async throws -> [CallbackRequest] {
        try await context.read("listing callback requests") { db in
            var query = db.select().column("*").from("callback_requests").where("tenant_id", .equal, SQLBind(tenant.rawValue))
            if let queue { query = query.where("queue_id", .equal, SQLBind(queue.rawValue)) }
            if let status { query = query.where("status", .equal, SQLBind(status.rawValue)) }
            return try await query.orderBy("created_at", .descending).orderBy("id", .descending)
                .limit(max(1, min(limit, 1_000))).all().map(Self.request)
        }
    }

    /// The callback service's claim (platform level): up to `limit` requests due now, marked
    /// as dialing until `lease` passes (then they come back, should the service die).
    public func claimDue(limit: Int, lease: Duration = .seconds(300)) async throws -> [CallbackRequest] {
        try await context.write("claiming callback requests") { db in
            let ids = try await outbox.claim(now: context.nowMilliseconds, limit: limit,
                                             leaseMilliseconds: lease.milliseconds, kind: context.kind, on: db)
            guard !ids.isEmpty else { return [] }
            return try await db.select().column("*").from("callback_requests").where("id", .in, SQLBind.group(ids))
                .orderBy("created_at").all().map(Self.request)
        }
    }

    /// The customer was reached (by `agent`, if an agent took the call).
    public func markCompleted(_ tenant: TenantID, _ id: CallbackRequestID, agent: AgentID?) async throws {
        try await finish(tenant, id, status: .completed, outcome: "reached", agent: agent, retryAt: nil)
    }

    /// An attempt failed with `outcome` (`no_answer`, `busy`, …): retried at `retryAt`, or
    /// given up when it is `nil`.
    public func markFailed(_ tenant: TenantID, _ id: CallbackRequestID, outcome: String, agent: AgentID? = nil, retryAt: Date?) async throws {
        try await finish(tenant, id, status: retryAt == nil ? .failed : .pending, outcome: outcome, agent: agent, retryAt: retryAt)
    }

    /// Withdraws an open request.
    public func cancel(_ tenant: TenantID, _ id: CallbackRequestID) async throws {
        try await finish(tenant, id, status: .cancelled, outcome: nil, agent: nil, retryAt: nil)
    }

    private func finish(_ tenant: TenantID, _ id: CallbackRequestID, status: CallbackStatus, outcome: String?, agent: AgentID?,
                        retryAt: Date?) async throws {
        if let outcome, outcome.isEmpty || outcome.count > 64 { throw StoreError.invalid("outcome", outcome, "must be 1-64 characters") }
        try await context.write("updating callback request \(id)") { db in
            let current = try await fetch(tenant, id, on: db)
            guard current.status == .pending || current.status == .dialing else {
                throw StoreError.invalidTransition(kind: "callback request", from: current.status.rawValue, to: status.rawValue,
                                                   reason: "it is closed already")
            }
            if let agent { try await TenantRows.require("agents", tenant, id: agent.rawValue, kind: "agent", on: db) }
            let closed = status != .pending
            var update = db.update("callback_requests").set("status", to: SQLBind(status.rawValue))
                .set("next_attempt_at", to: bindOrNull(retryAt?.millisecondsSince1970))
                .set("completed_at", to: bindOrNull(closed ? context.nowMilliseconds : nil))
            if let outcome { update = update.set("last_outcome", to: SQLBind(outcome)) }
            if let agent { update = update.set("agent_id", to: SQLBind(agent.rawValue)) }
            try await update.where("tenant_id", .equal, SQLBind(tenant.rawValue)).where("id", .equal, SQLBind(id.rawValue)).run()
        }
    }

    private func fetch(_ tenant: TenantID, _ id: CallbackRequestID, on db: any SQLDatabase) async throws -> CallbackRequest {
        guard let row = try await db.select().column("*").from("callback_requests")
            .where("tenant_id", .equal, SQLBind(tenant.rawValue)).where("id", .equal, SQLBind(id.rawValue)).first()
        else { throw StoreError.notFound(kind: "callback request", key: id.rawValue) }
        return try Self.request(row)
    }

    static func request(_ row: any SQLRow) throws -> CallbackRequest {
        CallbackRequest(
            id: try row.id("id"), tenantID: try row.id("tenant_id"),
            draft: CallbackDraft(queueID: try row.id("queue_id"), number: try row.string("number"),
                                 callID: try row.optionalString("call_id")),
            status: CallbackStatus(rawValue: try row.string("status")) ?? .pending, attempts: try row.int("attempts"),
            nextAttemptAt: try row.optionalDate("next_attempt_at"), agentID: try row.optionalID("agent_id"),
            lastOutcome: try row.optionalString("last_outcome"), createdAt: try row.date("created_at"),
            completedAt: try row.optionalDate("completed_at"))
    }
}
