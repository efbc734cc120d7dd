// The durable-queue mechanics webhook deliveries and the SMS outbox share: claim due rows
// with a lease (so a crashed sender's rows come back), then report success or failure.
import Foundation
import SQLKit

struct Outbox: Sendable {
    let table: String
    let waiting: String
    let inFlight: String

    /// Marks up to `limit` rows due at `now` as in flight until `now + lease` and returns
    /// their ids. On PostgreSQL, rows another node is claiming are skipped, not waited for.
    func claim(now: Int64, limit: Int, leaseMilliseconds: Int64, kind: DatabaseKind, on db: any SQLDatabase) async throws -> [String] {
        let lock = kind == .postgres ? " FOR UPDATE SKIP LOCKED" : ""
        let select = """
            SELECT id FROM \(table)
            WHERE status IN ('\(waiting)', '\(inFlight)') AND next_attempt_at <= \(now)
            ORDER BY next_attempt_at, id LIMIT \(max(1, limit))\(lock)
            """
        let ids = try await db.raw(SQLQueryString(select)).all().map { try $0.string("id") }
        guard !ids.isEmpty else { return [] }
        try await db.update(table)
            .set("status", to: SQLBind(inFlight))
            .set("attempts", to: SQLRaw("attempts + 1"))
            .set("next_attempt_at", to: SQLBind(now + leaseMilliseconds))
            .where("id", .in, SQLBind.group(ids))
            .run()
        return ids
    }
}
