// A tenant's mailboxes and the voicemail messages left in them.
import Foundation
import SQLKit

/// Mailboxes (configuration) and voicemail messages (records) of a tenant. The call path
/// writes the WAV under the data directory first, then ``leave(_:_:)``.
public struct MailboxRepository: Sendable {
    let context: DatabaseContext

    /// Creates a mailbox; the name must be free within the tenant.
    public func create(_ tenant: TenantID, _ definition: MailboxDefinition, id: MailboxID = .generate()) async throws -> Mailbox {
        try Self.validate(definition)
        return try await context.write("creating mailbox \(definition.name)") { db in
            try await TenantRows.requireTenant(tenant, on: db)
            try await checkReferences(tenant, definition, excluding: nil, on: db)
            let now = context.nowMilliseconds
            try await db.insert(into: "mailboxes")
                .columns("id", "tenant_id", "name", "display_name", "greeting_prompt_id", "max_message_seconds", "queue_id",
                         "created_at", "updated_at")
                .values(SQLBind(id.rawValue), SQLBind(tenant.rawValue), SQLBind(definition.name), SQLBind(definition.displayName),
                        bindOrNull(definition.greetingPromptID?.rawValue), SQLBind(definition.maxMessageSeconds),
                        bindOrNull(definition.queueID?.rawValue), SQLBind(now), SQLBind(now))
                .run()
            return try await fetch(tenant, id, on: db)
        }
    }

    /// Replaces a mailbox's definition.
    public func update(_ tenant: TenantID, _ id: MailboxID, _ definition: MailboxDefinition) async throws -> Mailbox {
        try Self.validate(definition)
        return try await context.write("updating mailbox \(id)") { db in
            _ = try await fetch(tenant, id, on: db)
            try await checkReferences(tenant, definition, excluding: id, on: db)
            try await db.update("mailboxes")
                .set("name", to: SQLBind(definition.name)).set("display_name", to: SQLBind(definition.displayName))
                .set("greeting_prompt_id", to: bindOrNull(definition.greetingPromptID?.rawValue))
                .set("max_message_seconds", to: SQLBind(definition.maxMessageSeconds))
                .set("queue_id", to: bindOrNull(definition.queueID?.rawValue))
                .set("updated_at", to: SQLBind(context.nowMilliseconds))
                .where("tenant_id", .equal, SQLBind(tenant.rawValue)).where("id", .equal, SQLBind(id.rawValue))
                .run()
            return try await fetch(tenant, id, on: db)
        }
    }

    /// The mailbox, or ``StoreError/notFound(kind:key:)``.
    public func get(_ tenant: TenantID, _ id: MailboxID) async throws -> Mailbox {
        try await context.read("reading mailbox \(id)") { db in try await fetch(tenant, id, on: db) }
    }

    /// The mailbox a flow names, if any.
    public func find(_ tenant: TenantID, name: String) async throws -> Mailbox? {
        try await context.read("finding mailbox \(name)") { db in
            try await db.select().column("*").from("mailboxes")
                .where("tenant_id", .equal, SQLBind(tenant.rawValue)).where("name", .equal, SQLBind(name))
                .first().map(Self.mailbox)
        }
    }

    /// Every mailbox of the tenant, by name.
    public func list(_ tenant: TenantID) async throws -> [Mailbox] {
        try await context.read("listing mailboxes") { db in
            try await db.select().column("*").from("mailboxes").where("tenant_id", .equal, SQLBind(tenant.rawValue))
                .orderBy("name").all().map(Self.mailbox)
        }
    }

    /// Deletes a mailbox and its messages.
    public func delete(_ tenant: TenantID, _ id: MailboxID) async throws {
        try await context.write("deleting mailbox \(id)") { db in
            try await db.delete(from: "voicemails").where("tenant_id", .equal, SQLBind(tenant.rawValue))
                .where("mailbox_id", .equal, SQLBind(id.rawValue)).run()
            try await TenantRows.delete("mailboxes", tenant, id: id.rawValue, kind: "mailbox", on: db)
        }
    }

