// Queues of a tenant, with their skill requirements.
import Foundation
import SQLKit

/// A tenant's ACD queues.
public struct QueueRepository: Sendable {
    let context: DatabaseContext

    /// Creates a queue after checking every field and reference.
    public func create(_ tenant: TenantID, _ definition: QueueDefinition, id: QueueID = .generate()) async throws -> Queue {
        try Self.validate(definition)
        return try await context.write("creating queue \(definition.name)") { db in
            try await TenantRows.requireTenant(tenant, on: db)
            try await checkReferences(tenant, id, definition, on: db)
            let now = context.nowMilliseconds
            try await db.insert(into: "queues")
                .columns("id", "tenant_id", "name", "display_name", "strategy", "priority", "service_level_seconds",
                         "wrap_up_seconds", "max_wait_seconds", "max_waiting", "overflow_queue_id", "business_hours",
                         "music_on_hold_prompt_id", "announce_interval_seconds", "callback_enabled", "survey_flow", "created_at", "updated_at")
                .values(SQLBind(id.rawValue), SQLBind(tenant.rawValue), SQLBind(definition.name),
                        SQLBind(definition.displayName), SQLBind(definition.strategy.rawValue), SQLBind(definition.priority),
                        SQLBind(definition.serviceLevelSeconds), SQLBind(definition.wrapUpSeconds),
                        bindOrNull(definition.maxWaitSeconds), bindOrNull(definition.maxWaiting),
                        bindOrNull(definition.overflowQueueID?.rawValue), SQLBind(Self.hoursJSON(definition.businessHours)),
                        bindOrNull(definition.musicOnHoldPromptID?.rawValue), bindOrNull(definition.announceIntervalSeconds),
                        SQLBind(definition.callbackEnabled), bindOrNull(definition.surveyFlow), SQLBind(now), SQLBind(now))
                .run()
            try await writeSkills(tenant, id, definition.skills, on: db)
            return try await fetch(tenant, id, on: db)
        }
    }

    /// Replaces a queue's definition.
    public func update(_ tenant: TenantID, _ id: QueueID, _ definition: QueueDefinition) async throws -> Queue {
        try Self.validate(definition)
        return try await context.write("updating queue \(id)") { db in
            _ = try await fetch(tenant, id, on: db)
            try await checkReferences(tenant, id, definition, on: db)
            try await db.update("queues")
                .set("name", to: SQLBind(definition.name)).set("display_name", to: SQLBind(definition.displayName))
                .set("strategy", to: SQLBind(definition.strategy.rawValue)).set("priority", to: SQLBind(definition.priority))
                .set("service_level_seconds", to: SQLBind(definition.serviceLevelSeconds))
                .set("wrap_up_seconds", to: SQLBind(definition.wrapUpSeconds))
                .set("max_wait_seconds", to: bindOrNull(definition.maxWaitSeconds))
                .set("max_waiting", to: bindOrNull(definition.maxWaiting))
                .set("overflow_queue_id", to: bindOrNull(definition.overflowQueueID?.rawValue))
                .set("business_hours", to: SQLBind(Self.hoursJSON(definition.businessHours)))
                .set("music_on_hold_prompt_id", to: bindOrNull(definition.musicOnHoldPromptID?.rawValue))
                .set("announce_interval_seconds", to: bindOrNull(definition.announceIntervalSeconds))
                .set("callback_enabled", to: SQLBind(definition.callbackEnabled))
                .set("survey_flow", to: bindOrNull(definition.surveyFlow))
                .set("updated_at", to: SQLBind(context.nowMilliseconds))
                .where("tenant_id", .equal, SQLBind(tenant.rawValue)).where("id", .equal, SQLBind(id.rawValue))
                .run()
            try await db.delete(from: "queue_skills").where("tenant_id", .equal, SQLBind(tenant.rawValue))
                .where("queue_id", .equal, SQLBind(id.rawValue)).run()
            try await writeSkills(tenant, id, definition.skills, on: db)
            return try await fetch(tenant, id, on: db)
        }
    }

