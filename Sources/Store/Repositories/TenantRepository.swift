// Tenants: created and changed by platform operators, read by everything.
import Foundation
import SQLKit

/// The tenants of the platform.
///
/// These are platform-level operations (the tenant is what they manage); every other
/// repository is scoped by the tenant id these return.
public struct TenantRepository: Sendable {
    let context: DatabaseContext

    /// Creates a tenant; refuses a code or SIP domain another tenant uses.
    public func create(_ definition: TenantDefinition, id: TenantID = .generate()) async throws -> Tenant {
        try Self.validate(definition)
        return try await context.write("creating tenant \(definition.code)") { db in
            try await checkUnique(definition, excluding: nil, on: db)
            let now = context.nowMilliseconds
            try await db.insert(into: "tenants")
                .columns("id", "code", "name", "time_zone", "sip_domain", "seat_quota", "ivr_port_quota",
                         "max_concurrent_calls", "max_calls_per_second",
                         "masking_policy", "retention_days", "status", "created_at", "updated_at")
                .values(SQLBind(id.rawValue), SQLBind(definition.code), SQLBind(definition.name),
                        SQLBind(definition.timeZone), SQLBind(definition.sipDomain),
                        SQLBind(definition.quotas.seats), SQLBind(definition.quotas.ivrPorts),
                        SQLBind(definition.quotas.maxConcurrentCalls), SQLBind(definition.quotas.maxCallsPerSecond),
                        SQLBind(definition.maskingPolicy.rawValue), SQLBind(definition.retentionDays),
                        SQLBind(definition.status.rawValue), SQLBind(now), SQLBind(now))
                .run()
            try await writeCalendar(id, definition.calendar, on: db)
            return try await fetch(id, on: db)
        }
    }

    /// Replaces a tenant's definition.
    public func update(_ tenant: TenantID, _ definition: TenantDefinition) async throws -> Tenant {
        try Self.validate(definition)
        return try await context.write("updating tenant \(tenant)") { db in
            _ = try await fetch(tenant, on: db)
            try await checkUnique(definition, excluding: tenant, on: db)
            try await db.update("tenants")
                .set("code", to: SQLBind(definition.code))
                .set("name", to: SQLBind(definition.name))
                .set("time_zone", to: SQLBind(definition.timeZone))
                .set("sip_domain", to: SQLBind(definition.sipDomain))
                .set("seat_quota", to: SQLBind(definition.quotas.seats))
                .set("ivr_port_quota", to: SQLBind(definition.quotas.ivrPorts))
                .set("max_concurrent_calls", to: SQLBind(definition.quotas.maxConcurrentCalls))
                .set("max_calls_per_second", to: SQLBind(definition.quotas.maxCallsPerSecond))
                .set("masking_policy", to: SQLBind(definition.maskingPolicy.rawValue))
                .set("retention_days", to: SQLBind(definition.retentionDays))
                .set("status", to: SQLBind(definition.status.rawValue))
                .set("updated_at", to: SQLBind(context.nowMilliseconds))
                .where("id", .equal, SQLBind(tenant.rawValue))
                .run()
            try await db.delete(from: "tenant_calendar_days").where("tenant_id", .equal, SQLBind(tenant.rawValue)).run()
            try await writeCalendar(tenant, definition.calendar, on: db)
            return try await fetch(tenant, on: db)
        }
    }

    /// The tenant with this id; throws ``StoreError/notFound(kind:key:)`` when there is none.
    public func get(_ tenant: TenantID) async throws -> Tenant {
        try await context.read("reading tenant \(tenant)") { db in try await fetch(tenant, on: db) }
    }

    /// The tenant with this code, if any.
    public func find(code: String) async throws -> Tenant? {
        try await context.read("finding tenant \(code)") { db in
            guard let row = try await db.select().column("id").from("tenants")
                .where("code", .equal, SQLBind(code)).first()
            else { return nil }
            return try await fetch(try row.id("id"), on: db)
        }
    }

    /// Every tenant, by code.
    public func list() async throws -> [Tenant] {
        try await context.read("listing tenants") { db in
            let rows = try await db.select().column("*").from("tenants").orderBy("code").all()
            let days = try await db.select().column("*").from("tenant_calendar_days").orderBy("calendar_date").all()
            var calendars: [String: [CalendarDay]] = [:]
            for row in days {
                calendars[try row.string("tenant_id"), default: []].append(try Self.calendarDay(row))
            }
            return try rows.map { try Self.tenant($0, calendar: calendars[try $0.string("id")] ?? []) }
        }
    }

    /// Deletes a tenant and everything it owns (configuration and records).
    public func delete(_ tenant: TenantID) async throws {
        try await context.write("deleting tenant \(tenant)") { db in
            _ = try await fetch(tenant, on: db)
            // Rows that point at each other inside the tenant go first, so no foreign key
            // blocks the cascade.
            try await db.raw("UPDATE queues SET overflow_queue_id = NULL, music_on_hold_prompt_id = NULL WHERE tenant_id = \(bind: tenant.rawValue)").run()
            try await db.raw("UPDATE access_numbers SET flow_id = NULL WHERE tenant_id = \(bind: tenant.rawValue)").run()
            try await db.raw("UPDATE mailboxes SET greeting_prompt_id = NULL, queue_id = NULL WHERE tenant_id = \(bind: tenant.rawValue)").run()
            try await db.raw("UPDATE users SET agent_id = NULL WHERE tenant_id = \(bind: tenant.rawValue)").run()
            try await db.raw("UPDATE agents SET team_id = NULL, site_id = NULL, partner_id = NULL WHERE tenant_id = \(bind: tenant.rawValue)").run()
            try await db.raw("UPDATE users SET partner_id = NULL WHERE tenant_id = \(bind: tenant.rawValue)").run()
            try await db.raw("UPDATE teams SET site_id = NULL, partner_id = NULL WHERE tenant_id = \(bind: tenant.rawValue)").run()
            try await db.delete(from: "tenants").where("id", .equal, SQLBind(tenant.rawValue)).run()
        }
    }

