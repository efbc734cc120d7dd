// Access numbers: a tenant's numbers, and the call path's lookup by dialled number.
import Foundation
import SQLKit

/// Access numbers of every tenant.
///
/// A number belongs to exactly one tenant across the platform; assigning one that another
/// tenant holds is refused without naming that tenant.
public struct AccessNumberRepository: Sendable {
    let context: DatabaseContext

    /// Assigns a number to the tenant.
    public func create(_ tenant: TenantID, _ definition: AccessNumberDefinition, id: AccessNumberID = .generate()) async throws -> AccessNumber {
        try Self.validate(definition)
        return try await context.write("creating access number \(definition.number)") { db in
            try await TenantRows.requireTenant(tenant, on: db)
            try await checkReferences(tenant, id, definition, on: db)
            let now = context.nowMilliseconds
            try await db.insert(into: "access_numbers")
                .columns("id", "tenant_id", "number", "purpose", "carrier", "inbound", "outbound", "flow_id", "rules",
                         "created_at", "updated_at")
                .values(SQLBind(id.rawValue), SQLBind(tenant.rawValue), SQLBind(definition.number),
                        SQLBind(definition.purpose), SQLBind(definition.carrier), SQLBind(definition.inbound),
                        SQLBind(definition.outbound), bindOrNull(definition.flowID?.rawValue),
                        SQLBind(definition.rules.canonicalText), SQLBind(now), SQLBind(now))
                .run()
            return try await fetch(tenant, id, on: db)
        }
    }

    /// Replaces a number's definition.
    public func update(_ tenant: TenantID, _ id: AccessNumberID, _ definition: AccessNumberDefinition) async throws -> AccessNumber {
        try Self.validate(definition)
        return try await context.write("updating access number \(id)") { db in
            _ = try await fetch(tenant, id, on: db)
            try await checkReferences(tenant, id, definition, on: db)
            try await db.update("access_numbers")
                .set("number", to: SQLBind(definition.number)).set("purpose", to: SQLBind(definition.purpose))
                .set("carrier", to: SQLBind(definition.carrier)).set("inbound", to: SQLBind(definition.inbound))
                .set("outbound", to: SQLBind(definition.outbound))
                .set("flow_id", to: bindOrNull(definition.flowID?.rawValue))
                .set("rules", to: SQLBind(definition.rules.canonicalText))
                .set("updated_at", to: SQLBind(context.nowMilliseconds))
                .where("tenant_id", .equal, SQLBind(tenant.rawValue)).where("id", .equal, SQLBind(id.rawValue))
                .run()
            return try await fetch(tenant, id, on: db)
        }
    }

    /// The number, or ``StoreError/notFound(kind:key:)``.
    public func get(_ tenant: TenantID, _ id: AccessNumberID) async throws -> AccessNumber {
        try await context.read("reading access number \(id)") { db in try await fetch(tenant, id, on: db) }
    }

    /// The tenant's number with these digits, if the tenant has it.
    public func find(_ tenant: TenantID, number: String) async throws -> AccessNumber? {
        try await context.read("finding access number \(number)") { db in
            try await db.select().column("*").from("access_numbers")
                .where("tenant_id", .equal, SQLBind(tenant.rawValue)).where("number", .equal, SQLBind(number))
                .first().map(Self.accessNumber)
        }
    }

    /// Every number of the tenant.
    public func list(_ tenant: TenantID) async throws -> [AccessNumber] {
        try await context.read("listing access numbers") { db in
            try await db.select().column("*").from("access_numbers")
                .where("tenant_id", .equal, SQLBind(tenant.rawValue)).orderBy("number").all().map(Self.accessNumber)
        }
    }

    /// The tenant's numbers that may present as caller ID on outgoing legs (outbound flag on).
    public func outboundCallerIDs(_ tenant: TenantID) async throws -> [String] {
        try await list(tenant).filter(\.outbound).map(\.number)
    }

    /// Releases a number from the tenant.
    public func delete(_ tenant: TenantID, _ id: AccessNumberID) async throws {
        try await context.write("deleting access number \(id)") { db in
            try await TenantRows.delete("access_numbers", tenant, id: id.rawValue, kind: "access number", on: db)
        }
    }

    /// The call path's lookup: which tenant owns the dialled number, with its flags, flow
    /// and rules (platform level: this is how a call finds its tenant). One indexed read.
    public func lookup(dialled number: String) async throws -> AccessNumber? {
        try await context.read("looking up dialled number") { db in
            try await db.select().column("*").from("access_numbers")
                .where("number", .equal, SQLBind(number)).first().map(Self.accessNumber)
        }
    }

    // MARK: Internals

    static func validate(_ definition: AccessNumberDefinition) throws {
        var issues = IssueCollector()
        if let reason = Validate.phoneNumber(definition.number) { issues.add("number", definition.number, reason) }
        if let reason = Validate.name(definition.purpose, limit: 64) { issues.add("purpose", definition.purpose, reason) }
        if definition.carrier.count > 100 { issues.add("carrier", definition.carrier, "must be at most 100 characters") }
        if !definition.inbound && !definition.outbound {
            issues.add("inbound", "false", "a number must be registered for inbound, outbound or both")
        }
        try issues.throwIfAny()
    }

    private func checkReferences(_ tenant: TenantID, _ id: AccessNumberID, _ definition: AccessNumberDefinition, on db: any SQLDatabase) async throws {
        var issues = IssueCollector()
        if let holder = try await db.select().column("tenant_id").from("access_numbers")
            .where("number", .equal, SQLBind(definition.number)).where("id", .notEqual, SQLBind(id.rawValue)).first() {
            let sameTenant = try holder.string("tenant_id") == tenant.rawValue
            issues.add("number", definition.number, sameTenant
                ? "the tenant already has this number"
                : "is assigned to another tenant; a number belongs to one tenant only")
        }
        if let flow = definition.flowID, try await !TenantRows.exists("flows", tenant, id: flow.rawValue, on: db) {
            issues.add("flow", flow.rawValue, "no such flow in this tenant")
        }
        let references = try await DocumentReferences.load(tenant, on: db)
        issues.add(contentsOf: context.documentValidator.validate(definition.rules, kind: .inboundRules, references: references),
                   prefix: "rules")
        try issues.throwIfAny()
    }

    private func fetch(_ tenant: TenantID, _ id: AccessNumberID, on db: any SQLDatabase) async throws -> AccessNumber {
        guard let row = try await db.select().column("*").from("access_numbers")
            .where("tenant_id", .equal, SQLBind(tenant.rawValue)).where("id", .equal, SQLBind(id.rawValue)).first()
        else { throw StoreError.notFound(kind: "access number", key: id.rawValue) }
        return try Self.accessNumber(row)
    }

    static func accessNumber(_ row: any SQLRow) throws -> AccessNumber {
        AccessNumber(
            id: try row.id("id"), tenantID: try row.id("tenant_id"),
            definition: AccessNumberDefinition(
                number: try row.string("number"), purpose: try row.string("purpose"), carrier: try row.string("carrier"),
                inbound: try row.bool("inbound"), outbound: try row.bool("outbound"), flowID: try row.optionalID("flow_id"),
                rules: try JSONValue(parsing: try row.string("rules"))),
            createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
    }
}