    /// The queue, or ``StoreError/notFound(kind:key:)``.
    public func get(_ tenant: TenantID, _ id: QueueID) async throws -> Queue {
        try await context.read("reading queue \(id)") { db in try await fetch(tenant, id, on: db) }
    }

    /// The queue with this name, if any.
    public func find(_ tenant: TenantID, name: String) async throws -> Queue? {
        try await context.read("finding queue \(name)") { db in
            guard let id = try await TenantRows.holder("queues", tenant, column: "name", value: name, excluding: nil, on: db)
            else { return nil }
            return try await fetch(tenant, QueueID(rawValue: id), on: db)
        }
    }

    /// Every queue of the tenant, by name.
    public func list(_ tenant: TenantID) async throws -> [Queue] {
        try await context.read("listing queues") { db in
            let rows = try await db.select().column("*").from("queues")
                .where("tenant_id", .equal, SQLBind(tenant.rawValue)).orderBy("name").all()
            let skills = try await db.select().column("*").from("queue_skills")
                .where("tenant_id", .equal, SQLBind(tenant.rawValue)).orderBy("skill_id").all()
            var byQueue: [String: [QueueSkillRequirement]] = [:]
            for row in skills {
                byQueue[try row.string("queue_id"), default: []].append(
                    QueueSkillRequirement(skillID: try row.id("skill_id"), minimumLevel: try row.int("min_level")))
            }
            return try rows.map { try Self.queue($0, skills: byQueue[try $0.string("id")] ?? []) }
        }
    }

    /// Deletes a queue; refused while another queue overflows into it. Agents lose their
    /// membership in it.
    public func delete(_ tenant: TenantID, _ id: QueueID) async throws {
        try await context.write("deleting queue \(id)") { db in
            let feeders = try await db.select().column("name").from("queues")
                .where("tenant_id", .equal, SQLBind(tenant.rawValue))
                .where("overflow_queue_id", .equal, SQLBind(id.rawValue))
                .where("id", .notEqual, SQLBind(id.rawValue))
                .all().map { try $0.string("name") }
            if !feeders.isEmpty {
                throw StoreError.invalid("queue", id.rawValue, "queues \(feeders.joined(separator: ", ")) overflow into this queue; change them first")
            }
            let mailboxes = try await db.select().column("name").from("mailboxes")
                .where("tenant_id", .equal, SQLBind(tenant.rawValue)).where("queue_id", .equal, SQLBind(id.rawValue))
                .all().map { try $0.string("name") }
            if !mailboxes.isEmpty {
                throw StoreError.invalid("queue", id.rawValue, "mailboxes \(mailboxes.joined(separator: ", ")) hand their messages to this queue; change them first")
            }
            try await db.update("queues").set("overflow_queue_id", to: SQLLiteral.null)
                .where("tenant_id", .equal, SQLBind(tenant.rawValue)).where("id", .equal, SQLBind(id.rawValue)).run()
            try await TenantRows.delete("queues", tenant, id: id.rawValue, kind: "queue", on: db)
        }
    }

    // MARK: Validation

    static func validate(_ definition: QueueDefinition) throws {
        var issues = IssueCollector()
        if let reason = Validate.name(definition.name, limit: 64) { issues.add("name", definition.name, reason) }
        let ranges: [(String, Int?, ClosedRange<Int>)] = [
            ("priority", definition.priority, -100...100),
            ("service_level_seconds", definition.serviceLevelSeconds, 1...3_600),
            ("wrap_up_seconds", definition.wrapUpSeconds, 0...3_600),
            ("max_wait_seconds", definition.maxWaitSeconds, 1...86_400),
            ("max_waiting", definition.maxWaiting, 1...100_000),
            ("announce_interval_seconds", definition.announceIntervalSeconds, 10...3_600),
        ]
        for (field, value, range) in ranges {
            if let value, let reason = Validate.within(value, range) { issues.add(field, String(value), reason) }
        }
        if let survey = definition.surveyFlow, let reason = Validate.name(survey, limit: 64) { issues.add("survey_flow", survey, reason) }
        issues.add(contentsOf: validateHours(definition.businessHours))
        for (index, requirement) in definition.skills.enumerated() {
            if let reason = Validate.within(requirement.minimumLevel, 1...10) {
                issues.add("skills[\(index)].min_level", String(requirement.minimumLevel), reason)
            }
        }
        for duplicate in Validate.duplicates(definition.skills.map(\.skillID)) {
            let index = definition.skills.lastIndex { $0.skillID == duplicate }!
            issues.add("skills[\(index)].skill", duplicate.rawValue, "is listed twice")
        }
        try issues.throwIfAny()
    }

