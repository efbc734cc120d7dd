// Sites, partners and teams of a tenant: small aggregates that share one repository.
import Foundation
import SQLKit

/// A tenant's sites, partner companies and teams.
///
/// A site or partner still used by a team or an agent cannot be deleted (the error says
/// which); deleting a team takes its agents out of it.
public struct OrganizationRepository: Sendable {
    let context: DatabaseContext

    // MARK: Sites

    /// Creates a site.
    public func createSite(_ tenant: TenantID, _ definition: SiteDefinition, id: SiteID = .generate()) async throws -> Site {
        try checkName(definition.name)
        return try await context.write("creating site \(definition.name)") { db in
            try await TenantRows.requireTenant(tenant, on: db)
            try await checkNameFree("sites", "site", tenant, definition.name, excluding: nil, on: db)
            let now = context.nowMilliseconds
            try await db.insert(into: "sites")
                .columns("id", "tenant_id", "name", "region", "created_at", "updated_at")
                .values(SQLBind(id.rawValue), SQLBind(tenant.rawValue), SQLBind(definition.name),
                        SQLBind(definition.region), SQLBind(now), SQLBind(now))
                .run()
            return try await site(tenant, id, on: db)
        }
    }

    /// Replaces a site's definition.
    public func updateSite(_ tenant: TenantID, _ id: SiteID, _ definition: SiteDefinition) async throws -> Site {
        try checkName(definition.name)
        return try await context.write("updating site \(id)") { db in
            try await TenantRows.require("sites", tenant, id: id.rawValue, kind: "site", on: db)
            try await checkNameFree("sites", "site", tenant, definition.name, excluding: id.rawValue, on: db)
            try await db.update("sites")
                .set("name", to: SQLBind(definition.name)).set("region", to: SQLBind(definition.region))
                .set("updated_at", to: SQLBind(context.nowMilliseconds))
                .where("tenant_id", .equal, SQLBind(tenant.rawValue)).where("id", .equal, SQLBind(id.rawValue))
                .run()
            return try await site(tenant, id, on: db)
        }
    }

    /// Every site of the tenant, by name.
    public func sites(_ tenant: TenantID) async throws -> [Site] {
        try await context.read("listing sites") { db in
            try await db.select().column("*").from("sites").where("tenant_id", .equal, SQLBind(tenant.rawValue))
                .orderBy("name").all().map(Self.site)
        }
    }

    /// Deletes a site no team or agent uses.
    public func deleteSite(_ tenant: TenantID, _ id: SiteID) async throws {
        try await context.write("deleting site \(id)") { db in
            try await refuseIfUsed(tenant, column: "site_id", id: id.rawValue, kind: "site", on: db)
            try await TenantRows.delete("sites", tenant, id: id.rawValue, kind: "site", on: db)
        }
    }

    // MARK: Partners

    /// Creates a partner company.
    public func createPartner(_ tenant: TenantID, _ definition: PartnerDefinition, id: PartnerID = .generate()) async throws -> Partner {
        try checkName(definition.name)
        return try await context.write("creating partner \(definition.name)") { db in
            try await TenantRows.requireTenant(tenant, on: db)
            try await checkNameFree("partners", "partner", tenant, definition.name, excluding: nil, on: db)
            let now = context.nowMilliseconds
            try await db.insert(into: "partners")
                .columns("id", "tenant_id", "name", "regions", "created_at", "updated_at")
                .values(SQLBind(id.rawValue), SQLBind(tenant.rawValue), SQLBind(definition.name),
                        SQLBind(JSONValue.array(definition.regions.map(JSONValue.string)).canonicalText),
                        SQLBind(now), SQLBind(now))
                .run()
            return try await partner(tenant, id, on: db)
        }
    }

    /// Replaces a partner's definition.
    public func updatePartner(_ tenant: TenantID, _ id: PartnerID, _ definition: PartnerDefinition) async throws -> Partner {
        try checkName(definition.name)
        return try await context.write("updating partner \(id)") { db in
            try await TenantRows.require("partners", tenant, id: id.rawValue, kind: "partner", on: db)
            try await checkNameFree("partners", "partner", tenant, definition.name, excluding: id.rawValue, on: db)
            try await db.update("partners")
                .set("name", to: SQLBind(definition.name))
                .set("regions", to: SQLBind(JSONValue.array(definition.regions.map(JSONValue.string)).canonicalText))
                .set("updated_at", to: SQLBind(context.nowMilliseconds))
                .where("tenant_id", .equal, SQLBind(tenant.rawValue)).where("id", .equal, SQLBind(id.rawValue))
                .run()
            return try await partner(tenant, id, on: db)
        }
    }

