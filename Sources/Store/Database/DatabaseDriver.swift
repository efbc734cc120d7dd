// The two things the store needs from a database: a connection to read on, and an
// exclusive connection to write a transaction on.
import SQLKit

/// Which SQL database a driver talks to; the schema is the same, a few statements differ.
public enum DatabaseKind: String, Sendable {
    case sqlite
    case postgres
}

/// Leases connections to one database.
protocol DatabaseDriver: Sendable {
    /// The database behind this driver.
    var kind: DatabaseKind { get }
    /// The statement that opens a write transaction (`BEGIN IMMEDIATE` on SQLite, so the
    /// write lock is taken at once instead of failing at the first write).
    var beginTransactionSQL: String { get }
    /// Runs `body` on a connection that may only read.
    func withReader<R: Sendable>(_ body: (any SQLDatabase) async throws -> R) async throws -> R
    /// Runs `body` on a connection nobody else uses until `body` returns.
    func withWriter<R: Sendable>(_ body: (any SQLDatabase) async throws -> R) async throws -> R
    /// Closes every connection.
    func close() async
}
