// The store: one object that opens the database, migrates it, and hands out the
// repositories (one per aggregate) that everything else uses.
import Foundation
import Logging
import SQLKit

/// Kefu's persistent state on SQLite or PostgreSQL.
///
/// ```swift
/// let store = try await Store.open(.init(backend: .sqlite(path: "data/kefu.sqlite")))
/// let agent = try await store.agents.configuration(sipUsername: "1001", realm: "demo.kefu.local")
/// try await store.transaction { tx in
///     try await tx.callDetailRecords.append(tenant, record)
/// }
/// ```
///
/// Every method on tenant data takes the ``TenantID`` first and touches only that tenant's
/// rows. The few lookups that must find the tenant first (an access number by the dialled
/// number, an agent by SIP user name and realm, a trunk by source address, an API key by
/// its token) say so in their names and documentation.
public struct Store: Sendable {
    let context: DatabaseContext

    var configuration: StoreConfiguration { context.configuration }

    /// Opens the database the configuration names and, unless told otherwise, applies
    /// pending migrations.
    public static func open(_ configuration: StoreConfiguration) async throws -> Store {
        let driver: any DatabaseDriver
        switch configuration.backend {
        case .sqlite(let path):
            driver = try await SQLiteDriver.open(path: path, configuration: configuration)
        case .postgres(let url):
            driver = try await PostgresDriver.open(url: url, configuration: configuration)
        }
        let store = Store(context: DatabaseContext(driver: driver, pinned: nil, configuration: configuration))
        if configuration.migrateOnOpen {
            do {
                try await store.migrate()
            } catch {
                await store.close()
                throw error
            }
        }
        return store
    }

    /// Closes every connection. The store must not be used afterwards.
    public func close() async {
        await context.driver.close()
    }

    /// The database behind this store.
    public var databaseKind: DatabaseKind { context.kind }

    /// The schema version and pending migrations, changing nothing.
    public func schemaStatus() async throws -> SchemaStatus {
        try await migrator.status()
    }

    /// Applies pending migrations (up to `target`) and returns the versions applied.
    @discardableResult
    public func migrate(upTo target: Int = Migration.latestVersion) async throws -> [Int] {
        do {
            return try await migrator.migrate(upTo: target)
        } catch {
            throw DatabaseContext.mapped(error, operation: "migrating the schema")
        }
    }

    private var migrator: Migrator {
        var backupPath: String?
        if case .sqlite(let path) = configuration.backend, configuration.backupBeforeMigrating {
            backupPath = path
        }
        return Migrator(driver: context.driver, clock: context.clock, logger: context.logger, sqliteBackupPath: backupPath)
    }

    /// Runs `body` in one transaction: the repositories of the store passed to `body` all
    /// work on the transaction's connection. Everything commits when `body` returns, and
    /// nothing does when it throws.
    public func transaction<R: Sendable>(_ body: (Store) async throws -> R) async throws -> R {
        if context.pinned != nil { return try await body(self) }
        do {
            return try await context.driver.withWriter { db in
                try await DatabaseContext.inTransaction(db, begin: context.driver.beginTransactionSQL) { db in
                    do {
                        return try await body(Store(context: context.pinned(to: db)))
                    } catch {
                        throw BodyError(error: error)
                    }
                }
            }
        } catch let error as BodyError {
            // The caller's own error, after the rollback: handed back unchanged.
            throw error.error
        } catch {
            throw DatabaseContext.mapped(error, operation: "running a transaction")
        }
    }
}

extension Store {
    /// Tenants (platform level).
    public var tenants: TenantRepository { TenantRepository(context: context) }
}

extension Store {
    /// Drops a PostgreSQL schema and everything in it; for test clean-up only.
    func dropPostgresSchema(_ schema: String) async throws {
        guard databaseKind == .postgres else { return }
        try await context.driver.withWriter { db in
            let drop = "DROP SCHEMA IF EXISTS \"\(schema.replacingOccurrences(of: "\"", with: ""))\" CASCADE"
            try await db.raw(SQLQueryString(drop)).run()
        }
    }
}

/// Carries an error thrown by a transaction's body past the driver's error mapping.
private struct BodyError: Error {
    let error: any Error
}