    /// Every partner of the tenant, by name.
    public func partners(_ tenant: TenantID) async throws -> [Partner] {
        try await context.read("listing partners") { db in
            try await db.select().column("*").from("partners").where("tenant_id", .equal, SQLBind(tenant.rawValue))
                .orderBy("name").all().map(Self.partner)
        }
    }

    /// Deletes a partner no team, agent or user uses.
    public func deletePartner(_ tenant: TenantID, _ id: PartnerID) async throws {
        try await context.write("deleting partner \(id)") { db in
            try await refuseIfUsed(tenant, column: "partner_id", id: id.rawValue, kind: "partner", on: db)
            if try await db.select().column("id").from("users")
                .where("tenant_id", .equal, SQLBind(tenant.rawValue)).where("partner_id", .equal, SQLBind(id.rawValue)).first() != nil {
                throw StoreError.invalid("partner", id.rawValue, "users still belong to this partner; move or delete them first")
            }
            try await TenantRows.delete("partners", tenant, id: id.rawValue, kind: "partner", on: db)
        }
    }

    // MARK: Teams

    /// Creates a team.
    public func createTeam(_ tenant: TenantID, _ definition: TeamDefinition, id: TeamID = .generate()) async throws -> Team {
        try checkName(definition.name)
        return try await context.write("creating team \(definition.name)") { db in
            try await TenantRows.requireTenant(tenant, on: db)
            try await checkNameFree("teams", "team", tenant, definition.name, excluding: nil, on: db)
            try await checkReferences(tenant, definition, on: db)
            let now = context.nowMilliseconds
            try await db.insert(into: "teams")
                .columns("id", "tenant_id", "name", "site_id", "partner_id", "created_at", "updated_at")
                .values(SQLBind(id.rawValue), SQLBind(tenant.rawValue), SQLBind(definition.name),
                        bindOrNull(definition.siteID?.rawValue), bindOrNull(definition.partnerID?.rawValue),
                        SQLBind(now), SQLBind(now))
                .run()
            return try await team(tenant, id, on: db)
        }
    }

    /// Replaces a team's definition.
    public func updateTeam(_ tenant: TenantID, _ id: TeamID, _ definition: TeamDefinition) async throws -> Team {
        try checkName(definition.name)
        return try await context.write("updating team \(id)") { db in
            try await TenantRows.require("teams", tenant, id: id.rawValue, kind: "team", on: db)
            try await checkNameFree("teams", "team", tenant, definition.name, excluding: id.rawValue, on: db)
            try await checkReferences(tenant, definition, on: db)
            try await db.update("teams")
                .set("name", to: SQLBind(definition.name))
                .set("site_id", to: bindOrNull(definition.siteID?.rawValue))
                .set("partner_id", to: bindOrNull(definition.partnerID?.rawValue))
                .set("updated_at", to: SQLBind(context.nowMilliseconds))
                .where("tenant_id", .equal, SQLBind(tenant.rawValue)).where("id", .equal, SQLBind(id.rawValue))
                .run()
            return try await team(tenant, id, on: db)
        }
    }

    /// Every team of the tenant, by name.
    public func teams(_ tenant: TenantID) async throws -> [Team] {
        try await context.read("listing teams") { db in
            try await db.select().column("*").from("teams").where("tenant_id", .equal, SQLBind(tenant.rawValue))
                .orderBy("name").all().map(Self.team)
        }
    }

    /// Deletes a team; its agents are left without a team.
    public func deleteTeam(_ tenant: TenantID, _ id: TeamID) async throws {
        try await context.write("deleting team \(id)") { db in
            try await TenantRows.require("teams", tenant, id: id.rawValue, kind: "team", on: db)
            try await db.update("agents").set("team_id", to: SQLLiteral.null)
                .where("tenant_id", .equal, SQLBind(tenant.rawValue)).where("team_id", .equal, SQLBind(id.rawValue)).run()
            try await TenantRows.delete("teams", tenant, id: id.rawValue, kind: "team", on: db)
        }
    }

