// Customers of a tenant and the lookup by calling number.
import Foundation
import SQLKit

/// A tenant's customers.
public struct CustomerRepository: Sendable {
    let context: DatabaseContext

    /// Creates a customer; each number must not belong to another customer of the tenant.
    public func create(_ tenant: TenantID, _ definition: CustomerDefinition, id: CustomerID = .generate()) async throws -> Customer {
        try Self.validate(definition)
        return try await context.write("creating a customer") { db in
            try await TenantRows.requireTenant(tenant, on: db)
            try await checkNumbers(tenant, id, definition, on: db)
            let now = context.nowMilliseconds
            try await db.insert(into: "customers").columns("id", "tenant_id", "name", "vip_tier", "notes", "created_at", "updated_at")
                .values(SQLBind(id.rawValue), SQLBind(tenant.rawValue), SQLBind(definition.name), SQLBind(definition.vipTier),
                        SQLBind(definition.notes), SQLBind(now), SQLBind(now))
                .run()
            try await writeNumbers(tenant, id, definition.numbers, on: db)
            return try await fetch(tenant, id, on: db)
        }
    }

    /// Replaces a customer's definition.
    public func update(_ tenant: TenantID, _ id: CustomerID, _ definition: CustomerDefinition) async throws -> Customer {
        try Self.validate(definition)
        return try await context.write("updating customer \(id)") { db in
            _ = try await fetch(tenant, id, on: db)
            try await checkNumbers(tenant, id, definition, on: db)
            try await db.update("customers").set("name", to: SQLBind(definition.name))
                .set("vip_tier", to: SQLBind(definition.vipTier)).set("notes", to: SQLBind(definition.notes))
                .set("updated_at", to: SQLBind(context.nowMilliseconds))
                .where("tenant_id", .equal, SQLBind(tenant.rawValue)).where("id", .equal, SQLBind(id.rawValue)).run()
            try await db.delete(from: "customer_numbers").where("tenant_id", .equal, SQLBind(tenant.rawValue))
                .where("customer_id", .equal, SQLBind(id.rawValue)).run()
            try await writeNumbers(tenant, id, definition.numbers, on: db)
            return try await fetch(tenant, id, on: db)
        }
    }

    /// The customer, or ``StoreError/notFound(kind:key:)``.
    public func get(_ tenant: TenantID, _ id: CustomerID) async throws -> Customer {
        try await context.read("reading customer \(id)") { db in try await fetch(tenant, id, on: db) }
    }

    /// The customer calling from `number`, if known (screen pop, VIP recognition).
    public func find(_ tenant: TenantID, number: String) async throws -> Customer? {
        try await context.read("finding a customer by number") { db in
            guard let row = try await db.select().column("customer_id").from("customer_numbers")
                .where("tenant_id", .equal, SQLBind(tenant.rawValue)).where("number", .equal, SQLBind(number)).first()
            else { return nil }
            return try await fetch(tenant, try row.id("customer_id"), on: db)
        }
    }

    /// Customers whose name contains `text` (or all), by name, at most `limit`.
    public func search(_ tenant: TenantID, nameContaining text: String = "", limit: Int = 50) async throws -> [Customer] {
        try await context.read("searching customers") { db in
            var query = db.select().column("id").from("customers").where("tenant_id", .equal, SQLBind(tenant.rawValue))
            if !text.isEmpty { query = query.where("name", .like, SQLBind("%\(text)%")) }
            var customers: [Customer] = []
            for row in try await query.orderBy("name").limit(max(1, min(limit, 500))).all() {
                customers.append(try await fetch(tenant, try row.id("id"), on: db))
            }
            return customers
        }
    }

    /// Deletes a customer and its numbers.
    public func delete(_ tenant: TenantID, _ id: CustomerID) async throws {
        try await context.write("deleting customer \(id)") { db in
            try await TenantRows.delete("customers", tenant, id: id.rawValue, kind: "customer", on: db)
        }
    }

    static func validate(_ definition: CustomerDefinition) throws {
        var issues = IssueCollector()
        if let reason = Validate.name(definition.name, limit: 200) { issues.add("name", definition.name, reason) }
        if let reason = Validate.within(definition.vipTier, 0...9) { issues.add("vip_tier", String(definition.vipTier), reason) }
        if definition.notes.count > 10_000 { issues.add("notes", nil, "must be at most 10000 characters") }
        for (index, number) in definition.numbers.enumerated() {
            if let reason = Validate.phoneNumber(number) { issues.add("numbers[\(index)]", number, reason) }
        }
        for duplicate in Validate.duplicates(definition.numbers) { issues.add("numbers", duplicate, "is listed twice") }
        try issues.throwIfAny()
    }

    private func checkNumbers(_ tenant: TenantID, _ id: CustomerID, _ definition: CustomerDefinition, on db: any SQLDatabase) async throws {
        var issues = IssueCollector()
        for (index, number) in definition.numbers.enumerated() {
            if let row = try await db.select().column("customer_id").from("customer_numbers")
                .where("tenant_id", .equal, SQLBind(tenant.rawValue)).where("number", .equal, SQLBind(number))
                .where("customer_id", .notEqual, SQLBind(id.rawValue)).first() {
                issues.add("numbers[\(index)]", number, "already belongs to customer \(try row.string("customer_id"))")
            }
        }
        try issues.throwIfAny()
    }

    private func writeNumbers(_ tenant: TenantID, _ id: CustomerID, _ numbers: [String], on db: any SQLDatabase) async throws {
        for number in numbers {
            try await db.insert(into: "customer_numbers").columns("tenant_id", "number", "customer_id")
                .values(SQLBind(tenant.rawValue), SQLBind(number), SQLBind(id.rawValue)).run()
        }
    }

    private func fetch(_ tenant: TenantID, _ id: CustomerID, on db: any SQLDatabase) async throws -> Customer {
        guard let row = try await db.select().column("*").from("customers")
            .where("tenant_id", .equal, SQLBind(tenant.rawValue)).where("id", .equal, SQLBind(id.rawValue)).first()
        else { throw StoreError.notFound(kind: "customer", key: id.rawValue) }
        let numbers = try await db.select().column("number").from("customer_numbers")
            .where("tenant_id", .equal, SQLBind(tenant.rawValue)).where("customer_id", .equal, SQLBind(id.rawValue))
            .orderBy("number").all().map { try $0.string("number") }
        return Customer(
            id: id, tenantID: tenant,
            definition: CustomerDefinition(name: try row.string("name"), vipTier: try row.int("vip_tier"),
                                           notes: try row.string("notes"), numbers: numbers),
            createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
    }
}
