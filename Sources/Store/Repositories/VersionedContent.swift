// What flows and prompts share: numbered versions, the review lifecycle, and publishing
// (one transaction: the old version superseded, the new one published, the pointer moved).
import Foundation
import SQLKit

/// The tables of one kind of versioned content.
struct VersionedContent: Sendable {
    let parentTable: String
    let versionTable: String
    let parentColumn: String
    let kind: String

    static let flows = VersionedContent(parentTable: "flows", versionTable: "flow_versions", parentColumn: "flow_id", kind: "flow version")
    /// The longest review comment kept.
    static let commentLimit = 2_000

    static let prompts = VersionedContent(parentTable: "prompts", versionTable: "prompt_versions", parentColumn: "prompt_id", kind: "prompt version")

    /// Makes changes to one flow or prompt take turns until the transaction ends (PostgreSQL
    /// locks the parent row; SQLite has one writer anyway).
    func takeTurn(_ tenant: TenantID, parent: String, context: DatabaseContext, on db: any SQLDatabase) async throws {
        guard context.kind == .postgres else { return }
        try await db.raw("SELECT id FROM \(ident: parentTable) WHERE tenant_id = \(bind: tenant.rawValue) AND id = \(bind: parent) FOR UPDATE")
            .run()
    }

    /// The number the next version of `parent` gets (call ``takeTurn(_:parent:context:on:)`` first).
    func nextVersion(_ tenant: TenantID, parent: String, on db: any SQLDatabase) async throws -> Int {
        let row = try await db.select().column(SQLFunction("MAX", args: SQLColumn("version")), as: "latest")
            .from(versionTable)
            .where("tenant_id", .equal, SQLBind(tenant.rawValue))
            .where(SQLIdentifier(parentColumn), .equal, SQLBind(parent))
            .first()
        return (try row?.optionalInt("latest") ?? 0) + 1
    }

    /// Moves version `id` of the tenant through `action`, recording who did it; publishing
    /// also supersedes the previous version and points the flow or prompt at this one.
    func apply(
        _ action: ContentAction, tenant: TenantID, id: String, actor: String?, comment: String?,
        context: DatabaseContext, on db: any SQLDatabase
    ) async throws {
        func read() async throws -> any SQLRow {
            guard let row = try await db.select().column("status").column("reviewed_at").column(SQLIdentifier(parentColumn)).from(versionTable)
                .where("tenant_id", .equal, SQLBind(tenant.rawValue)).where("id", .equal, SQLBind(id)).first()
            else { throw StoreError.notFound(kind: kind, key: id) }
            return row
        }
        var row = try await read()
        let parent = try row.string(parentColumn)
        if context.kind == .postgres {
            // Two publishes must not leave two published versions: the status is read again
            // once this step holds the parent's turn.
            try await takeTurn(tenant, parent: parent, context: context, on: db)
            row = try await read()
        }
        let current = ContentStatus(rawValue: try row.string("status")) ?? .draft
        if action == .reject, (comment ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw StoreError.invalid("comment", nil, "a rejection needs a comment telling the tenant what to change")
        }
        if let comment, comment.count > Self.commentLimit {
            throw StoreError.invalid("comment", nil, "must be at most \(Self.commentLimit) characters")
        }
        let approvalRequired = try await PlatformSettingsRepository.approvalRequired(on: db)
        let reviewedAt = try row.optionalInt("reviewed_at")
        let wasApproved = current != .rejected && reviewedAt != nil
        let next = try current.applying(action, approvalRequired: approvalRequired, wasApproved: wasApproved, kind: kind)
        let now = context.nowMilliseconds
        var update = db.update(versionTable).set("status", to: SQLBind(next.rawValue))
        switch action {
        case .submit:
            update = update.set("submitted_at", to: SQLBind(now))
        case .approve, .reject:
            update = update.set("reviewed_at", to: SQLBind(now))
                .set("reviewed_by", to: bindOrNull(actor))
                .set("review_comment", to: bindOrNull(comment))
        case .publish:
            update = update.set("published_at", to: SQLBind(now))
            try await db.update(versionTable).set("status", to: SQLBind(ContentStatus.superseded.rawValue))
                .where("tenant_id", .equal, SQLBind(tenant.rawValue))
                .where(SQLIdentifier(parentColumn), .equal, SQLBind(parent))
                .where("status", .equal, SQLBind(ContentStatus.published.rawValue))
                .run()
            try await db.update(parentTable).set("published_version_id", to: SQLBind(id))
                .set("updated_at", to: SQLBind(now))
                .where("tenant_id", .equal, SQLBind(tenant.rawValue)).where("id", .equal, SQLBind(parent))
                .run()
        }
        try await update.where("tenant_id", .equal, SQLBind(tenant.rawValue)).where("id", .equal, SQLBind(id)).run()
    }

    static func history(_ row: any SQLRow) throws -> ContentHistory {
        ContentHistory(
            createdBy: try row.optionalString("created_by"), createdAt: try row.date("created_at"),
            submittedAt: try row.optionalDate("submitted_at"), reviewedBy: try row.optionalString("reviewed_by"),
            reviewedAt: try row.optionalDate("reviewed_at"), reviewComment: try row.optionalString("review_comment"),
            publishedAt: try row.optionalDate("published_at"))
    }
}

extension DocumentReferences {
    /// The names a tenant's documents may refer to.
    static func load(_ tenant: TenantID, on db: any SQLDatabase) async throws -> DocumentReferences {
        func names(_ table: String) async throws -> Set<String> {
            Set(try await db.select().column("name").from(table).where("tenant_id", .equal, SQLBind(tenant.rawValue))
                .all().map { try $0.string("name") })
        }
        return DocumentReferences(
            queues: try await names("queues"), prompts: try await names("prompts"),
            flows: try await names("flows"), skills: try await names("skills"), mailboxes: try await names("mailboxes"))
    }
}