extension Store {
    /// Skills of a tenant.
    public var skills: SkillRepository { SkillRepository(context: context) }
    /// Queues of a tenant.
    public var queues: QueueRepository { QueueRepository(context: context) }
    /// Agents of a tenant, and the registrar's lookup by SIP user and realm.
    public var agents: AgentRepository { AgentRepository(context: context) }
    /// Console users of the platform and of each tenant.
    public var users: UserRepository { UserRepository(context: context) }
    /// Access numbers, and the call path's lookup by dialled number.
    public var accessNumbers: AccessNumberRepository { AccessNumberRepository(context: context) }
    /// IVR flows and their versions.
    public var flows: FlowRepository { FlowRepository(context: context) }
    /// Prompts and their versions.
    public var prompts: PromptRepository { PromptRepository(context: context) }
    /// Carrier trunks (platform level), and the lookup by source address.
    public var trunks: TrunkRepository { TrunkRepository(context: context) }
    /// Call detail records with their legs (append-only).
    public var callDetailRecords: CallDetailRecordRepository { CallDetailRecordRepository(context: context) }
    /// Recording metadata.
    public var recordings: RecordingRepository { RecordingRepository(context: context) }
    /// Agent state history (append-only).
    public var agentStateHistory: AgentStateHistoryRepository { AgentStateHistoryRepository(context: context) }
    /// Customers and the lookup by calling number.
    public var customers: CustomerRepository { CustomerRepository(context: context) }
    /// The audit log.
    public var auditLog: AuditLogRepository { AuditLogRepository(context: context) }
    /// Sites, partner companies and teams.
    public var organization: OrganizationRepository { OrganizationRepository(context: context) }
    /// Not-ready reasons and their limits.
    public var notReadyReasons: NotReadyReasonRepository { NotReadyReasonRepository(context: context) }
    /// API keys and the lookup of a bearer token.
    public var apiKeys: APIKeyRepository { APIKeyRepository(context: context) }
    /// Webhooks, their delivery queue and log.
    public var webhooks: WebhookRepository { WebhookRepository(context: context) }
    /// The durable SMS outbox.
    public var smsOutbox: SMSOutboxRepository { SMSOutboxRepository(context: context) }
    /// Platform-wide settings (content approval switch).
    public var platformSettings: PlatformSettingsRepository { PlatformSettingsRepository(context: context) }
    /// Mailboxes and the voicemail messages left in them.
    public var mailboxes: MailboxRepository { MailboxRepository(context: context) }
    /// Callback requests and the callback service's claim of due ones.
    public var callbacks: CallbackRepository { CallbackRepository(context: context) }
    /// Call notes (电话小结) with their disposition codes.
    public var callNotes: CallNoteRepository { CallNoteRepository(context: context) }
    /// Notices (通知公告) for the agent desktop.
    public var notices: NoticeRepository { NoticeRepository(context: context) }
    /// The tenant's desk settings (CRM URL template, disposition codes).
    public var deskSettings: DeskSettingsRepository { DeskSettingsRepository(context: context) }
    /// Removal of records past their tenant's retention period.
    public var retention: RetentionRepository { RetentionRepository(context: context) }
}

extension Store {
    /// Runs one SQL statement in which each `?` takes the next of `binds`, in its own
    /// transaction (or the enclosing one); for tests of the schema itself, not for callers.
    func executeRaw(_ sql: String, _ binds: [String] = []) async throws {
        let pieces = sql.split(separator: "?", omittingEmptySubsequences: false)
        precondition(pieces.count == binds.count + 1, "one bind per '?'")
        var query = SQLQueryString(String(pieces[0]))
        for (bind, piece) in zip(binds, pieces.dropFirst()) {
            query.appendInterpolation(bind: bind)
            query.appendLiteral(String(piece))
        }
        let statement = query
        try await context.write("running a raw statement") { db in try await db.raw(statement).run() }
    }

    /// The first column of every row a query returns, as text; for tests only.
    func queryRaw(_ sql: String) async throws -> [String?] {
        try await context.read("running a raw query") { db in
            try await db.raw(SQLQueryString(sql)).all().map { row in
                let column = row.allColumns[0]
                if try row.decodeNil(column: column) { return nil }
                if let number = try? row.decode(column: column, as: Int64.self) { return String(number) }
                return try row.decode(column: column, as: String.self)
            }
        }
    }
}
