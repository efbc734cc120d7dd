// PostgreSQL behind the store: a pool of connections from a postgres:// URL.
import Foundation
import Logging
import PostgresKit
import Synchronization

/// A pool of PostgreSQL connections. Reads and write transactions share it; PostgreSQL's
/// own locking keeps concurrent transactions apart.
struct PostgresDriver: DatabaseDriver {
    let kind = DatabaseKind.postgres
    let beginTransactionSQL = "BEGIN"
    private let pool: ConnectionPool<PostgresConnection>

    private static let connectionIDs = Atomic<Int>(0)

    /// Connects once to check the URL, then keeps up to `poolSize` connections.
    static func open(url: String, configuration: StoreConfiguration) async throws -> PostgresDriver {
        var sqlConfiguration: SQLPostgresConfiguration
        do {
            sqlConfiguration = try SQLPostgresConfiguration(url: url)
            // A busy database server (or a busy machine running it) may take longer than the
            // driver's default 10 s to accept a connection; that is slow, not unreachable.
            sqlConfiguration.coreConfiguration.options.connectTimeout = .seconds(30)
        } catch {
            throw StoreError.invalidConfiguration(
                "cannot read PostgreSQL URL '\(StoreConfiguration.redactingPassword(url))': \(error)")
        }
        if let schema = configuration.postgresSchema, Validate.code(schema) != nil || schema.contains("-") {
            throw StoreError.invalidConfiguration("PostgreSQL schema '\(schema)' must be lowercase letters, digits and '_'")
        }
        let driver = PostgresDriver(
            coreConfiguration: sqlConfiguration.coreConfiguration,
            schema: configuration.postgresSchema,
            poolSize: configuration.postgresPoolSize,
            logger: configuration.logger
        )
        do {
            if let schema = configuration.postgresSchema {
                try await driver.withWriter { db in
                    let create = "CREATE SCHEMA IF NOT EXISTS \"\(schema)\""
                    try await db.raw(SQLQueryString(create)).run()
                }
            }
            try await driver.withReader { _ in }
        } catch {
            await driver.close()
            throw StoreError.invalidConfiguration(
                "cannot connect to PostgreSQL at '\(StoreConfiguration.redactingPassword(url))': \(String(reflecting: error))")
        }
        return driver
    }

    private init(coreConfiguration: PostgresConnection.Configuration, schema: String?, poolSize: Int, logger: Logger) {
        self.pool = ConnectionPool(
            capacity: max(1, poolSize),
            source: ConnectionPool.Source(
                open: {
                    let id = PostgresDriver.connectionIDs.wrappingAdd(1, ordering: .relaxed).newValue
                    let connection = try await PostgresConnection.connect(
                        on: PostgresConnection.defaultEventLoopGroup.any(),
                        configuration: coreConfiguration,
                        id: id,
                        logger: logger
                    )
                    if let schema {
                        do {
                            let setPath = "SET search_path TO \"\(schema)\""
                            try await connection.sql(queryLogLevel: nil).raw(SQLQueryString(setPath)).run()
                        } catch {
                            try? await connection.close()
                            throw error
                        }
                    }
                    return connection
                },
                isUsable: { !$0.isClosed },
                close: { try? await $0.close() }
            )
        )
    }

    func withReader<R: Sendable>(_ body: (any SQLDatabase) async throws -> R) async throws -> R {
        try await pool.withConnection { try await body($0.sql(queryLogLevel: nil)) }
    }

    func withWriter<R: Sendable>(_ body: (any SQLDatabase) async throws -> R) async throws -> R {
        try await pool.withConnection { try await body($0.sql(queryLogLevel: nil)) }
    }

    func close() async {
        await pool.shutdown()
    }
}