    // MARK: Messages

    /// Records a message the call path has written to disk.
    public func leave(_ tenant: TenantID, _ draft: VoicemailDraft) async throws -> Voicemail {
        var issues = IssueCollector()
        if draft.callID.isEmpty || draft.callID.count > 200 { issues.add("call_id", draft.callID, "must be 1-200 characters") }
        // Withheld numbers arrive as e.g. `anonymous`: kept as given, only bounded.
        if draft.callerNumber.isEmpty || draft.callerNumber.count > 64 {
            issues.add("caller_number", draft.callerNumber, "must be 1-64 characters")
        }
        if let reason = Validate.within(draft.durationMilliseconds, 0...3_600_000) {
            issues.add("duration_ms", String(draft.durationMilliseconds), reason)
        }
        if draft.audioPath.isEmpty || draft.audioPath.hasPrefix("/") || draft.audioPath.split(separator: "/").contains("..") {
            issues.add("audio_path", draft.audioPath, "must be a path inside the data directory (relative, no '..')")
        }
        try issues.throwIfAny()
        let id = VoicemailID.generate()
        return try await context.write("recording a voicemail of call \(draft.callID)") { db in
            try await TenantRows.require("mailboxes", tenant, id: draft.mailboxID.rawValue, kind: "mailbox", on: db)
            try await db.insert(into: "voicemails")
                .columns("id", "tenant_id", "mailbox_id", "call_id", "caller_number", "called_number", "received_at",
                         "duration_ms", "audio_path", "audio_sha256", "status", "created_at")
                .values(SQLBind(id.rawValue), SQLBind(tenant.rawValue), SQLBind(draft.mailboxID.rawValue), SQLBind(draft.callID),
                        SQLBind(draft.callerNumber), bindOrNull(draft.calledNumber), SQLBind(draft.receivedAt.millisecondsSince1970),
                        SQLBind(draft.durationMilliseconds), SQLBind(draft.audioPath), bindOrNull(draft.audioSha256),
                        SQLBind(VoicemailStatus.new.rawValue), SQLBind(context.nowMilliseconds))
                .run()
            return try await message(tenant, id, on: db)
        }
    }

    /// A message, or ``StoreError/notFound(kind:key:)``.
    public func message(_ tenant: TenantID, _ id: VoicemailID) async throws -> Voicemail {
        try await context.read("reading voicemail \(id)") { db in try await message(tenant, id, on: db) }
    }

    /// The messages of a mailbox, newest first, optionally only those in `status`.
    public func messages(_ tenant: TenantID, _ mailbox: MailboxID, status: VoicemailStatus? = nil, limit: Int = 100) async throws -> [Voicemail] {
        try await context.read("listing voicemails") { db in
            var query = db.select().column("*").from("voicemails")
                .where("tenant_id", .equal, SQLBind(tenant.rawValue)).where("mailbox_id", .equal, SQLBind(mailbox.rawValue))
            if let status { query = query.where("status", .equal, SQLBind(status.rawValue)) }
            return try await query.orderBy("received_at", .descending).orderBy("id", .descending)
                .limit(max(1, min(limit, 1_000))).all().map(Self.voicemail)
        }
    }

    /// Marks a message heard or handled by `agent`. A handled message stays handled.
    public func mark(_ tenant: TenantID, _ id: VoicemailID, _ status: VoicemailStatus, by agent: AgentID?) async throws -> Voicemail {
        try await context.write("marking voicemail \(id) \(status.rawValue)") { db in
            let current = try await message(tenant, id, on: db)
            if current.status == .handled && status != .handled {
                throw StoreError.invalidTransition(kind: "voicemail", from: current.status.rawValue, to: status.rawValue,
                                                   reason: "a handled message stays handled")
            }
            if let agent { try await TenantRows.require("agents", tenant, id: agent.rawValue, kind: "agent", on: db) }
            try await db.update("voicemails").set("status", to: SQLBind(status.rawValue))
                .set("handled_by_agent_id", to: bindOrNull(agent?.rawValue))
                .set("handled_at", to: SQLBind(context.nowMilliseconds))
                .where("tenant_id", .equal, SQLBind(tenant.rawValue)).where("id", .equal, SQLBind(id.rawValue)).run()
            return try await message(tenant, id, on: db)
        }
    }

