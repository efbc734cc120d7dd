// The SMS outbox: queued durably by tenants' calls, sent and retried by the gateway service.
import Foundation
import SQLKit

/// Queued SMS of every tenant. Queueing is tenant-scoped; the gateway service claims due
/// messages across tenants (platform level) and reports each attempt.
public struct SMSOutboxRepository: Sendable {
    let context: DatabaseContext
    private var outbox: Outbox { Outbox(table: "sms_outbox", waiting: "queued", inFlight: "sending") }

    /// Queues a message, due now. Never blocks on the gateway: the call that asks goes on.
    public func enqueue(_ tenant: TenantID, _ draft: SMSDraft) async throws -> SMSMessage {
        var issues = IssueCollector()
        if let reason = Validate.phoneNumber(draft.to) { issues.add("to", draft.to, reason) }
        if let from = draft.from, let reason = Validate.phoneNumber(from) { issues.add("from", from, reason) }
        if draft.body.isEmpty || draft.body.count > 1_000 { issues.add("body", nil, "must be 1-1000 characters") }
        if let reason = Validate.code(draft.purpose) { issues.add("purpose", draft.purpose, reason) }
        try issues.throwIfAny()
        let id = SMSMessageID.generate()
        return try await context.write("queueing an SMS") { db in
            try await TenantRows.requireTenant(tenant, on: db)
            let now = context.nowMilliseconds
            try await db.insert(into: "sms_outbox")
                .columns("id", "tenant_id", "to_number", "from_number", "body", "purpose", "call_id", "status", "attempts",
                         "next_attempt_at", "created_at")
                .values(SQLBind(id.rawValue), SQLBind(tenant.rawValue), SQLBind(draft.to), bindOrNull(draft.from),
                        SQLBind(draft.body), SQLBind(draft.purpose), bindOrNull(draft.callID),
                        SQLBind(SMSStatus.queued.rawValue), SQLBind(0), SQLBind(now), SQLBind(now))
                .run()
            return try await fetch(tenant, id, on: db)
        }
    }

    /// The message, or ``StoreError/notFound(kind:key:)``.
    public func get(_ tenant: TenantID, _ id: SMSMessageID) async throws -> SMSMessage {
        try await context.read("reading SMS \(id)") { db in try await fetch(tenant, id, on: db) }
    }

    /// The tenant's messages, newest first.
    public func list(_ tenant: TenantID, limit: Int = 100) async throws -> [SMSMessage] {
        try await context.read("listing SMS") { db in
            try await db.select().column("*").from("sms_outbox").where("tenant_id", .equal, SQLBind(tenant.rawValue))
                .orderBy("created_at", .descending).orderBy("id", .descending).limit(max(1, min(limit, 1_000)))
                .all().map(Self.message)
        }
    }

    /// The gateway service's claim (platform level): up to `limit` messages due now, marked
    /// as sending until `lease` passes.
    public func claimDue(limit: Int, lease: Duration = .seconds(60)) async throws -> [SMSMessage] {
        try await context.write("claiming SMS to send") { db in
            let ids = try await outbox.claim(now: context.nowMilliseconds, limit: limit,
                                             leaseMilliseconds: lease.milliseconds, kind: context.kind, on: db)
            guard !ids.isEmpty else { return [] }
            return try await db.select().column("*").from("sms_outbox").where("id", .in, SQLBind.group(ids))
                .orderBy("created_at").all().map(Self.message)
        }
    }

    /// The SMSC accepted the message and gave it `gatewayMessageID`.
    public func markSent(_ id: SMSMessageID, gatewayMessageID: String) async throws {
        try await context.write("recording a sent SMS") { db in
            try await db.update("sms_outbox").set("status", to: SQLBind(SMSStatus.sent.rawValue))
                .set("gateway_message_id", to: SQLBind(gatewayMessageID)).set("sent_at", to: SQLBind(context.nowMilliseconds))
                .set("next_attempt_at", to: SQLLiteral.null).set("last_error", to: SQLLiteral.null)
                .where("id", .equal, SQLBind(id.rawValue)).run()
        }
    }

    /// A delivery receipt arrived for `gatewayMessageID`; returns whether a message matched.
    @discardableResult
    public func markDelivered(gatewayMessageID: String, at time: Date) async throws -> Bool {
        try await context.write("recording an SMS delivery receipt") { db in
            guard try await db.select().column("id").from("sms_outbox")
                .where("gateway_message_id", .equal, SQLBind(gatewayMessageID)).first() != nil
            else { return false }
            try await db.update("sms_outbox").set("status", to: SQLBind(SMSStatus.delivered.rawValue))
                .set("delivered_at", to: SQLBind(time.millisecondsSince1970))
                .where("gateway_message_id", .equal, SQLBind(gatewayMessageID)).run()
            return true
        }
    }

    /// An attempt failed: retried at `retryAt`, or given up when it is `nil`.
    public func markFailed(_ id: SMSMessageID, error: String, retryAt: Date?) async throws {
        try await context.write("recording a failed SMS") { db in
            try await db.update("sms_outbox")
                .set("status", to: SQLBind((retryAt == nil ? SMSStatus.failed : .queued).rawValue))
                .set("last_error", to: SQLBind(String(error.prefix(1_000))))
                .set("next_attempt_at", to: bindOrNull(retryAt.milliseconds))
                .where("id", .equal, SQLBind(id.rawValue)).run()
        }
    }

    private func fetch(_ tenant: TenantID, _ id: SMSMessageID, on db: any SQLDatabase) async throws -> SMSMessage {
        guard let row = try await db.select().column("*").from("sms_outbox")
            .where("tenant_id", .equal, SQLBind(tenant.rawValue)).where("id", .equal, SQLBind(id.rawValue)).first()
        else { throw StoreError.notFound(kind: "SMS", key: id.rawValue) }
        return try Self.message(row)
    }

    static func message(_ row: any SQLRow) throws -> SMSMessage {
        SMSMessage(
            id: try row.id("id"), tenantID: try row.id("tenant_id"),
            draft: SMSDraft(to: try row.string("to_number"), from: try row.optionalString("from_number"),
                            body: try row.string("body"), purpose: try row.string("purpose"),
                            callID: try row.optionalString("call_id")),
            status: SMSStatus(rawValue: try row.string("status")) ?? .queued, attempts: try row.int("attempts"),
            nextAttemptAt: try row.optionalDate("next_attempt_at"), gatewayMessageID: try row.optionalString("gateway_message_id"),
            lastError: try row.optionalString("last_error"), createdAt: try row.date("created_at"),
            sentAt: try row.optionalDate("sent_at"), deliveredAt: try row.optionalDate("delivered_at"))
    }
}
