// A tenant's call notes (电话小结): one per call record, written and rewritten by the agent
// (or a supervisor) after the call.
import Foundation
import SQLKit

/// The call notes of a tenant.
public struct CallNoteRepository: Sendable {
    let context: DatabaseContext

    /// Writes the note of call record `record` (replacing an earlier one); the record must be
    /// the tenant's. `author` is the writer's name, `agentID` the agent who wrote it, if any.
    public func save(
        _ tenant: TenantID, record: CallDetailRecordID, _ definition: CallNoteDefinition, author: String, agentID: AgentID?
    ) async throws -> CallNote {
        try Self.validate(definition)
        return try await context.write("saving the note of call record \(record)") { db in
            guard let row = try await db.select().column("call_id").from("call_detail_records")
                .where("tenant_id", .equal, SQLBind(tenant.rawValue)).where("id", .equal, SQLBind(record.rawValue)).first()
            else { throw StoreError.notFound(kind: "call record", key: record.rawValue) }
            let callID = try row.string("call_id")
            let now = context.nowMilliseconds
            if try await fetch(tenant, record, on: db) == nil {
                try await db.insert(into: "call_notes")
                    .columns("tenant_id", "cdr_id", "call_id", "disposition_code", "note_text", "author", "agent_id",
                             "created_at", "updated_at")
                    .values(SQLBind(tenant.rawValue), SQLBind(record.rawValue), SQLBind(callID), SQLBind(definition.dispositionCode),
                            SQLBind(definition.text), SQLBind(author), bindOrNull(agentID?.rawValue), SQLBind(now), SQLBind(now))
                    .run()
            } else {
                try await db.update("call_notes")
                    .set("disposition_code", to: SQLBind(definition.dispositionCode)).set("note_text", to: SQLBind(definition.text))
                    .set("author", to: SQLBind(author)).set("agent_id", to: bindOrNull(agentID?.rawValue))
                    .set("updated_at", to: SQLBind(now))
                    .where("tenant_id", .equal, SQLBind(tenant.rawValue)).where("cdr_id", .equal, SQLBind(record.rawValue))
                    .run()
            }
            guard let note = try await fetch(tenant, record, on: db) else {
                throw StoreError.notFound(kind: "call note", key: record.rawValue)
            }
            return note
        }
    }

    /// The note of call record `record`, if one was written.
    public func find(_ tenant: TenantID, record: CallDetailRecordID) async throws -> CallNote? {
        try await context.read("reading the note of call record \(record)") { db in
            try await fetch(tenant, record, on: db)
        }
    }

    /// The notes of the given call records (those that have one), by record.
    public func notes(_ tenant: TenantID, records: [CallDetailRecordID]) async throws -> [CallDetailRecordID: CallNote] {
        guard !records.isEmpty else { return [:] }
        return try await context.read("reading call notes") { db in
            let rows = try await db.select().column("*").from("call_notes")
                .where("tenant_id", .equal, SQLBind(tenant.rawValue))
                .where("cdr_id", .in, SQLBind.group(records.map(\.rawValue)))
                .all()
            var found: [CallDetailRecordID: CallNote] = [:]
            for row in rows {
                let note = try Self.note(row)
                found[note.callDetailRecordID] = note
            }
            return found
        }
    }

    static func validate(_ definition: CallNoteDefinition) throws {
        var issues = IssueCollector()
        if let reason = Validate.code(definition.dispositionCode) {
            issues.add("disposition", definition.dispositionCode, reason)
        }
        if definition.text.count > CallNoteDefinition.maximumTextLength {
            issues.add("text", nil, "is \(definition.text.count) characters long; a note holds at most \(CallNoteDefinition.maximumTextLength)")
        }
        try issues.throwIfAny()
    }

    private func fetch(_ tenant: TenantID, _ record: CallDetailRecordID, on db: any SQLDatabase) async throws -> CallNote? {
        try await db.select().column("*").from("call_notes")
            .where("tenant_id", .equal, SQLBind(tenant.rawValue)).where("cdr_id", .equal, SQLBind(record.rawValue))
            .first().map(Self.note)
    }

    static func note(_ row: any SQLRow) throws -> CallNote {
        CallNote(
            tenantID: try row.id("tenant_id"), callDetailRecordID: try row.id("cdr_id"), callID: try row.string("call_id"),
            definition: CallNoteDefinition(dispositionCode: try row.string("disposition_code"), text: try row.string("note_text")),
            author: try row.string("author"), agentID: try row.optionalID("agent_id"),
            createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
    }
}
