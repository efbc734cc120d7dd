// SQLite behind the store: one writer connection, a few readers, WAL mode.
import Foundation
import Logging
import SQLiteKit

/// An SQLite file opened with one writing connection and `readers` read-only ones.
///
/// Every connection runs with foreign keys on and a busy timeout (SQLiteNIO's default busy
/// handler would spin forever); the file is switched to WAL so readers never block the
/// writer. Writes are serialized by the single writer connection, so a transaction never
/// meets `SQLITE_BUSY` from this process.
struct SQLiteDriver: DatabaseDriver {
    let kind = DatabaseKind.sqlite
    let beginTransactionSQL = "BEGIN IMMEDIATE"
    let path: String
    private let writer: ConnectionPool<SQLiteConnection>
    private let readers: ConnectionPool<SQLiteConnection>

    /// Opens (creating when missing) the file at `path`.
    static func open(path: String, configuration: StoreConfiguration) async throws -> SQLiteDriver {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        if !FileManager.default.fileExists(atPath: directory) {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw StoreError.invalidConfiguration("cannot create the data directory '\(directory)': \(error)")
            }
        }
        let driver = SQLiteDriver(path: path, configuration: configuration)
        // Open the writer once now, so a bad path or a locked file fails at start-up.
        try await driver.withWriter { _ in }
        return driver
    }

    private init(path: String, configuration: StoreConfiguration) {
        self.path = path
        let logger = configuration.logger
        let busyMilliseconds = Int(configuration.sqliteBusyTimeout.components.seconds * 1000)
            + Int(configuration.sqliteBusyTimeout.components.attoseconds / 1_000_000_000_000_000)
        let synchronous = configuration.sqliteSynchronous.rawValue
        func source(readOnly: Bool) -> ConnectionPool<SQLiteConnection>.Source {
            ConnectionPool.Source(
                open: {
                    // SQLiteNIO's shared thread pool and event loop group.
                    let connection = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
                    do {
                        // The busy timeout replaces SQLiteNIO's spin-forever busy handler.
                        _ = try await connection.query("PRAGMA busy_timeout = \(busyMilliseconds)")
                        if !readOnly {
                            _ = try await connection.query("PRAGMA journal_mode = WAL")
                        }
                        _ = try await connection.query("PRAGMA foreign_keys = ON")
                        _ = try await connection.query("PRAGMA synchronous = \(synchronous)")
                        // 32 MiB of page cache (the default is 2 MiB): CDR indexes stay in memory.
                        _ = try await connection.query("PRAGMA cache_size = -32768")
                        if readOnly {
                            _ = try await connection.query("PRAGMA query_only = ON")
                        }
                    } catch {
                        try? await connection.close()
                        throw error
                    }
                    return connection
                },
                isUsable: { !$0.isClosed },
                close: { try? await $0.close() }
            )
        }
        self.writer = ConnectionPool(capacity: 1, source: source(readOnly: false))
        self.readers = ConnectionPool(capacity: max(1, configuration.sqliteReaders), source: source(readOnly: true))
    }

    func withReader<R: Sendable>(_ body: (any SQLDatabase) async throws -> R) async throws -> R {
        try await readers.withConnection { try await body($0.sql(queryLogLevel: nil)) }
    }

    func withWriter<R: Sendable>(_ body: (any SQLDatabase) async throws -> R) async throws -> R {
        try await writer.withConnection { try await body($0.sql(queryLogLevel: nil)) }
    }

    func close() async {
        await readers.shutdown()
        await writer.shutdown()
    }
}
