// Notices (通知公告): a tenant's admins and supervisors publish, edit and withdraw them;
// agents (and everyone on the desk) list the current ones. Every change is audited and
// reaches the tenant's open event streams at once.

import Foundation
import Hummingbird
import Store

/// `/api/v1/notices...`.
struct NoticeRoutes {
    let services: ServerServices

    /// A notice as the API shows it.
    struct NoticeBody: Encodable, Sendable {
        var id: String
        var title: String
        var body: String
        var pinned: Bool
        var expiresAt: Date?
        /// Whether the notice has expired (desktops no longer show it).
        var expired: Bool
        var author: String
        var createdAt: Date
        var updatedAt: Date

        init(_ notice: Notice, at time: Date) {
            id = notice.id.rawValue
            title = notice.title
            body = notice.body
            pinned = notice.pinned
            expiresAt = notice.expiresAt
            expired = !notice.isCurrent(at: time)
            author = notice.author
            createdAt = notice.createdAt
            updatedAt = notice.updatedAt
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(title, forKey: .title)
            try container.encode(body, forKey: .body)
            try container.encode(pinned, forKey: .pinned)
            try container.encode(expiresAt, forKey: .expiresAt)
            try container.encode(expired, forKey: .expired)
            try container.encode(author, forKey: .author)
            try container.encode(createdAt, forKey: .createdAt)
            try container.encode(updatedAt, forKey: .updatedAt)
        }

        private enum CodingKeys: String, CodingKey {
            case id, title, body, pinned, expiresAt, expired, author, createdAt, updatedAt
        }
    }

    /// The body of `POST` and `PUT`: the whole notice (a `PUT` replaces every field).
    struct Input: Decodable {
        var title: String?
        var body: String?
        var pinned: Bool?
        /// ISO 8601 (`2026-12-01T00:00:00Z`, fractional seconds allowed).
        var expiresAt: String?

        func definition() throws -> NoticeDefinition {
            guard let title else { throw APIError.invalid("title", "is required") }
            var expiry: Date?
            if let expiresAt {
                guard let parsed = (try? Date(expiresAt, strategy: .iso8601))
                    ?? (try? Date(expiresAt, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
                else { throw APIError.invalid("expires_at", "must be an ISO 8601 time such as 2026-12-01T10:00:00Z") }
                expiry = parsed
            }
            return NoticeDefinition(title: title, body: body ?? "", pinned: pinned ?? false, expiresAt: expiry)
        }
    }

    func register(on routes: APIRouteRecorder) {
        let notices = services.store.notices
        routes.add(.get, "/api/v1/notices") { request, context in
            let principal = try context.require(.readNotices)
            let tenant = try principal.requireTenant()
            let all = try request.uri.queryParameters.get("all").map { try flag($0, field: "all") } ?? false
            if all, !principal.may(.manageNotices) {
                throw APIError.forbidden("only those who manage notices may list expired ones ('notices.write')")
            }
            let now = services.now()
            let items = try await notices.list(tenant, currentAt: all ? nil : now)
            return JSONResponse(ItemList(items: items.map { NoticeBody($0, at: now) }))
        }
        routes.add(.post, "/api/v1/notices") { request, context in
            let principal = try context.require(.manageNotices)
            let tenant = try principal.requireTenant()
            let definition = try await request.decodeJSON(as: Input.self, context: context).definition()
            let notice = try await notices.create(tenant, definition, author: principal.name)
            try await changed(notice.id, .published, notice: notice, by: principal, tenant: tenant, context)
            return JSONResponse(NoticeBody(notice, at: services.now()), status: .created)
        }
        routes.add(.get, "/api/v1/notices/{id}") { _, context in
            let principal = try context.require(.readNotices)
            let tenant = try principal.requireTenant()
            let id = NoticeID(rawValue: try context.pathParameter("id"))
            let notice = try await notices.get(tenant, id)
            let now = services.now()
            // Those who only read notices see current ones; an expired one is gone for them.
            if !notice.isCurrent(at: now), !principal.may(.manageNotices) { throw APIError.notFound("notice", id.rawValue) }
            return JSONResponse(NoticeBody(notice, at: now))
        }
        routes.add(.put, "/api/v1/notices/{id}") { request, context in
            let principal = try context.require(.manageNotices)
            let tenant = try principal.requireTenant()
            let id = NoticeID(rawValue: try context.pathParameter("id"))
            _ = try await notices.get(tenant, id)
            let definition = try await request.decodeJSON(as: Input.self, context: context).definition()
            let notice = try await notices.update(tenant, id, definition, author: principal.name)
            try await changed(id, .updated, notice: notice, by: principal, tenant: tenant, context)
            return JSONResponse(NoticeBody(notice, at: services.now()))
        }
        routes.add(.delete, "/api/v1/notices/{id}") { _, context in
            let principal = try context.require(.manageNotices)
            let tenant = try principal.requireTenant()
            let id = NoticeID(rawValue: try context.pathParameter("id"))
            try await notices.delete(tenant, id)
            try await changed(id, .withdrawn, notice: nil, by: principal, tenant: tenant, context)
            return NoContent()
        }
    }

    /// Audits a change and sends it to the tenant's open event streams.
    private func changed(
        _ id: NoticeID, _ kind: NoticeStreamMessage.Kind, notice: Notice?, by principal: Principal, tenant: TenantID,
        _ context: KefuRequestContext
    ) async throws {
        let action = switch kind {
        case .published: "notice.create"
        case .updated: "notice.update"
        case .withdrawn: "notice.delete"
        }
        let now = services.now()
        try await services.store.auditLog.record(.tenant(tenant), AuditEntry(
            occurredAt: now, actor: principal.auditActor, action: action, objectKind: "notice", objectID: id.rawValue,
            sourceAddress: context.remoteAddress, detail: notice.map { ["title": $0.title] } ?? [:]))
        services.noticeBoard.publish(
            NoticeStreamMessage(kind: kind, at: now, noticeId: id.rawValue, notice: notice.map { NoticeBody($0, at: now) }), to: tenant)
    }
}

/// `true`/`false` (also `1`/`0`) from a query parameter; 400 naming it otherwise.
private func flag(_ value: String, field: String) throws -> Bool {
    switch value.lowercased() {
    case "true", "1": return true
    case "false", "0": return false
    default: throw APIError.invalid(field, "must be true or false")
    }
}
