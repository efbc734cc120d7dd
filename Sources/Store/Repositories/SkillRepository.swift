// Skills of a tenant.
import Foundation
import SQLKit

/// A tenant's skills. Deleting a skill removes it from every agent and queue.
public struct SkillRepository: Sendable {
    let context: DatabaseContext

    /// Creates a skill; the name must be free within the tenant.
    public func create(_ tenant: TenantID, _ definition: SkillDefinition, id: SkillID = .generate()) async throws -> Skill {
        try Self.validate(definition)
        return try await context.write("creating skill \(definition.name)") { db in
            try await TenantRows.requireTenant(tenant, on: db)
            try await checkNameFree(tenant, definition.name, excluding: nil, on: db)
            let now = context.nowMilliseconds
            try await db.insert(into: "skills")
                .columns("id", "tenant_id", "name", "description", "created_at", "updated_at")
                .values(SQLBind(id.rawValue), SQLBind(tenant.rawValue), SQLBind(definition.name),
                        SQLBind(definition.description), SQLBind(now), SQLBind(now))
                .run()
            return try await fetch(tenant, id, on: db)
        }
    }

    /// Replaces a skill's definition.
    public func update(_ tenant: TenantID, _ id: SkillID, _ definition: SkillDefinition) async throws -> Skill {
        try Self.validate(definition)
        return try await context.write("updating skill \(id)") { db in
            _ = try await fetch(tenant, id, on: db)
            try await checkNameFree(tenant, definition.name, excluding: id, on: db)
            try await db.update("skills")
                .set("name", to: SQLBind(definition.name))
                .set("description", to: SQLBind(definition.description))
                .set("updated_at", to: SQLBind(context.nowMilliseconds))
                .where("tenant_id", .equal, SQLBind(tenant.rawValue))
                .where("id", .equal, SQLBind(id.rawValue))
                .run()
            return try await fetch(tenant, id, on: db)
        }
    }

    /// The skill, or ``StoreError/notFound(kind:key:)``.
    public func get(_ tenant: TenantID, _ id: SkillID) async throws -> Skill {
        try await context.read("reading skill \(id)") { db in try await fetch(tenant, id, on: db) }
    }

    /// The skill with this name, if any.
    public func find(_ tenant: TenantID, name: String) async throws -> Skill? {
        try await list(tenant).first { $0.name == name }
    }

    /// Every skill of the tenant, by name.
    public func list(_ tenant: TenantID) async throws -> [Skill] {
        try await context.read("listing skills") { db in
            try await db.select().column("*").from("skills")
                .where("tenant_id", .equal, SQLBind(tenant.rawValue))
                .orderBy("name").all().map(Self.skill)
        }
    }

    /// Deletes the skill (and every agent's and queue's use of it).
    public func delete(_ tenant: TenantID, _ id: SkillID) async throws {
        try await context.write("deleting skill \(id)") { db in
            try await TenantRows.delete("skills", tenant, id: id.rawValue, kind: "skill", on: db)
        }
    }

    static func validate(_ definition: SkillDefinition) throws {
        var issues = IssueCollector()
        if let reason = Validate.name(definition.name, limit: 64) { issues.add("name", definition.name, reason) }
        try issues.throwIfAny()
    }

    private func checkNameFree(_ tenant: TenantID, _ name: String, excluding: SkillID?, on db: any SQLDatabase) async throws {
        if try await TenantRows.holder("skills", tenant, column: "name", value: name, excluding: excluding?.rawValue, on: db) != nil {
            throw StoreError.invalid("name", name, "the tenant already has a skill with this name")
        }
    }

    func fetch(_ tenant: TenantID, _ id: SkillID, on db: any SQLDatabase) async throws -> Skill {
        guard let row = try await db.select().column("*").from("skills")
            .where("tenant_id", .equal, SQLBind(tenant.rawValue))
            .where("id", .equal, SQLBind(id.rawValue)).first()
        else { throw StoreError.notFound(kind: "skill", key: id.rawValue) }
        return try Self.skill(row)
    }

    static func skill(_ row: any SQLRow) throws -> Skill {
        Skill(id: try row.id("id"), tenantID: try row.id("tenant_id"),
              definition: SkillDefinition(name: try row.string("name"), description: try row.string("description")),
              createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
    }
}
