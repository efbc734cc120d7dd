// Webhooks of a tenant, their delivery queue and delivery log.
import Foundation
import SQLKit

/// A tenant's webhooks. Events are queued as deliveries (one per subscribed webhook) and
/// sent by a worker that claims due deliveries with a lease and reports each attempt.
public struct WebhookRepository: Sendable {
    let context: DatabaseContext
    private var outbox: Outbox { Outbox(table: "webhook_deliveries", waiting: "pending", inFlight: "delivering") }

    /// Registers a webhook; a signing secret is generated unless one is given.
    public func create(_ tenant: TenantID, _ definition: WebhookDefinition, secret: String? = nil) async throws -> Webhook {
        try Self.validate(definition)
        var generator = SystemRandomNumberGenerator()
        let secret = secret ?? APIKeyRepository.randomHex(32, using: &generator)
        try Self.validate(secret: secret)
        let id = WebhookID.generate()
        return try await context.write("creating a webhook") { db in
            try await TenantRows.requireTenant(tenant, on: db)
            let now = context.nowMilliseconds
            try await db.insert(into: "webhooks")
                .columns("id", "tenant_id", "url", "secret", "events", "active", "created_at", "updated_at")
                .values(SQLBind(id.rawValue), SQLBind(tenant.rawValue), SQLBind(definition.url), SQLBind(secret),
                        SQLBind(definition.events.joined(separator: " ")), SQLBind(definition.active), SQLBind(now), SQLBind(now))
                .run()
            return try await fetch(tenant, id, on: db)
        }
    }

    /// Replaces a webhook's URL, events or active flag (the secret stays).
    public func update(_ tenant: TenantID, _ id: WebhookID, _ definition: WebhookDefinition) async throws -> Webhook {
        try Self.validate(definition)
        return try await context.write("updating webhook \(id)") { db in
            _ = try await fetch(tenant, id, on: db)
            try await db.update("webhooks").set("url", to: SQLBind(definition.url))
                .set("events", to: SQLBind(definition.events.joined(separator: " ")))
                .set("active", to: SQLBind(definition.active)).set("updated_at", to: SQLBind(context.nowMilliseconds))
                .where("tenant_id", .equal, SQLBind(tenant.rawValue)).where("id", .equal, SQLBind(id.rawValue)).run()
            return try await fetch(tenant, id, on: db)
        }
    }

    /// Replaces a webhook's signing secret (at least 16 characters); deliveries from now on are
    /// signed with it.
    public func replaceSecret(_ tenant: TenantID, _ id: WebhookID, _ secret: String) async throws -> Webhook {
        try Self.validate(secret: secret)
        return try await context.write("replacing the secret of webhook \(id)") { db in
            _ = try await fetch(tenant, id, on: db)
            try await db.update("webhooks").set("secret", to: SQLBind(secret)).set("updated_at", to: SQLBind(context.nowMilliseconds))
                .where("tenant_id", .equal, SQLBind(tenant.rawValue)).where("id", .equal, SQLBind(id.rawValue)).run()
            return try await fetch(tenant, id, on: db)
        }
    }

    private static func validate(secret: String) throws {
        if secret.count < 16 { throw StoreError.invalid("secret", nil, "must be at least 16 characters") }
    }

    /// Every webhook of the tenant.
    public func list(_ tenant: TenantID) async throws -> [Webhook] {
        try await context.read("listing webhooks") { db in
            try await db.select().column("*").from("webhooks").where("tenant_id", .equal, SQLBind(tenant.rawValue))
                .orderBy("created_at").all().map(Self.webhook)
        }
    }

    /// The webhook, or ``StoreError/notFound(kind:key:)``.
    public func get(_ tenant: TenantID, _ id: WebhookID) async throws -> Webhook {
        try await context.read("reading webhook \(id)") { db in try await fetch(tenant, id, on: db) }
    }

    /// Deletes a webhook and its delivery log.
    public func delete(_ tenant: TenantID, _ id: WebhookID) async throws {
        try await context.write("deleting webhook \(id)") { db in
            try await TenantRows.delete("webhooks", tenant, id: id.rawValue, kind: "webhook", on: db)
        }
    }

    // MARK: Deliveries

    /// Queues an event for every active webhook of the tenant that wants its type, due now.
    @discardableResult
    public func enqueue(_ tenant: TenantID, eventType: String, payload: String) async throws -> [WebhookDeliveryID] {
        try await context.write("queueing webhook deliveries") { db in
            let hooks = try await db.select().column("*").from("webhooks")
                .where("tenant_id", .equal, SQLBind(tenant.rawValue)).all().map(Self.webhook).filter { $0.definition.wants(eventType) }
            let now = context.nowMilliseconds
            var ids: [WebhookDeliveryID] = []
            for hook in hooks {
                let id = WebhookDeliveryID.generate()
                try await db.insert(into: "webhook_deliveries")
                    .columns("id", "tenant_id", "webhook_id", "event_type", "payload", "status", "attempts", "next_attempt_at", "created_at")
                    .values(SQLBind(id.rawValue), SQLBind(tenant.rawValue), SQLBind(hook.id.rawValue), SQLBind(eventType),
                            SQLBind(payload), SQLBind(DeliveryStatus.pending.rawValue), SQLBind(0), SQLBind(now), SQLBind(now))
                    .run()
                ids.append(id)
            }
            return ids
        }
    }

