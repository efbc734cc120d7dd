// A tenant's notices (通知公告): published, edited and withdrawn by its admins and
// supervisors, listed for the agent desktop (pinned first, newest first).
import Foundation
import SQLKit

/// The notices of a tenant.
public struct NoticeRepository: Sendable {
    let context: DatabaseContext

    /// Publishes a notice; `author` is the publisher's name. An expiry must lie in the future.
    public func create(
        _ tenant: TenantID, _ definition: NoticeDefinition, author: String, id: NoticeID = .generate()
    ) async throws -> Notice {
        try validate(definition)
        return try await context.write("publishing notice \(definition.title)") { db in
            try await TenantRows.requireTenant(tenant, on: db)
            let now = context.nowMilliseconds
            try await db.insert(into: "notices")
                .columns("id", "tenant_id", "title", "body", "pinned", "expires_at", "author", "created_at", "updated_at")
                .values(SQLBind(id.rawValue), SQLBind(tenant.rawValue), SQLBind(definition.title), SQLBind(definition.body),
                        SQLBind(definition.pinned), bindOrNull(definition.expiresAt.milliseconds), SQLBind(author),
                        SQLBind(now), SQLBind(now))
                .run()
            return try await fetch(tenant, id, on: db)
        }
    }

    /// Replaces a notice's definition; `author` becomes its author.
    public func update(_ tenant: TenantID, _ id: NoticeID, _ definition: NoticeDefinition, author: String) async throws -> Notice {
        try validate(definition)
        return try await context.write("updating notice \(id)") { db in
            _ = try await fetch(tenant, id, on: db)
            try await db.update("notices")
                .set("title", to: SQLBind(definition.title)).set("body", to: SQLBind(definition.body))
                .set("pinned", to: SQLBind(definition.pinned)).set("expires_at", to: bindOrNull(definition.expiresAt.milliseconds))
                .set("author", to: SQLBind(author)).set("updated_at", to: SQLBind(context.nowMilliseconds))
                .where("tenant_id", .equal, SQLBind(tenant.rawValue)).where("id", .equal, SQLBind(id.rawValue))
                .run()
            return try await fetch(tenant, id, on: db)
        }
    }

    /// The notice `id` of the tenant (``StoreError/notFound(kind:key:)`` for another tenant's).
    public func get(_ tenant: TenantID, _ id: NoticeID) async throws -> Notice {
        try await context.read("reading notice \(id)") { db in try await fetch(tenant, id, on: db) }
    }

    /// The tenant's notices, pinned first, then newest first; with `currentAt`, only those
    /// not expired at that time.
    public func list(_ tenant: TenantID, currentAt time: Date? = nil) async throws -> [Notice] {
        try await context.read("listing notices") { db in
            var query = db.select().column("*").from("notices").where("tenant_id", .equal, SQLBind(tenant.rawValue))
            if let time {
                query = query.where { group in
                    group.where("expires_at", .is, SQLLiteral.null).orWhere("expires_at", .greaterThan, SQLBind(time.millisecondsSince1970))
                }
            }
            return try await query.orderBy("pinned", .descending).orderBy("created_at", .descending).orderBy("id", .descending)
                .all().map(Self.notice)
        }
    }

    /// Withdraws (deletes) a notice.
    public func delete(_ tenant: TenantID, _ id: NoticeID) async throws {
        try await context.write("deleting notice \(id)") { db in
            try await TenantRows.delete("notices", tenant, id: id.rawValue, kind: "notice", on: db)
        }
    }

    private func validate(_ definition: NoticeDefinition) throws {
        var issues = IssueCollector()
        if let reason = Validate.name(definition.title, limit: NoticeDefinition.maximumTitleLength) {
            issues.add("title", definition.title, reason)
        }
        if definition.body.count > NoticeDefinition.maximumBodyLength {
            issues.add("body", nil, "is \(definition.body.count) characters long; a notice holds at most \(NoticeDefinition.maximumBodyLength)")
        }
        if let expiry = definition.expiresAt, expiry.millisecondsSince1970 <= context.nowMilliseconds {
            issues.add("expires_at", nil, "must lie in the future (a notice that has expired is never shown)")
        }
        try issues.throwIfAny()
    }

    private func fetch(_ tenant: TenantID, _ id: NoticeID, on db: any SQLDatabase) async throws -> Notice {
        guard let row = try await db.select().column("*").from("notices")
            .where("tenant_id", .equal, SQLBind(tenant.rawValue)).where("id", .equal, SQLBind(id.rawValue)).first()
        else { throw StoreError.notFound(kind: "notice", key: id.rawValue) }
        return try Self.notice(row)
    }

    static func notice(_ row: any SQLRow) throws -> Notice {
        Notice(
            id: try row.id("id"), tenantID: try row.id("tenant_id"),
            definition: NoticeDefinition(
                title: try row.string("title"), body: try row.string("body"), pinned: try row.bool("pinned"),
                expiresAt: try row.optionalDate("expires_at")),
            author: try row.string("author"), createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
    }
}
