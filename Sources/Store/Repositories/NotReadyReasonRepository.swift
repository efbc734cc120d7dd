// A tenant's not-ready reasons and their limits.
import Foundation
import SQLKit

/// The not-ready reasons of a tenant.
public struct NotReadyReasonRepository: Sendable {
    let context: DatabaseContext

    /// Creates a reason; the code must be free within the tenant.
    public func create(_ tenant: TenantID, _ definition: NotReadyReasonDefinition, id: NotReadyReasonID = .generate()) async throws -> NotReadyReason {
        try Self.validate(definition)
        return try await context.write("creating not-ready reason \(definition.code)") { db in
            try await TenantRows.requireTenant(tenant, on: db)
            try await checkCodeFree(tenant, definition.code, excluding: nil, on: db)
            let now = context.nowMilliseconds
            try await db.insert(into: "not_ready_reasons")
                .columns("id", "tenant_id", "code", "name", "max_duration_seconds", "max_per_shift",
                         "max_concurrent_per_team", "active", "sort_order", "created_at", "updated_at")
                .values(SQLBind(id.rawValue), SQLBind(tenant.rawValue), SQLBind(definition.code), SQLBind(definition.name),
                        bindOrNull(definition.maxDurationSeconds), bindOrNull(definition.maxPerShift),
                        bindOrNull(definition.maxConcurrentPerTeam), SQLBind(definition.active),
                        SQLBind(definition.sortOrder), SQLBind(now), SQLBind(now))
                .run()
            return try await fetch(tenant, id, on: db)
        }
    }

    /// Replaces a reason's definition.
    public func update(_ tenant: TenantID, _ id: NotReadyReasonID, _ definition: NotReadyReasonDefinition) async throws -> NotReadyReason {
        try Self.validate(definition)
        return try await context.write("updating not-ready reason \(id)") { db in
            _ = try await fetch(tenant, id, on: db)
            try await checkCodeFree(tenant, definition.code, excluding: id, on: db)
            try await db.update("not_ready_reasons")
                .set("code", to: SQLBind(definition.code)).set("name", to: SQLBind(definition.name))
                .set("max_duration_seconds", to: bindOrNull(definition.maxDurationSeconds))
                .set("max_per_shift", to: bindOrNull(definition.maxPerShift))
                .set("max_concurrent_per_team", to: bindOrNull(definition.maxConcurrentPerTeam))
                .set("active", to: SQLBind(definition.active)).set("sort_order", to: SQLBind(definition.sortOrder))
                .set("updated_at", to: SQLBind(context.nowMilliseconds))
                .where("tenant_id", .equal, SQLBind(tenant.rawValue)).where("id", .equal, SQLBind(id.rawValue))
                .run()
            return try await fetch(tenant, id, on: db)
        }
    }

    /// Every reason of the tenant in call-bar order.
    public func list(_ tenant: TenantID) async throws -> [NotReadyReason] {
        try await context.read("listing not-ready reasons") { db in
            try await db.select().column("*").from("not_ready_reasons")
                .where("tenant_id", .equal, SQLBind(tenant.rawValue))
                .orderBy("sort_order").orderBy("code").all().map(Self.reason)
        }
    }

    /// The reason with this code, if any.
    public func find(_ tenant: TenantID, code: String) async throws -> NotReadyReason? {
        try await list(tenant).first { $0.code == code }
    }

    /// Deletes a reason (the state history keeps its code).
    public func delete(_ tenant: TenantID, _ id: NotReadyReasonID) async throws {
        try await context.write("deleting not-ready reason \(id)") { db in
            try await TenantRows.delete("not_ready_reasons", tenant, id: id.rawValue, kind: "not-ready reason", on: db)
        }
    }

    static func validate(_ definition: NotReadyReasonDefinition) throws {
        var issues = IssueCollector()
        if let reason = Validate.code(definition.code) { issues.add("code", definition.code, reason) }
        if let reason = Validate.name(definition.name, limit: 64) { issues.add("name", definition.name, reason) }
        let limits: [(String, Int?, ClosedRange<Int>)] = [
            ("max_duration_seconds", definition.maxDurationSeconds, 1...86_400),
            ("max_per_shift", definition.maxPerShift, 1...1_000),
            ("max_concurrent_per_team", definition.maxConcurrentPerTeam, 1...10_000),
        ]
        for (field, value, range) in limits {
            if let value, let reason = Validate.within(value, range) { issues.add(field, String(value), reason) }
        }
        try issues.throwIfAny()
    }

    private func checkCodeFree(_ tenant: TenantID, _ code: String, excluding: NotReadyReasonID?, on db: any SQLDatabase) async throws {
        if try await TenantRows.holder("not_ready_reasons", tenant, column: "code", value: code, excluding: excluding?.rawValue, on: db) != nil {
            throw StoreError.invalid("code", code, "the tenant already has a not-ready reason with this code")
        }
    }

    private func fetch(_ tenant: TenantID, _ id: NotReadyReasonID, on db: any SQLDatabase) async throws -> NotReadyReason {
        guard let row = try await db.select().column("*").from("not_ready_reasons")
            .where("tenant_id", .equal, SQLBind(tenant.rawValue)).where("id", .equal, SQLBind(id.rawValue)).first()
        else { throw StoreError.notFound(kind: "not-ready reason", key: id.rawValue) }
        return try Self.reason(row)
    }

    static func reason(_ row: any SQLRow) throws -> NotReadyReason {
        NotReadyReason(
            id: try row.id("id"), tenantID: try row.id("tenant_id"),
            definition: NotReadyReasonDefinition(
                code: try row.string("code"), name: try row.string("name"),
                maxDurationSeconds: try row.optionalInt("max_duration_seconds"),
                maxPerShift: try row.optionalInt("max_per_shift"),
                maxConcurrentPerTeam: try row.optionalInt("max_concurrent_per_team"),
                active: try row.bool("active"), sortOrder: try row.int("sort_order")),
            createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
    }
}