    // MARK: - Internals

    static func validate(_ definition: TenantDefinition) throws {
        var issues = IssueCollector()
        if let reason = Validate.code(definition.code) { issues.add("code", definition.code, reason) }
        if let reason = Validate.name(definition.name) { issues.add("name", definition.name, reason) }
        if let reason = Validate.timeZone(definition.timeZone) { issues.add("time_zone", definition.timeZone, reason) }
        if let reason = Validate.domain(definition.sipDomain) { issues.add("sip_domain", definition.sipDomain, reason) }
        if let reason = Validate.within(definition.quotas.seats, 0...100_000) {
            issues.add("quotas.seats", String(definition.quotas.seats), reason)
        }
        if let reason = Validate.within(definition.quotas.ivrPorts, 0...100_000) {
            issues.add("quotas.ivr_ports", String(definition.quotas.ivrPorts), reason)
        }
        if let calls = definition.quotas.maxConcurrentCalls, let reason = Validate.within(calls, 1...1_000_000) {
            issues.add("quotas.max_concurrent_calls", String(calls), reason + " (leave it out for the platform default)")
        }
        if let rate = definition.quotas.maxCallsPerSecond, let reason = Validate.within(rate, 1...100_000) {
            issues.add("quotas.max_calls_per_second", String(rate), reason + " (leave it out for the platform default)")
        }
        if let reason = Validate.within(definition.retentionDays, 1...36_500) {
            issues.add("retention_days", String(definition.retentionDays), reason)
        }
        for (index, day) in definition.calendar.enumerated() {
            if let reason = Validate.date(day.date) { issues.add("calendar[\(index)].date", day.date, reason) }
            if let reason = Validate.name(day.name) { issues.add("calendar[\(index)].name", day.name, reason) }
        }
        for date in Validate.duplicates(definition.calendar.map(\.date)) {
            let index = definition.calendar.lastIndex { $0.date == date }!
            issues.add("calendar[\(index)].date", date, "is listed twice; a day is either a holiday or a make-up working day")
        }
        try issues.throwIfAny()
    }

    private func checkUnique(_ definition: TenantDefinition, excluding: TenantID?, on db: any SQLDatabase) async throws {
        var issues = IssueCollector()
        for (column, field, value) in [("code", "code", definition.code), ("sip_domain", "sip_domain", definition.sipDomain)] {
            var query = db.select().column("id").from("tenants").where(SQLIdentifier(column), .equal, SQLBind(value))
            if let excluding { query = query.where("id", .notEqual, SQLBind(excluding.rawValue)) }
            if try await query.first() != nil {
                issues.add(field, value, "another tenant already uses this \(field == "code" ? "code" : "SIP domain")")
            }
        }
        try issues.throwIfAny()
    }

    private func writeCalendar(_ tenant: TenantID, _ calendar: [CalendarDay], on db: any SQLDatabase) async throws {
        for day in calendar {
            try await db.insert(into: "tenant_calendar_days")
                .columns("tenant_id", "calendar_date", "kind", "name")
                .values(SQLBind(tenant.rawValue), SQLBind(day.date), SQLBind(day.kind.rawValue), SQLBind(day.name))
                .run()
        }
    }

    func fetch(_ tenant: TenantID, on db: any SQLDatabase) async throws -> Tenant {
        guard let row = try await db.select().column("*").from("tenants")
            .where("id", .equal, SQLBind(tenant.rawValue)).first()
        else { throw StoreError.notFound(kind: "tenant", key: tenant.rawValue) }
        let days = try await db.select().column("*").from("tenant_calendar_days")
            .where("tenant_id", .equal, SQLBind(tenant.rawValue)).orderBy("calendar_date").all()
        return try Self.tenant(row, calendar: days.map(Self.calendarDay))
    }

    private static func calendarDay(_ row: any SQLRow) throws -> CalendarDay {
        CalendarDay(date: try row.string("calendar_date"),
                    kind: CalendarDay.Kind(rawValue: try row.string("kind")) ?? .holiday,
                    name: try row.string("name"))
    }

    private static func tenant(_ row: any SQLRow, calendar: [CalendarDay]) throws -> Tenant {
        Tenant(
            id: try row.id("id"),
            definition: TenantDefinition(
                code: try row.string("code"),
                name: try row.string("name"),
                timeZone: try row.string("time_zone"),
                sipDomain: try row.string("sip_domain"),
                quotas: TenantQuotas(
                    seats: try row.int("seat_quota"), ivrPorts: try row.int("ivr_port_quota"),
                    maxConcurrentCalls: try row.optionalInt("max_concurrent_calls"), maxCallsPerSecond: try row.optionalInt("max_calls_per_second")),
                maskingPolicy: MaskingPolicy(rawValue: try row.string("masking_policy")) ?? .full,
                retentionDays: try row.int("retention_days"),
                status: TenantStatus(rawValue: try row.string("status")) ?? .suspended,
                calendar: calendar
            ),
            createdAt: try row.date("created_at"),
            updatedAt: try row.date("updated_at")
        )
    }
}
