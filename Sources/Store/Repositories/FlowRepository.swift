// IVR flows of a tenant, their versions, review and publishing.
import Crypto
import Foundation
import SQLKit

/// A tenant's IVR flows.
///
/// Documents are checked by the ``DocumentValidator`` the store was opened with (IVR's,
/// supplied by CallCenter) against the names of the tenant's queues, prompts, flows and
/// skills; a version is stored only when it passes.
public struct FlowRepository: Sendable {
    let context: DatabaseContext
    private var content: VersionedContent { .flows }

    /// Creates a flow without versions.
    public func create(_ tenant: TenantID, _ definition: FlowDefinition, id: FlowID = .generate()) async throws -> Flow {
        try Self.validate(definition)
        return try await context.write("creating flow \(definition.name)") { db in
            try await TenantRows.requireTenant(tenant, on: db)
            try await checkNameFree(tenant, definition.name, excluding: nil, on: db)
            let now = context.nowMilliseconds
            try await db.insert(into: "flows")
                .columns("id", "tenant_id", "name", "description", "published_version_id", "created_at", "updated_at")
                .values(SQLBind(id.rawValue), SQLBind(tenant.rawValue), SQLBind(definition.name),
                        SQLBind(definition.description), SQLLiteral.null, SQLBind(now), SQLBind(now))
                .run()
            return try await fetch(tenant, id, on: db)
        }
    }

    /// Renames or re-describes a flow.
    public func update(_ tenant: TenantID, _ id: FlowID, _ definition: FlowDefinition) async throws -> Flow {
        try Self.validate(definition)
        return try await context.write("updating flow \(id)") { db in
            _ = try await fetch(tenant, id, on: db)
            try await checkNameFree(tenant, definition.name, excluding: id, on: db)
            try await db.update("flows").set("name", to: SQLBind(definition.name))
                .set("description", to: SQLBind(definition.description))
                .set("updated_at", to: SQLBind(context.nowMilliseconds))
                .where("tenant_id", .equal, SQLBind(tenant.rawValue)).where("id", .equal, SQLBind(id.rawValue)).run()
            return try await fetch(tenant, id, on: db)
        }
    }

    /// The flow, or ``StoreError/notFound(kind:key:)``.
    public func get(_ tenant: TenantID, _ id: FlowID) async throws -> Flow {
        try await context.read("reading flow \(id)") { db in try await fetch(tenant, id, on: db) }
    }

    /// The flow with this name, if any.
    public func find(_ tenant: TenantID, name: String) async throws -> Flow? {
        try await list(tenant).first { $0.name == name }
    }

    /// Every flow of the tenant, by name.
    public func list(_ tenant: TenantID) async throws -> [Flow] {
        try await context.read("listing flows") { db in
            try await db.select().column("*").from("flows").where("tenant_id", .equal, SQLBind(tenant.rawValue))
                .orderBy("name").all().map(Self.flow)
        }
    }

    /// Deletes a flow and its versions; refused while an access number routes to it.
    public func delete(_ tenant: TenantID, _ id: FlowID) async throws {
        try await context.write("deleting flow \(id)") { db in
            let users = try await db.select().column("number").from("access_numbers")
                .where("tenant_id", .equal, SQLBind(tenant.rawValue)).where("flow_id", .equal, SQLBind(id.rawValue))
                .all().map { try $0.string("number") }
            if !users.isEmpty {
                throw StoreError.invalid("flow", id.rawValue, "access numbers \(users.joined(separator: ", ")) route to this flow; point them elsewhere first")
            }
            try await TenantRows.delete("flows", tenant, id: id.rawValue, kind: "flow", on: db)
        }
    }

    // MARK: Versions

    /// Adds a draft version with `document`, after the document validator accepted it.
    public func addVersion(_ tenant: TenantID, _ flow: FlowID, document: JSONValue, createdBy: String?) async throws -> FlowVersion {
        try await context.write("adding a version to flow \(flow)") { db in
            _ = try await fetch(tenant, flow, on: db)
            try await content.takeTurn(tenant, parent: flow.rawValue, context: context, on: db)
            let references = try await DocumentReferences.load(tenant, on: db)
            let issues = context.documentValidator.validate(document, kind: .flow, references: references)
            if !issues.isEmpty { throw StoreError.invalidInput(issues.map { $0.prefixed("document") }) }
            let id = FlowVersionID.generate()
            let text = document.canonicalText
            try await db.insert(into: "flow_versions")
                .columns("id", "tenant_id", "flow_id", "version", "status", "document", "document_sha256", "created_by", "created_at")
                .values(SQLBind(id.rawValue), SQLBind(tenant.rawValue), SQLBind(flow.rawValue),
                        SQLBind(try await content.nextVersion(tenant, parent: flow.rawValue, on: db)),
                        SQLBind(ContentStatus.draft.rawValue), SQLBind(text), SQLBind(Self.sha256(text)),
                        bindOrNull(createdBy), SQLBind(context.nowMilliseconds))
                .run()
            return try await version(tenant, id, on: db)
        }
    }

    /// Every version of a flow, newest first.
    public func versions(_ tenant: TenantID, _ flow: FlowID) async throws -> [FlowVersion] {
        try await context.read("listing versions of flow \(flow)") { db in
            try await db.select().column("*").from("flow_versions")
                .where("tenant_id", .equal, SQLBind(tenant.rawValue)).where("flow_id", .equal, SQLBind(flow.rawValue))
                .orderBy("version", .descending).all().map(Self.version)
        }
    }

    /// One version, or ``StoreError/notFound(kind:key:)``.
    public func version(_ tenant: TenantID, _ id: FlowVersionID) async throws -> FlowVersion {
        try await context.read("reading flow version \(id)") { db in try await version(tenant, id, on: db) }
    }