    /// Malformed times, empty windows and windows that overlap on the same day.
    static func validateHours(_ windows: [BusinessHoursWindow]) -> [FieldIssue] {
        var issues = IssueCollector()
        var spans: [(index: Int, day: Weekday, start: Int, end: Int)] = []
        for (index, window) in windows.enumerated() {
            let start = BusinessHoursWindow.minutes(window.start)
            let end = BusinessHoursWindow.minutes(window.end)
            if start == nil { issues.add("business_hours[\(index)].start", window.start, "must be a time HH:MM (00:00-24:00)") }
            if end == nil { issues.add("business_hours[\(index)].end", window.end, "must be a time HH:MM (00:00-24:00)") }
            if window.days.isEmpty { issues.add("business_hours[\(index)].days", nil, "must name at least one day (mon-sun)") }
            guard let start, let end else { continue }
            if start >= end {
                issues.add("business_hours[\(index)].end", window.end, "must be later than the start \(window.start)")
                continue
            }
            for day in window.days { spans.append((index, day, start, end)) }
        }
        for (position, span) in spans.enumerated() {
            if let earlier = spans[..<position].first(where: { $0.day == span.day && $0.start < span.end && span.start < $0.end }) {
                issues.add("business_hours[\(span.index)]", "\(span.day.rawValue) \(windows[span.index].start)-\(windows[span.index].end)",
                           "overlaps business_hours[\(earlier.index)] on \(span.day.rawValue)")
            }
        }
        return issues.issues
    }

    private func checkReferences(_ tenant: TenantID, _ id: QueueID, _ definition: QueueDefinition, on db: any SQLDatabase) async throws {
        var issues = IssueCollector()
        if try await TenantRows.holder("queues", tenant, column: "name", value: definition.name, excluding: id.rawValue, on: db) != nil {
            issues.add("name", definition.name, "the tenant already has a queue with this name")
        }
        let missingSkills = try await TenantRows.missing("skills", tenant, ids: definition.skills.map(\.skillID.rawValue), on: db)
        for (index, requirement) in definition.skills.enumerated() where missingSkills.contains(requirement.skillID.rawValue) {
            issues.add("skills[\(index)].skill", requirement.skillID.rawValue, "no such skill in this tenant")
        }
        if let prompt = definition.musicOnHoldPromptID, try await !TenantRows.exists("prompts", tenant, id: prompt.rawValue, on: db) {
            issues.add("music_on_hold", prompt.rawValue, "no such prompt in this tenant")
        }
        if let overflow = definition.overflowQueueID {
            if overflow == id {
                issues.add("overflow", overflow.rawValue, "a queue cannot overflow into itself")
            } else if try await !TenantRows.exists("queues", tenant, id: overflow.rawValue, on: db) {
                issues.add("overflow", overflow.rawValue, "no such queue in this tenant")
            } else if let loop = try await overflowLoop(tenant, from: overflow, back: id, on: db) {
                issues.add("overflow", overflow.rawValue, "would make an overflow loop: \(loop)")
            }
        }
        try issues.throwIfAny()
    }

