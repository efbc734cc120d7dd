// What every repository holds: the driver, or the one connection of the transaction it
// runs in, plus the clock and settings. It turns database errors into StoreErrors.
import Foundation
import Logging
import PostgresKit
import SQLKit
import SQLiteKit

/// The database access a repository works through.
///
/// Outside a transaction each call leases a connection (a reader for reads, the writer in
/// its own transaction for writes); inside ``Store/transaction(_:)`` every call runs on the
/// transaction's connection, so reads see the transaction's own writes.
struct DatabaseContext: Sendable {
    let driver: any DatabaseDriver
    let pinned: (any SQLDatabase)?
    let configuration: StoreConfiguration

    var clock: @Sendable () -> Date { configuration.clock }
    var passwordCost: UInt8 { configuration.passwordCost }
    var logger: Logger { configuration.logger }
    var documentValidator: DocumentValidator { configuration.documentValidator }

    var kind: DatabaseKind { driver.kind }

    /// The current time in milliseconds since 1970, the unit of every time column.
    var nowMilliseconds: Int64 { clock().millisecondsSince1970 }

    /// Runs a read. `operation` names it in errors ("reading agent 1001").
    func read<R: Sendable>(_ operation: String, _ body: (any SQLDatabase) async throws -> R) async throws -> R {
        do {
            if let pinned { return try await body(pinned) }
            return try await driver.withReader(body)
        } catch {
            throw Self.mapped(error, operation: operation)
        }
    }

    /// Runs `body` in a write transaction (or inside the enclosing one): all of it commits
    /// or none of it does.
    func write<R: Sendable>(_ operation: String, _ body: (any SQLDatabase) async throws -> R) async throws -> R {
        do {
            if let pinned { return try await body(pinned) }
            return try await driver.withWriter { db in
                try await Self.inTransaction(db, begin: driver.beginTransactionSQL, body)
            }
        } catch {
            throw Self.mapped(error, operation: operation)
        }
    }

    /// A context bound to one connection, for the repositories of a transaction.
    func pinned(to db: any SQLDatabase) -> DatabaseContext {
        DatabaseContext(driver: driver, pinned: db, configuration: configuration)
    }

    /// BEGIN, run, COMMIT; ROLLBACK when `body` throws (the error is rethrown unchanged).
    static func inTransaction<R: Sendable>(
        _ db: any SQLDatabase,
        begin: String,
        _ body: (any SQLDatabase) async throws -> R
    ) async throws -> R {
        try await db.raw(SQLQueryString(begin)).run()
        let result: R
        do {
            result = try await body(db)
        } catch {
            do {
                try await db.raw("ROLLBACK").run()
            } catch {
                // The connection lost its transaction (e.g. it was closed); nothing was committed.
            }
            throw error
        }
        try await db.raw("COMMIT").run()
        return result
    }

    /// Keeps StoreErrors and cancellation as they are; wraps anything else, turning
    /// constraint violations the checks did not foresee into input errors.
    static func mapped(_ error: any Error, operation: String) -> any Error {
        if error is StoreError || error is CancellationError { return error }
        if let sqlite = error as? SQLiteError {
            switch sqlite.reason {
            case .constraintUniqueFailed, .constraintPrimaryKeyFailed:
                return StoreError.invalid("", nil, "already exists (\(sqlite.message))")
            case .constraintForeignKeyFailed:
                return StoreError.invalid("", nil, "refers to something that does not exist or is still in use")
            default:
                break
            }
        }
        if let postgres = error as? PSQLError, let state = postgres.serverInfo?[.sqlState] {
            switch state {
            case "23505":
                let detail = postgres.serverInfo?[.detail] ?? postgres.serverInfo?[.constraintName] ?? ""
                return StoreError.invalid("", nil, "already exists (\(detail))")
            case "23503":
                return StoreError.invalid("", nil, "refers to something that does not exist or is still in use")
            default:
                break
            }
        }
        return StoreError.database(operation: operation, underlying: String(reflecting: error))
    }
}

extension Date {
    /// Milliseconds since 1970-01-01T00:00:00Z, as the store keeps time.
    public var millisecondsSince1970: Int64 {
        Int64((timeIntervalSince1970 * 1000).rounded())
    }

    /// The date `milliseconds` after 1970-01-01T00:00:00Z.
    public init(millisecondsSince1970 milliseconds: Int64) {
        self.init(timeIntervalSince1970: TimeInterval(milliseconds) / 1000)
    }
}
