// What kefu left in its database after (or during) a test: CDRs, recordings, agents, queues.

import Foundation
import Store

/// Read-only access to a kefu data directory's SQLite database for the demo tenant.
struct CallRecords {
    let store: Store
    let tenant: Tenant

    /// Opens `databasePath` without migrating or backing up (kefu owns the schema), and finds
    /// the tenant `code`.
    static func open(databasePath: String, tenant code: String = TestTenant.code) async throws -> CallRecords {
        guard FileManager.default.fileExists(atPath: databasePath) else {
            throw TestTenantError(description: "kefu left no database at \(databasePath)")
        }
        var configuration = StoreConfiguration(backend: .sqlite(path: databasePath))
        configuration.migrateOnOpen = false
        configuration.backupBeforeMigrating = false
        let store = try await Store.open(configuration)
        guard let tenant = try await store.tenants.find(code: code) else {
            await store.close()
            throw TestTenantError(description: "no tenant `\(code)` in \(databasePath): was --provision applied?")
        }
        return CallRecords(store: store, tenant: tenant)
    }

    /// Opens, runs `body`, closes.
    static func read<R>(databasePath: String, _ body: (CallRecords) async throws -> R) async throws -> R {
        let records = try await open(databasePath: databasePath)
        do {
            let result = try await body(records)
            await records.store.close()
            return result
        } catch {
            await records.store.close()
            throw error
        }
    }

    /// Every CDR of the tenant, oldest first.
    func calls() async throws -> [CallDetailRecord] {
        try await store.callDetailRecords.list(tenant.id, limit: 200).records.reversed()
    }

    /// The agent with extension `number`.
    func agent(extension number: String) async throws -> Agent {
        guard let agent = try await store.agents.find(tenant.id, extensionNumber: number) else {
            throw TestTenantError(description: "no agent with extension \(number) in tenant \(tenant.code)")
        }
        return agent
    }

    /// The extension of the agent `id`, for messages and comparisons.
    func extensionNumber(of id: AgentID?) async throws -> String? {
        guard let id else { return nil }
        return try await store.agents.get(tenant.id, id).extensionNumber
    }

    /// The name of queue `id`.
    func queueName(_ id: QueueID?) async throws -> String? {
        guard let id else { return nil }
        return try await store.queues.get(tenant.id, id).name
    }

    /// The recordings of a call.
    func recordings(of record: CallDetailRecord) async throws -> [Recording] {
        try await store.recordings.forCall(tenant.id, callID: record.callID)
    }
}

extension CallDetailRecord {
    /// The fields a failure message needs.
    var summary: String {
        "CDR \(callID): \(direction) \(callerNumber) → \(calledNumber), queue \(queueID.map { "\($0)" } ?? "-"), agent \(agentWorkNumber ?? "-"), "
            + "arrived \(arrivedAt), answered \(answeredAt.map { "\($0)" } ?? "-"), ended \(endedAt), hung up by \(hungUpBy), "
            + "\(disposition), recording \(recordingID.map { "\($0)" } ?? "-"), legs \(legs.map { "\($0.kind)/\($0.outcome)/hold \($0.holdCount)" })"
    }
}