    /// Follows overflow links from `start`; a path that comes back to `target` is a loop.
    private func overflowLoop(_ tenant: TenantID, from start: QueueID, back target: QueueID, on db: any SQLDatabase) async throws -> String? {
        let rows = try await db.select().column("id").column("name").column("overflow_queue_id").from("queues")
            .where("tenant_id", .equal, SQLBind(tenant.rawValue)).all()
        var next: [String: String] = [:]
        var names: [String: String] = [:]
        for row in rows {
            let id = try row.string("id")
            names[id] = try row.string("name")
            if let overflow = try row.optionalString("overflow_queue_id") { next[id] = overflow }
        }
        var path = [start.rawValue]
        var current = start.rawValue
        while let following = next[current], path.count <= rows.count {
            if following == target.rawValue {
                return (path + [following]).map { names[$0] ?? $0 }.joined(separator: " -> ")
            }
            if path.contains(following) { return nil }
            path.append(following)
            current = following
        }
        return nil
    }

    private func writeSkills(_ tenant: TenantID, _ id: QueueID, _ skills: [QueueSkillRequirement], on db: any SQLDatabase) async throws {
        for requirement in skills {
            try await db.insert(into: "queue_skills").columns("tenant_id", "queue_id", "skill_id", "min_level")
                .values(SQLBind(tenant.rawValue), SQLBind(id.rawValue), SQLBind(requirement.skillID.rawValue),
                        SQLBind(requirement.minimumLevel))
                .run()
        }
    }

    // MARK: Rows

    func fetch(_ tenant: TenantID, _ id: QueueID, on db: any SQLDatabase) async throws -> Queue {
        guard let row = try await db.select().column("*").from("queues")
            .where("tenant_id", .equal, SQLBind(tenant.rawValue)).where("id", .equal, SQLBind(id.rawValue)).first()
        else { throw StoreError.notFound(kind: "queue", key: id.rawValue) }
        let skills = try await db.select().column("*").from("queue_skills")
            .where("tenant_id", .equal, SQLBind(tenant.rawValue)).where("queue_id", .equal, SQLBind(id.rawValue))
            .orderBy("skill_id").all()
        return try Self.queue(row, skills: skills.map {
            QueueSkillRequirement(skillID: try $0.id("skill_id"), minimumLevel: try $0.int("min_level"))
        })
    }

    static func hoursJSON(_ windows: [BusinessHoursWindow]) -> String {
        JSONValue.array(windows.map { window in
            .object([
                "days": .array(window.days.map { .string($0.rawValue) }),
                "start": .string(window.start),
                "end": .string(window.end),
            ])
        }).canonicalText
    }

    static func hours(_ text: String) -> [BusinessHoursWindow] {
        ((try? JSONValue(parsing: text))?.arrayValue ?? []).map { value in
            BusinessHoursWindow(
                days: (value["days"]?.arrayValue ?? []).compactMap { $0.stringValue.flatMap(Weekday.init(rawValue:)) },
                start: value["start"]?.stringValue ?? "",
                end: value["end"]?.stringValue ?? "")
        }
    }

    static func queue(_ row: any SQLRow, skills: [QueueSkillRequirement]) throws -> Queue {
        Queue(
            id: try row.id("id"), tenantID: try row.id("tenant_id"),
            definition: QueueDefinition(
                name: try row.string("name"), displayName: try row.string("display_name"),
                strategy: QueueStrategy(rawValue: try row.string("strategy")) ?? .longestIdle,
                priority: try row.int("priority"), serviceLevelSeconds: try row.int("service_level_seconds"),
                wrapUpSeconds: try row.int("wrap_up_seconds"), maxWaitSeconds: try row.optionalInt("max_wait_seconds"),
                maxWaiting: try row.optionalInt("max_waiting"), overflowQueueID: try row.optionalID("overflow_queue_id"),
                businessHours: hours(try row.string("business_hours")),
                musicOnHoldPromptID: try row.optionalID("music_on_hold_prompt_id"),
                announceIntervalSeconds: try row.optionalInt("announce_interval_seconds"),
                callbackEnabled: try row.bool("callback_enabled"), skills: skills, surveyFlow: try row.optionalString("survey_flow")),
            createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
    }
}