    // MARK: Internals

    private func checkName(_ name: String) throws {
        if let reason = Validate.name(name, limit: 100) { throw StoreError.invalid("name", name, reason) }
    }

    private func checkNameFree(
        _ table: String, _ kind: String, _ tenant: TenantID, _ name: String, excluding: String?, on db: any SQLDatabase
    ) async throws {
        if try await TenantRows.holder(table, tenant, column: "name", value: name, excluding: excluding, on: db) != nil {
            throw StoreError.invalid("name", name, "the tenant already has a \(kind) with this name")
        }
    }

    private func checkReferences(_ tenant: TenantID, _ definition: TeamDefinition, on db: any SQLDatabase) async throws {
        var issues = IssueCollector()
        if let site = definition.siteID, try await !TenantRows.exists("sites", tenant, id: site.rawValue, on: db) {
            issues.add("site", site.rawValue, "no such site in this tenant")
        }
        if let partner = definition.partnerID, try await !TenantRows.exists("partners", tenant, id: partner.rawValue, on: db) {
            issues.add("partner", partner.rawValue, "no such partner in this tenant")
        }
        try issues.throwIfAny()
    }

    private func refuseIfUsed(_ tenant: TenantID, column: String, id: String, kind: String, on db: any SQLDatabase) async throws {
        for (table, what) in [("teams", "teams"), ("agents", "agents")] {
            if try await db.select().column("id").from(table)
                .where("tenant_id", .equal, SQLBind(tenant.rawValue))
                .where(SQLIdentifier(column), .equal, SQLBind(id)).first() != nil {
                throw StoreError.invalid(kind, id, "\(what) still belong to this \(kind); move them first")
            }
        }
    }

    private func site(_ tenant: TenantID, _ id: SiteID, on db: any SQLDatabase) async throws -> Site {
        guard let row = try await db.select().column("*").from("sites")
            .where("tenant_id", .equal, SQLBind(tenant.rawValue)).where("id", .equal, SQLBind(id.rawValue)).first()
        else { throw StoreError.notFound(kind: "site", key: id.rawValue) }
        return try Self.site(row)
    }

    private func partner(_ tenant: TenantID, _ id: PartnerID, on db: any SQLDatabase) async throws -> Partner {
        guard let row = try await db.select().column("*").from("partners")
            .where("tenant_id", .equal, SQLBind(tenant.rawValue)).where("id", .equal, SQLBind(id.rawValue)).first()
        else { throw StoreError.notFound(kind: "partner", key: id.rawValue) }
        return try Self.partner(row)
    }

    private func team(_ tenant: TenantID, _ id: TeamID, on db: any SQLDatabase) async throws -> Team {
        guard let row = try await db.select().column("*").from("teams")
            .where("tenant_id", .equal, SQLBind(tenant.rawValue)).where("id", .equal, SQLBind(id.rawValue)).first()
        else { throw StoreError.notFound(kind: "team", key: id.rawValue) }
        return try Self.team(row)
    }

    static func site(_ row: any SQLRow) throws -> Site {
        Site(id: try row.id("id"), tenantID: try row.id("tenant_id"),
             definition: SiteDefinition(name: try row.string("name"), region: try row.string("region")),
             createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
    }

    static func partner(_ row: any SQLRow) throws -> Partner {
        let regions = (try? JSONValue(parsing: try row.string("regions")))?.arrayValue?.compactMap(\.stringValue) ?? []
        return Partner(id: try row.id("id"), tenantID: try row.id("tenant_id"),
                       definition: PartnerDefinition(name: try row.string("name"), regions: regions),
                       createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
    }

    static func team(_ row: any SQLRow) throws -> Team {
        Team(id: try row.id("id"), tenantID: try row.id("tenant_id"),
             definition: TeamDefinition(name: try row.string("name"), siteID: try row.optionalID("site_id"),
                                        partnerID: try row.optionalID("partner_id")),
             createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
    }
}