    /// The version calls run now, if the flow has a published one.
    public func publishedVersion(_ tenant: TenantID, _ flow: FlowID) async throws -> FlowVersion? {
        try await context.read("reading the published version of flow \(flow)") { db in
            guard let row = try await db.select().column("*").from("flow_versions")
                .where("tenant_id", .equal, SQLBind(tenant.rawValue)).where("flow_id", .equal, SQLBind(flow.rawValue))
                .where("status", .equal, SQLBind(ContentStatus.published.rawValue)).first()
            else { return nil }
            return try Self.version(row)
        }
    }

    /// Sends a draft to the platform's reviewers.
    public func submit(_ tenant: TenantID, _ id: FlowVersionID, by actor: String?) async throws -> FlowVersion {
        try await transition(.submit, tenant, id, actor: actor, comment: nil)
    }

    /// A reviewer accepts a submitted version.
    public func approve(_ tenant: TenantID, _ id: FlowVersionID, by reviewer: String, comment: String? = nil) async throws -> FlowVersion {
        try await transition(.approve, tenant, id, actor: reviewer, comment: comment)
    }

    /// A reviewer refuses a version; `comment` (required) tells the tenant why.
    public func reject(_ tenant: TenantID, _ id: FlowVersionID, by reviewer: String, comment: String) async throws -> FlowVersion {
        try await transition(.reject, tenant, id, actor: reviewer, comment: comment)
    }

    /// Makes this version the one calls run, superseding the previous one, in one
    /// transaction. With the platform's approval switch on, only approved versions (or
    /// ones published before) can be published.
    public func publish(_ tenant: TenantID, _ id: FlowVersionID, by actor: String?) async throws -> FlowVersion {
        try await transition(.publish, tenant, id, actor: actor, comment: nil)
    }

    /// Versions of every tenant waiting for review, oldest first: the platform reviewer's
    /// queue (a platform-level read).
    public func submittedForReview() async throws -> [FlowVersion] {
        try await context.read("listing flow versions to review") { db in
            try await db.select().column("*").from("flow_versions")
                .where("status", .equal, SQLBind(ContentStatus.submitted.rawValue))
                .orderBy("submitted_at").all().map(Self.version)
        }
    }

    /// A version of any tenant, by its id alone, once it entered review (submitted or
    /// later): what a platform reviewer reads. Drafts stay private to their tenant and are
    /// ``StoreError/notFound(kind:key:)`` like a missing id.
    public func versionForReview(_ id: FlowVersionID) async throws -> FlowVersion {
        try await context.read("reading flow version \(id) for review") { db in
            guard let row = try await db.select().column("*").from("flow_versions")
                .where("id", .equal, SQLBind(id.rawValue))
                .where("status", .notEqual, SQLBind(ContentStatus.draft.rawValue)).first()
            else { throw StoreError.notFound(kind: "flow version", key: id.rawValue) }
            return try Self.version(row)
        }
    }

    private func transition(_ action: ContentAction, _ tenant: TenantID, _ id: FlowVersionID, actor: String?, comment: String?) async throws -> FlowVersion {
        try await context.write("\(action.rawValue) flow version \(id)") { db in
            try await content.apply(action, tenant: tenant, id: id.rawValue, actor: actor, comment: comment, context: context, on: db)
            return try await version(tenant, id, on: db)
        }
    }

    // MARK: Internals

    static func validate(_ definition: FlowDefinition) throws {
        if let reason = Validate.name(definition.name, limit: 100) { throw StoreError.invalid("name", definition.name, reason) }
    }

    static func sha256(_ text: String) -> String {
        DigestHA1.hex(SHA256.hash(data: Array(text.utf8)))
    }

    private func checkNameFree(_ tenant: TenantID, _ name: String, excluding: FlowID?, on db: any SQLDatabase) async throws {
        if try await TenantRows.holder("flows", tenant, column: "name", value: name, excluding: excluding?.rawValue, on: db) != nil {
            throw StoreError.invalid("name", name, "the tenant already has a flow with this name")
        }
    }

    func fetch(_ tenant: TenantID, _ id: FlowID, on db: any SQLDatabase) async throws -> Flow {
        guard let row = try await db.select().column("*").from("flows")
            .where("tenant_id", .equal, SQLBind(tenant.rawValue)).where("id", .equal, SQLBind(id.rawValue)).first()
        else { throw StoreError.notFound(kind: "flow", key: id.rawValue) }
        return try Self.flow(row)
    }

    func version(_ tenant: TenantID, _ id: FlowVersionID, on db: any SQLDatabase) async throws -> FlowVersion {
        guard let row = try await db.select().column("*").from("flow_versions")
            .where("tenant_id", .equal, SQLBind(tenant.rawValue)).where("id", .equal, SQLBind(id.rawValue)).first()
        else { throw StoreError.notFound(kind: "flow version", key: id.rawValue) }
        return try Self.version(row)
    }

    static func flow(_ row: any SQLRow) throws -> Flow {
        Flow(id: try row.id("id"), tenantID: try row.id("tenant_id"),
             definition: FlowDefinition(name: try row.string("name"), description: try row.string("description")),
             publishedVersionID: try row.optionalID("published_version_id"),
             createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
    }

    static func version(_ row: any SQLRow) throws -> FlowVersion {
        FlowVersion(
            id: try row.id("id"), tenantID: try row.id("tenant_id"), flowID: try row.id("flow_id"),
            version: try row.int("version"), status: ContentStatus(rawValue: try row.string("status")) ?? .draft,
            document: try JSONValue(parsing: try row.string("document")),
            documentSHA256: try row.string("document_sha256"),
            history: try VersionedContent.history(row))
    }
}
