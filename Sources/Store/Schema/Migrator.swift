// Brings a database to the newest schema, one migration per transaction, and records each
// step in `schema_migrations`.
import Foundation
import Logging
import SQLKit

/// Where a database's schema stands.
public struct SchemaStatus: Sendable, Equatable {
    /// The version the database is at (0 for an empty database).
    public var current: Int
    /// The newest version this build knows.
    public var latest: Int
    /// Versions that `migrate` would apply, oldest first.
    public var pending: [Int]
}

/// Applies ``Migration/all`` to a database.
///
/// On PostgreSQL a session advisory lock keeps two nodes starting at once from migrating
/// together; on SQLite the single writer connection does the same. A database newer than
/// this build is refused (``StoreError/schemaTooNew(found:known:)``) rather than touched.
struct Migrator {
    let driver: any DatabaseDriver
    let clock: @Sendable () -> Date
    let logger: Logger
    /// Copies an SQLite file aside before upgrading it; `nil` for PostgreSQL or when off.
    let sqliteBackupPath: String?

    private static let advisoryLockKey = 0x6B65_6675  // "kefu"

    /// The schema version and what is pending, without changing anything.
    func status() async throws -> SchemaStatus {
        try await driver.withWriter { db in
            try await Self.ensureBookkeeping(db)
            let current = try await Self.currentVersion(db)
            return SchemaStatus(
                current: current,
                latest: Migration.latestVersion,
                pending: Migration.all.filter { $0.version > current }.map(\.version)
            )
        }
    }

    /// Applies every pending migration up to `target` and returns the versions applied.
    @discardableResult
    func migrate(upTo target: Int = Migration.latestVersion) async throws -> [Int] {
        try await driver.withWriter { db in
            if driver.kind == .postgres {
                try await db.raw("SELECT pg_advisory_lock(\(unsafeRaw: String(Self.advisoryLockKey)))").run()
            }
            do {
                let applied = try await migrateLocked(db, target: target)
                if driver.kind == .postgres {
                    try await db.raw("SELECT pg_advisory_unlock(\(unsafeRaw: String(Self.advisoryLockKey)))").run()
                }
                return applied
            } catch {
                if driver.kind == .postgres {
                    try? await db.raw("SELECT pg_advisory_unlock(\(unsafeRaw: String(Self.advisoryLockKey)))").run()
                }
                throw error
            }
        }
    }

    private func migrateLocked(_ db: any SQLDatabase, target: Int) async throws -> [Int] {
        try await Self.ensureBookkeeping(db)
        let current = try await Self.currentVersion(db)
        if current > Migration.latestVersion {
            throw StoreError.schemaTooNew(found: current, known: Migration.latestVersion)
        }
        let pending = Migration.all.filter { $0.version > current && $0.version <= target }
        guard !pending.isEmpty else { return [] }
        if current > 0, let path = sqliteBackupPath {
            let backup = "\(path).before-v\(pending[0].version)-\(clock().millisecondsSince1970)"
            let quoted = backup.replacingOccurrences(of: "'", with: "''")
            let vacuum = "VACUUM INTO '\(quoted)'"
            try await db.raw(SQLQueryString(vacuum)).run()
            logger.notice("copied the database aside before upgrading it", metadata: ["backup": .string(backup)])
        }
        var applied: [Int] = []
        for migration in pending {
            try await DatabaseContext.inTransaction(db, begin: driver.beginTransactionSQL) { db in
                for statement in migration.statements(driver.kind) {
                    try await db.raw(SQLQueryString(statement)).run()
                }
                try await db.insert(into: "schema_migrations")
                    .columns("version", "name", "applied_at")
                    .values(SQLBind(migration.version), SQLBind(migration.name), SQLBind(clock().millisecondsSince1970))
                    .run()
            }
            logger.info("applied schema migration", metadata: [
                "version": .stringConvertible(migration.version), "name": .string(migration.name),
            ])
            applied.append(migration.version)
        }
        return applied
    }

    private static func ensureBookkeeping(_ db: any SQLDatabase) async throws {
        try await db.raw("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version BIGINT PRIMARY KEY,
                name TEXT NOT NULL,
                applied_at BIGINT NOT NULL
            )
            """).run()
    }

    private static func currentVersion(_ db: any SQLDatabase) async throws -> Int {
        let row = try await db.raw("SELECT MAX(version) AS version FROM schema_migrations").first()
        return try row?.decodeNil(column: "version") == false ? Int(try row!.decode(column: "version", as: Int64.self)) : 0
    }
}
