// How to reach the database and how the store behaves: one value, built from the command
// line (`--data-dir`, `--database-url`) or by tests.
import Foundation
import Logging

/// Where the store keeps its data and the knobs that go with each database.
public struct StoreConfiguration: Sendable {
    /// The database behind the store.
    public enum Backend: Sendable, Equatable {
        /// An SQLite file (created when missing), opened in WAL mode with foreign keys on.
        case sqlite(path: String)
        /// A PostgreSQL server, e.g. `postgres://kefu@127.0.0.1:5432/kefu?sslmode=disable`.
        case postgres(url: String)
    }

    /// How hard SQLite works to make each commit durable (`PRAGMA synchronous`).
    public enum SQLiteSynchronous: String, Sendable {
        /// In WAL mode a commit survives a crash of the process; a power loss may lose the
        /// last commits before the next checkpoint. The default, and the documented trade-off.
        case normal = "NORMAL"
        /// Every commit is synced to disk before it returns: survives power loss, slower.
        case full = "FULL"
    }

    /// The database to use.
    public var backend: Backend
    /// SQLite durability level; ignored for PostgreSQL.
    public var sqliteSynchronous: SQLiteSynchronous = .normal
    /// How long an SQLite connection waits for a lock held by another process before failing.
    public var sqliteBusyTimeout: Duration = .seconds(5)
    /// Read-only SQLite connections beside the single writer (WAL lets them read while it writes).
    public var sqliteReaders: Int = 2
    /// Connections to PostgreSQL.
    public var postgresPoolSize: Int = 8
    /// A PostgreSQL schema to keep Kefu's tables in (created when missing); `nil` uses the
    /// server's default search path (usually `public`).
    public var postgresSchema: String?
    /// Apply pending migrations when the store opens.
    public var migrateOnOpen: Bool = true
    /// Before migrating an SQLite file that already holds data, copy it aside
    /// (`<file>.before-v<N>`), so an upgrade can always be undone by hand.
    public var backupBeforeMigrating: Bool = true
    /// bcrypt cost for user passwords (each step doubles the work). Tests lower it.
    public var passwordCost: UInt8 = 12
    /// Checks flow and rule documents before they are stored (CallCenter supplies IVR's).
    public var documentValidator: DocumentValidator = .structural
    /// The clock stamping `created_at` and similar columns; tests pass a fixed one.
    public var clock: @Sendable () -> Date = { Date() }
    /// Where the store logs (never passwords or secrets).
    public var logger: Logger = Logger(label: "kefu.store")

    /// A configuration for `backend` with every other setting at its default.
    public init(backend: Backend) {
        self.backend = backend
    }

    /// The default SQLite file inside a data directory.
    public static func defaultSQLitePath(dataDirectory: String) -> String {
        URL(fileURLWithPath: dataDirectory).appendingPathComponent("kefu.sqlite").path
    }

    /// Builds the configuration the command line asks for: `databaseURL` when given
    /// (`postgres://…`, `postgresql://…`, `sqlite:PATH`), else `kefu.sqlite` in `dataDirectory`.
    public static func resolve(dataDirectory: String, databaseURL: String?) throws -> StoreConfiguration {
        guard let url = databaseURL, !url.isEmpty else {
            return StoreConfiguration(backend: .sqlite(path: defaultSQLitePath(dataDirectory: dataDirectory)))
        }
        if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
            return StoreConfiguration(backend: .postgres(url: url))
        }
        if url.hasPrefix("sqlite:") {
            var path = String(url.dropFirst("sqlite:".count))
            if path.hasPrefix("//") { path.removeFirst(2) }
            guard !path.isEmpty else {
                throw StoreError.invalidConfiguration("'\(url)' names no file; write sqlite:/path/to/kefu.sqlite")
            }
            return StoreConfiguration(backend: .sqlite(path: path))
        }
        throw StoreError.invalidConfiguration(
            "unsupported database URL '\(redactingPassword(url))': use postgres://USER@HOST:PORT/DB or sqlite:/path/file.sqlite"
        )
    }

    /// The URL with any password replaced by `***`, for messages and logs.
    static func redactingPassword(_ url: String) -> String {
        guard var components = URLComponents(string: url), components.password != nil else { return url }
        components.password = "***"
        return components.string ?? url
    }
}
