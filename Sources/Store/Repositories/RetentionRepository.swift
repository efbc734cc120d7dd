// Retention: the one way records leave the store, after the tenant's retention period.
import Foundation
import SQLKit

/// What a purge removed.
public struct RetentionResult: Hashable, Sendable {
    public var callDetailRecords: Int
    public var stateChanges: Int
    /// Paths (inside the data directory) of the recordings whose rows were removed: the
    /// caller deletes the files.
    public var recordingPaths: [String]
    /// Paths of the voicemail messages removed, likewise.
    public var voicemailPaths: [String]
}

/// Removes a tenant's records older than its retention period.
public struct RetentionRepository: Sendable {
    let context: DatabaseContext

    /// Removes the tenant's CDRs (with legs), recordings, state history, finished webhook
    /// deliveries, finished SMS, voicemail messages and closed callback requests older than `retentionDays` before `now`, in one transaction.
    public func purgeExpired(_ tenant: TenantID, now: Date) async throws -> RetentionResult {
        try await context.write("purging expired records") { db in
            let definition = try await TenantRepository(context: context).fetch(tenant, on: db)
            let cutoff = now.millisecondsSince1970 - Int64(definition.retentionDays) * 86_400_000
            let t = SQLBind(tenant.rawValue)
            func count(_ table: String, _ column: String) async throws -> Int {
                try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(table)
                    .where("tenant_id", .equal, t).where(SQLIdentifier(column), .lessThan, SQLBind(cutoff)).first()?.int("n") ?? 0
            }
            let cdrs = try await count("call_detail_records", "arrived_at")
            let states = try await count("agent_state_events", "occurred_at")
            let paths = try await db.select().column("path").from("recordings").where("tenant_id", .equal, t)
                .where("started_at", .lessThan, SQLBind(cutoff)).all().map { try $0.string("path") }
            try await db.delete(from: "call_detail_records").where("tenant_id", .equal, t)
                .where("arrived_at", .lessThan, SQLBind(cutoff)).run()
            try await db.delete(from: "recordings").where("tenant_id", .equal, t)
                .where("started_at", .lessThan, SQLBind(cutoff)).run()
            try await db.delete(from: "agent_state_events").where("tenant_id", .equal, t)
                .where("occurred_at", .lessThan, SQLBind(cutoff)).run()
            try await db.delete(from: "webhook_deliveries").where("tenant_id", .equal, t)
                .where("status", .in, SQLBind.group([DeliveryStatus.delivered.rawValue, DeliveryStatus.failed.rawValue]))
                .where("created_at", .lessThan, SQLBind(cutoff)).run()
            try await db.delete(from: "sms_outbox").where("tenant_id", .equal, t)
                .where("status", .in, SQLBind.group([SMSStatus.sent.rawValue, SMSStatus.delivered.rawValue, SMSStatus.failed.rawValue]))
                .where("created_at", .lessThan, SQLBind(cutoff)).run()
            let voicemailPaths = try await db.select().column("audio_path").from("voicemails").where("tenant_id", .equal, t)
                .where("received_at", .lessThan, SQLBind(cutoff)).all().map { try $0.string("audio_path") }
            try await db.delete(from: "voicemails").where("tenant_id", .equal, t)
                .where("received_at", .lessThan, SQLBind(cutoff)).run()
            try await db.delete(from: "callback_requests").where("tenant_id", .equal, t)
                .where("status", .in, SQLBind.group([CallbackStatus.completed.rawValue, CallbackStatus.failed.rawValue,
                                                     CallbackStatus.cancelled.rawValue]))
                .where("created_at", .lessThan, SQLBind(cutoff)).run()
            return RetentionResult(callDetailRecords: cdrs, stateChanges: states, recordingPaths: paths,
                                   voicemailPaths: voicemailPaths)
        }
    }
}
