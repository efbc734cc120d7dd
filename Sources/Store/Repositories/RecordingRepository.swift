// Recording metadata of a tenant.
import Foundation
import SQLKit

/// A tenant's recordings (metadata; the files are under the data directory).
public struct RecordingRepository: Sendable {
    let context: DatabaseContext

    /// Stores a recording's metadata (use ``CallDetailRecordRepository/append(_:_:recording:)``
    /// to write it with its call's CDR in one transaction).
    public func add(_ tenant: TenantID, _ recording: Recording) async throws {
        try Self.validate(recording)
        try await context.write("writing recording \(recording.id)") { db in
            try await TenantRows.requireTenant(tenant, on: db)
            try await Self.insert(tenant, recording, context: context, on: db)
        }
    }

    /// Stores the metadata of several recordings, of any tenants, in one transaction with a few
    /// multi-row inserts (the CDR committer's batches: one statement per recording would cost
    /// the database thread a round trip each); all or nothing.
    public func addBatch(_ entries: [(tenant: TenantID, recording: Recording)]) async throws {
        try IssueCollector.validateEach(entries) { try Self.validate($0.recording) }
        guard !entries.isEmpty else { return }
        try await context.write("writing \(entries.count) recordings") { db in
            var tenants: Set<TenantID> = []
            for entry in entries where tenants.insert(entry.tenant).inserted {
                try await TenantRows.requireTenant(entry.tenant, on: db)
            }
            let now = context.nowMilliseconds
            for start in stride(from: 0, to: entries.count, by: Self.rowsPerStatement) {
                var insert = db.insert(into: "recordings").columns(Self.columns)
                for (tenant, recording) in entries[start..<min(start + Self.rowsPerStatement, entries.count)] {
                    insert = insert.values(Self.values(tenant, recording, createdAt: now))
                }
                try await insert.run()
            }
        }
    }

    /// The recording, or ``StoreError/notFound(kind:key:)``.
    public func get(_ tenant: TenantID, _ id: RecordingID) async throws -> Recording {
        try await context.read("reading recording \(id)") { db in
            guard let row = try await db.select().column("*").from("recordings")
                .where("tenant_id", .equal, SQLBind(tenant.rawValue)).where("id", .equal, SQLBind(id.rawValue)).first()
            else { throw StoreError.notFound(kind: "recording", key: id.rawValue) }
            return try Self.recording(row)
        }
    }

    /// The recordings of one call (usually one).
    public func forCall(_ tenant: TenantID, callID: String) async throws -> [Recording] {
        try await context.read("listing recordings of call \(callID)") { db in
            try await db.select().column("*").from("recordings")
                .where("tenant_id", .equal, SQLBind(tenant.rawValue)).where("call_id", .equal, SQLBind(callID))
                .orderBy("started_at").all().map(Self.recording)
        }
    }

    /// Recordings that started in `[from, to)`, newest first.
    public func list(_ tenant: TenantID, from: Date, to: Date, limit: Int = 100) async throws -> [Recording] {
        try await context.read("listing recordings") { db in
            try await db.select().column("*").from("recordings")
                .where("tenant_id", .equal, SQLBind(tenant.rawValue))
                .where("started_at", .greaterThanOrEqual, SQLBind(from.millisecondsSince1970))
                .where("started_at", .lessThan, SQLBind(to.millisecondsSince1970))
                .orderBy("started_at", .descending).limit(max(1, min(limit, 1_000))).all().map(Self.recording)
        }
    }

    static func validate(_ recording: Recording) throws {
        var issues = IssueCollector()
        if recording.path.isEmpty || recording.path.hasPrefix("/") || recording.path.split(separator: "/").contains("..") {
            issues.add("path", recording.path, "must be a path inside the data directory")
        }
        if let reason = Validate.within(recording.channels, 1...8) { issues.add("channels", String(recording.channels), reason) }
        if recording.durationMilliseconds < 0 { issues.add("duration_ms", String(recording.durationMilliseconds), "must not be negative") }
        if recording.sizeBytes < 0 { issues.add("size_bytes", String(recording.sizeBytes), "must not be negative") }
        try issues.throwIfAny()
    }

    static func insert(_ tenant: TenantID, _ recording: Recording, context: DatabaseContext, on db: any SQLDatabase) async throws {
        try await db.insert(into: "recordings").columns(columns)
            .values(values(tenant, recording, createdAt: context.nowMilliseconds)).run()
    }

    /// Rows per multi-row insert in ``addBatch(_:)``.
    private static let rowsPerStatement = 50

    private static let columns = [
        "id", "tenant_id", "call_id", "path", "format", "channels", "sample_rate", "duration_ms", "size_bytes", "started_at", "created_at",
    ]

    private static func values(_ tenant: TenantID, _ recording: Recording, createdAt: Int64) -> [any SQLExpression] {
        [SQLBind(recording.id.rawValue), SQLBind(tenant.rawValue), SQLBind(recording.callID),
         SQLBind(recording.path), SQLBind(recording.format), SQLBind(recording.channels),
         SQLBind(recording.sampleRate), SQLBind(recording.durationMilliseconds), SQLBind(recording.sizeBytes),
         SQLBind(recording.startedAt.millisecondsSince1970), SQLBind(createdAt)]
    }

    static func recording(_ row: any SQLRow) throws -> Recording {
        Recording(
            id: try row.id("id"), callID: try row.string("call_id"), path: try row.string("path"),
            format: try row.string("format"), channels: try row.int("channels"), sampleRate: try row.int("sample_rate"),
            durationMilliseconds: try row.int("duration_ms"), sizeBytes: try row.int("size_bytes"),
            startedAt: try row.date("started_at"), createdAt: try row.date("created_at"))
    }
}
