// The audit log of the platform and of each tenant (append-only).
import Foundation
import SQLKit

/// Audited actions, scoped: a tenant sees its own entries; the platform scope holds what
/// platform operators did outside any tenant.
public struct AuditLogRepository: Sendable {
    let context: DatabaseContext

    /// Appends an entry.
    public func record(_ scope: DataScope, _ entry: AuditEntry) async throws {
        var issues = IssueCollector()
        if entry.action.isEmpty || entry.action.count > 64 { issues.add("action", entry.action, "must be 1-64 characters") }
        if entry.objectKind.isEmpty || entry.objectKind.count > 64 { issues.add("object_kind", entry.objectKind, "must be 1-64 characters") }
        try issues.throwIfAny()
        try await context.write("recording an audit entry") { db in
            if let tenant = scope.tenantID { try await TenantRows.requireTenant(tenant, on: db) }
            try await db.insert(into: "audit_log")
                .columns("id", "tenant_id", "occurred_at", "actor_kind", "actor_id", "actor_name", "action", "object_kind",
                         "object_id", "source_address", "detail")
                .values(SQLBind(entry.id.rawValue), bindOrNull(scope.tenantID?.rawValue),
                        SQLBind(entry.occurredAt.millisecondsSince1970), SQLBind(entry.actor.kind.rawValue),
                        bindOrNull(entry.actor.id), SQLBind(entry.actor.name), SQLBind(entry.action),
                        SQLBind(entry.objectKind), bindOrNull(entry.objectID), bindOrNull(entry.sourceAddress),
                        SQLBind(JSONValue.object(entry.detail.mapValues(JSONValue.string)).canonicalText))
                .run()
        }
    }

    /// The scope's entries in `[from, to)`, newest first, optionally of one action or actor.
    public func list(
        _ scope: DataScope, from: Date, to: Date, action: String? = nil, actorID: String? = nil, limit: Int = 100
    ) async throws -> [AuditEntry] {
        try await context.read("listing audit entries") { db in
            var query = db.select().column("*").from("audit_log")
            switch scope {
            case .platform: query = query.where("tenant_id", .is, SQLLiteral.null)
            case .tenant(let tenant): query = query.where("tenant_id", .equal, SQLBind(tenant.rawValue))
            }
            query = query.where("occurred_at", .greaterThanOrEqual, SQLBind(from.millisecondsSince1970))
                .where("occurred_at", .lessThan, SQLBind(to.millisecondsSince1970))
            if let action { query = query.where("action", .equal, SQLBind(action)) }
            if let actorID { query = query.where("actor_id", .equal, SQLBind(actorID)) }
            return try await query.orderBy("occurred_at", .descending).orderBy("id", .descending)
                .limit(max(1, min(limit, 1_000))).all().map(Self.entry)
        }
    }

    static func entry(_ row: any SQLRow) throws -> AuditEntry {
        AuditEntry(
            id: try row.id("id"), occurredAt: try row.date("occurred_at"),
            actor: AuditActor(kind: AuditActor.Kind(rawValue: try row.string("actor_kind")) ?? .system,
                              id: try row.optionalString("actor_id"), name: try row.string("actor_name")),
            action: try row.string("action"), objectKind: try row.string("object_kind"),
            objectID: try row.optionalString("object_id"), sourceAddress: try row.optionalString("source_address"),
            detail: ((try? JSONValue(parsing: try row.string("detail")))?.objectValue ?? [:]).compactMapValues(\.stringValue))
    }
}
