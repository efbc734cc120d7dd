// Checks every repository makes inside its transaction: does this id belong to this
// tenant, is this name free within the tenant.
import SQLKit

enum TenantRows {
    /// Whether `table` has a row `id` owned by `tenant`.
    static func exists(_ table: String, _ tenant: TenantID, id: String, on db: any SQLDatabase) async throws -> Bool {
        try await db.select().column("id").from(table)
            .where("tenant_id", .equal, SQLBind(tenant.rawValue))
            .where("id", .equal, SQLBind(id))
            .first() != nil
    }

    /// Which of `ids` are not rows of `table` owned by `tenant`.
    static func missing(_ table: String, _ tenant: TenantID, ids: [String], on db: any SQLDatabase) async throws -> Set<String> {
        guard !ids.isEmpty else { return [] }
        let rows = try await db.select().column("id").from(table)
            .where("tenant_id", .equal, SQLBind(tenant.rawValue))
            .where("id", .in, SQLBind.group(Array(Set(ids))))
            .all()
        let found = Set(try rows.map { try $0.string("id") })
        return Set(ids).subtracting(found)
    }

    /// The id of another row of `tenant` in `table` whose `column` equals `value`, if any.
    static func holder(
        _ table: String, _ tenant: TenantID, column: String, value: String, excluding: String?, on db: any SQLDatabase
    ) async throws -> String? {
        var query = db.select().column("id").from(table)
            .where("tenant_id", .equal, SQLBind(tenant.rawValue))
            .where(SQLIdentifier(column), .equal, SQLBind(value))
        if let excluding { query = query.where("id", .notEqual, SQLBind(excluding)) }
        return try await query.first().map { try $0.string("id") }
    }

    /// Throws ``StoreError/notFound(kind:key:)`` unless the tenant exists.
    static func requireTenant(_ tenant: TenantID, on db: any SQLDatabase) async throws {
        if try await db.select().column("id").from("tenants").where("id", .equal, SQLBind(tenant.rawValue)).first() == nil {
            throw StoreError.notFound(kind: "tenant", key: tenant.rawValue)
        }
    }

    /// Throws ``StoreError/notFound(kind:key:)`` unless `table` has row `id` owned by `tenant`.
    static func require(_ table: String, _ tenant: TenantID, id: String, kind: String, on db: any SQLDatabase) async throws {
        if try await !exists(table, tenant, id: id, on: db) {
            throw StoreError.notFound(kind: kind, key: id)
        }
    }

    /// Deletes row `id` of `tenant` from `table`; throws ``StoreError/notFound(kind:key:)``
    /// when the tenant has no such row.
    static func delete(_ table: String, _ tenant: TenantID, id: String, kind: String, on db: any SQLDatabase) async throws {
        try await require(table, tenant, id: id, kind: kind, on: db)
        try await db.delete(from: table)
            .where("tenant_id", .equal, SQLBind(tenant.rawValue))
            .where("id", .equal, SQLBind(id))
            .run()
    }
}