    // MARK: Rows

    static func validate(_ definition: MailboxDefinition) throws {
        var issues = IssueCollector()
        if let reason = Validate.code(definition.name) { issues.add("name", definition.name, reason) }
        if definition.displayName.count > 200 { issues.add("display_name", nil, "must be at most 200 characters") }
        if let reason = Validate.within(definition.maxMessageSeconds, 5...600) {
            issues.add("max_message_seconds", String(definition.maxMessageSeconds), reason)
        }
        try issues.throwIfAny()
    }

    private func checkReferences(_ tenant: TenantID, _ definition: MailboxDefinition, excluding: MailboxID?, on db: any SQLDatabase) async throws {
        var issues = IssueCollector()
        if try await TenantRows.holder("mailboxes", tenant, column: "name", value: definition.name,
                                       excluding: excluding?.rawValue, on: db) != nil {
            issues.add("name", definition.name, "another mailbox of this tenant has this name")
        }
        if let prompt = definition.greetingPromptID, try await !TenantRows.exists("prompts", tenant, id: prompt.rawValue, on: db) {
            issues.add("greeting", prompt.rawValue, "no such prompt in this tenant")
        }
        if let queue = definition.queueID, try await !TenantRows.exists("queues", tenant, id: queue.rawValue, on: db) {
            issues.add("queue", queue.rawValue, "no such queue in this tenant")
        }
        try issues.throwIfAny()
    }

    private func fetch(_ tenant: TenantID, _ id: MailboxID, on db: any SQLDatabase) async throws -> Mailbox {
        guard let row = try await db.select().column("*").from("mailboxes")
            .where("tenant_id", .equal, SQLBind(tenant.rawValue)).where("id", .equal, SQLBind(id.rawValue)).first()
        else { throw StoreError.notFound(kind: "mailbox", key: id.rawValue) }
        return try Self.mailbox(row)
    }

    private func message(_ tenant: TenantID, _ id: VoicemailID, on db: any SQLDatabase) async throws -> Voicemail {
        guard let row = try await db.select().column("*").from("voicemails")
            .where("tenant_id", .equal, SQLBind(tenant.rawValue)).where("id", .equal, SQLBind(id.rawValue)).first()
        else { throw StoreError.notFound(kind: "voicemail", key: id.rawValue) }
        return try Self.voicemail(row)
    }

    static func mailbox(_ row: any SQLRow) throws -> Mailbox {
        Mailbox(
            id: try row.id("id"), tenantID: try row.id("tenant_id"),
            definition: MailboxDefinition(
                name: try row.string("name"), displayName: try row.string("display_name"),
                greetingPromptID: try row.optionalID("greeting_prompt_id"), maxMessageSeconds: try row.int("max_message_seconds"),
                queueID: try row.optionalID("queue_id")),
            createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
    }

    static func voicemail(_ row: any SQLRow) throws -> Voicemail {
        Voicemail(
            id: try row.id("id"), tenantID: try row.id("tenant_id"),
            draft: VoicemailDraft(
                mailboxID: try row.id("mailbox_id"), callID: try row.string("call_id"), callerNumber: try row.string("caller_number"),
                calledNumber: try row.optionalString("called_number"), receivedAt: try row.date("received_at"),
                durationMilliseconds: try row.int("duration_ms"), audioPath: try row.string("audio_path"),
                audioSha256: try row.optionalString("audio_sha256")),
            status: VoicemailStatus(rawValue: try row.string("status")) ?? .new,
            handledBy: try row.optionalID("handled_by_agent_id"), handledAt: try row.optionalDate("handled_at"))
    }
}
