// The audit log (审计日志) as its readers see it: a tenant admin reads the tenant's entries
// (recording playbacks, forced states, configuration changes), a platform admin the
// platform's (tenants, quotas, trunks, platform users). Newest first, filtered by time and
// action.

import Foundation
import Hummingbird
import Store

/// `GET /api/v1/config/audit-log` and `GET /api/v1/platform/audit-log`.
struct AuditLogRoutes {
    let services: ServerServices

    struct EntryOutput: Encodable, Sendable {
        struct Actor: Encodable, Sendable {
            var kind: String
            var id: String?
            var name: String
        }

        var id: String
        var occurredAt: Date
        var actor: Actor
        var action, objectKind: String
        var objectId, sourceAddress: String?
        var detail: [String: String]

        init(_ entry: AuditEntry) {
            id = entry.id.rawValue
            occurredAt = entry.occurredAt
            actor = Actor(kind: entry.actor.kind.rawValue, id: entry.actor.id, name: entry.actor.name)
            action = entry.action
            objectKind = entry.objectKind
            objectId = entry.objectID
            sourceAddress = entry.sourceAddress
            detail = entry.detail
        }
    }

    func register(on routes: APIRouteRecorder) {
        routes.add(.get, "/api/v1/config/audit-log") { request, context in
            let tenant = try context.require(.configure).requireTenant()
            return JSONResponse(ItemList(items: try await entries(.tenant(tenant), request.uri.queryParameters)))
        }
        routes.add(.get, "/api/v1/platform/audit-log") { request, context in
            _ = try context.require(.managePlatform)
            return JSONResponse(ItemList(items: try await entries(.platform, request.uri.queryParameters)))
        }
    }

    /// The scope's entries the query asks for: `from` and `to` (ISO 8601; the last 7 days by
    /// default), `action` (`recording.play`), `limit` (1-1000, 100).
    private func entries(_ scope: DataScope, _ parameters: Parameters) async throws -> [EntryOutput] {
        let known: Set<String> = ["from", "to", "action", "limit"]
        for (name, _) in parameters where !known.contains(String(name)) {
            throw APIError.invalid(String(name), "is not a filter of the audit log (use \(known.sorted().joined(separator: ", ")))")
        }
        let now = services.now()
        let dates = ["to": parameters.get("to"), "from": parameters.get("from")].compactMapValues { $0 }
        let to = try CallRecordRoutes.date(dates, "to") ?? now.addingTimeInterval(60)
        let from = try CallRecordRoutes.date(dates, "from") ?? to.addingTimeInterval(-7 * 86_400)
        guard from < to else { throw APIError.invalid("to", "must be after 'from'") }
        var limit = 100
        if let text = parameters.get("limit") {
            guard let value = Int(text), (1...1_000).contains(value) else { throw APIError.invalid("limit", "must be a whole number from 1 to 1000") }
            limit = value
        }
        let action = parameters.get("action")
        if let action, action.isEmpty || action.count > 64 { throw APIError.invalid("action", "must be 1-64 characters") }
        return try await services.store.auditLog.list(scope, from: from, to: to, action: action, limit: limit).map(EntryOutput.init)
    }
}