    /// The delivery worker's claim (platform level): up to `limit` deliveries due now,
    /// marked as being delivered until `lease` passes, with their webhook (URL and secret).
    public func claimDue(limit: Int, lease: Duration = .seconds(60)) async throws -> [(delivery: WebhookDelivery, webhook: Webhook)] {
        try await context.write("claiming webhook deliveries") { db in
            let ids = try await outbox.claim(now: context.nowMilliseconds, limit: limit,
                                             leaseMilliseconds: lease.milliseconds, kind: context.kind, on: db)
            guard !ids.isEmpty else { return [] }
            let deliveries = try await db.select().column("*").from("webhook_deliveries")
                .where("id", .in, SQLBind.group(ids)).orderBy("created_at").all().map(Self.delivery)
            var result: [(WebhookDelivery, Webhook)] = []
            for delivery in deliveries {
                result.append((delivery, try await fetch(delivery.tenantID, delivery.webhookID, on: db)))
            }
            return result
        }
    }

    /// Reports a successful attempt.
    public func markDelivered(_ id: WebhookDeliveryID, statusCode: Int) async throws {
        try await context.write("recording a webhook delivery") { db in
            let now = context.nowMilliseconds
            try await db.update("webhook_deliveries").set("status", to: SQLBind(DeliveryStatus.delivered.rawValue))
                .set("last_status_code", to: SQLBind(statusCode)).set("last_attempt_at", to: SQLBind(now))
                .set("delivered_at", to: SQLBind(now)).set("next_attempt_at", to: SQLLiteral.null).set("last_error", to: SQLLiteral.null)
                .where("id", .equal, SQLBind(id.rawValue)).run()
        }
    }

    /// Reports a failed attempt: retried at `retryAt`, or given up when it is `nil`.
    public func markFailed(_ id: WebhookDeliveryID, statusCode: Int?, error: String, retryAt: Date?) async throws {
        try await context.write("recording a failed webhook delivery") { db in
            try await db.update("webhook_deliveries")
                .set("status", to: SQLBind((retryAt == nil ? DeliveryStatus.failed : .pending).rawValue))
                .set("last_status_code", to: bindOrNull(statusCode)).set("last_error", to: SQLBind(String(error.prefix(1_000))))
                .set("last_attempt_at", to: SQLBind(context.nowMilliseconds))
                .set("next_attempt_at", to: bindOrNull(retryAt.milliseconds))
                .where("id", .equal, SQLBind(id.rawValue)).run()
        }
    }

    /// The delivery log of one webhook, newest first.
    public func deliveries(_ tenant: TenantID, _ webhook: WebhookID, limit: Int = 100) async throws -> [WebhookDelivery] {
        try await context.read("reading the delivery log of webhook \(webhook)") { db in
            try await db.select().column("*").from("webhook_deliveries")
                .where("tenant_id", .equal, SQLBind(tenant.rawValue)).where("webhook_id", .equal, SQLBind(webhook.rawValue))
                .orderBy("created_at", .descending).orderBy("id", .descending).limit(max(1, min(limit, 1_000)))
                .all().map(Self.delivery)
        }
    }

    // MARK: Internals

    static func validate(_ definition: WebhookDefinition) throws {
        var issues = IssueCollector()
        if let reason = Validate.httpURL(definition.url) { issues.add("url", definition.url, reason) }
        if definition.events.isEmpty { issues.add("events", nil, "must name at least one event type (or '*')") }
        for event in definition.events where event.isEmpty || event.contains(" ") {
            issues.add("events", event, "must be an event type without spaces")
        }
        try issues.throwIfAny()
    }

    private func fetch(_ tenant: TenantID, _ id: WebhookID, on db: any SQLDatabase) async throws -> Webhook {
        guard let row = try await db.select().column("*").from("webhooks")
            .where("tenant_id", .equal, SQLBind(tenant.rawValue)).where("id", .equal, SQLBind(id.rawValue)).first()
        else { throw StoreError.notFound(kind: "webhook", key: id.rawValue) }
        return try Self.webhook(row)
    }

    static func webhook(_ row: any SQLRow) throws -> Webhook {
        Webhook(
            id: try row.id("id"), tenantID: try row.id("tenant_id"),
            definition: WebhookDefinition(url: try row.string("url"),
                                          events: try row.string("events").split(separator: " ").map(String.init),
                                          active: try row.bool("active")),
            secret: try row.string("secret"), createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
    }

    static func delivery(_ row: any SQLRow) throws -> WebhookDelivery {
        WebhookDelivery(
            id: try row.id("id"), tenantID: try row.id("tenant_id"), webhookID: try row.id("webhook_id"),
            eventType: try row.string("event_type"), payload: try row.string("payload"),
            status: DeliveryStatus(rawValue: try row.string("status")) ?? .pending, attempts: try row.int("attempts"),
            nextAttemptAt: try row.optionalDate("next_attempt_at"), lastAttemptAt: try row.optionalDate("last_attempt_at"),
            lastStatusCode: try row.optionalInt("last_status_code"), lastError: try row.optionalString("last_error"),
            createdAt: try row.date("created_at"), deliveredAt: try row.optionalDate("delivered_at"))
    }
}

extension Duration {
    /// Whole milliseconds.
    var milliseconds: Int64 {
        components.seconds * 1_000 + components.attoseconds / 1_000_000_000_000_000
    }
}
