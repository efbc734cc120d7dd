// Benchmarks for the Store module: CDR inserts per second on SQLite and PostgreSQL (one per
// transaction and in batches), and the registrar's read of an agent's configuration by SIP
// user name. PostgreSQL runs when KEFU_BENCH_POSTGRES_URL (or KEFU_TEST_POSTGRES_URL) is set;
// scripts/bench/store-bench.sh starts a throw-away server and sets it.
// They print figures; they assert nothing.
import Benchmark
import Foundation
import Logging
import Store
import Synchronization

let benchmarks: @Sendable () -> Void = {
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .throughput, .mallocCountTotal],
        timeUnits: .microseconds,
        maxDuration: .seconds(8),
        maxIterations: 200_000
    )
    for database in StoreBench.databases() {
        Benchmark("CDR append, 1 per transaction, \(database.name)", configuration: configuration) { benchmark in
            let bench = try await StoreBench.shared.open(database)
            for _ in benchmark.scaledIterations {
                try await bench.store.callDetailRecords.append(bench.tenant, bench.nextRecord())
            }
        }
        Benchmark("CDR append, 100 per transaction (x100 CDRs), \(database.name)", configuration: configuration) { benchmark in
            let bench = try await StoreBench.shared.open(database)
            for _ in benchmark.scaledIterations {
                try await bench.store.callDetailRecords.appendBatch((0..<100).map { _ in (bench.tenant, bench.nextRecord()) })
            }
        }
        Benchmark("agent configuration by SIP user name, \(database.name)", configuration: configuration) { benchmark in
            let bench = try await StoreBench.shared.open(database)
            for index in benchmark.scaledIterations {
                let found = try await bench.store.agents.configuration(
                    sipUsername: String(2000 + index % StoreBench.agents), realm: "bench.kefu.test")
                blackHole(found)
            }
        }
    }
    Benchmark.teardown = {
        await StoreBench.shared.closeAll()
    }
}

/// The stores benchmarked, opened once each and seeded with a tenant of agents.
actor StoreBench {
    static let shared = StoreBench()
    static let agents = 200

    struct Database: Sendable {
        let name: String
        let backend: StoreConfiguration.Backend
        let synchronous: StoreConfiguration.SQLiteSynchronous
    }

    struct Opened: Sendable {
        let store: Store
        let tenant: TenantID
        let agent: AgentID
        let counter: Counter

        func nextRecord() -> CallDetailRecord {
            let index = counter.next()
            let start = Date(timeIntervalSince1970: 1_790_000_000 + Double(index))
            return CallDetailRecord(
                callID: "bench-\(index)", callerNumber: "1380000\(index % 10_000)", calledNumber: "4001234567",
                arrivedAt: start, ivrStartedAt: start, enqueuedAt: start.addingTimeInterval(5),
                offeredAt: start.addingTimeInterval(20), answeredAt: start.addingTimeInterval(25),
                endedAt: start.addingTimeInterval(180), agentID: agent, agentWorkNumber: "2000", hungUpBy: .caller,
                disposition: .answered, surveyScore: 5,
                legs: [
                    CallLeg(sequence: 1, kind: .customer, number: "13800000000", startedAt: start, answeredAt: start,
                            endedAt: start.addingTimeInterval(180), outcome: .answered),
                    CallLeg(sequence: 2, kind: .agent, agentID: agent, startedAt: start.addingTimeInterval(20),
                            answeredAt: start.addingTimeInterval(25), endedAt: start.addingTimeInterval(180), outcome: .answered),
                ])
        }
    }

    final class Counter: Sendable {
        private let value = Atomic<Int>(0)
        func next() -> Int { value.wrappingAdd(1, ordering: .relaxed).newValue }
    }

    private var opened: [String: Opened] = [:]

    static func databases() -> [Database] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kefu-store-bench-\(ProcessInfo.processInfo.processIdentifier)")
        var list = [
            Database(name: "SQLite", backend: .sqlite(path: directory.appendingPathComponent("normal.sqlite").path), synchronous: .normal),
            Database(name: "SQLite synchronous=FULL", backend: .sqlite(path: directory.appendingPathComponent("full.sqlite").path), synchronous: .full),
        ]
        let environment = ProcessInfo.processInfo.environment
        if let url = environment["KEFU_BENCH_POSTGRES_URL"] ?? environment["KEFU_TEST_POSTGRES_URL"], !url.isEmpty {
            list.append(Database(name: "PostgreSQL", backend: .postgres(url: url), synchronous: .normal))
        }
        return list
    }

    func open(_ database: Database) async throws -> Opened {
        if let existing = opened[database.name] { return existing }
        var configuration = StoreConfiguration(backend: database.backend)
        configuration.sqliteSynchronous = database.synchronous
        configuration.passwordCost = 4
        configuration.logger.logLevel = .warning
        if case .postgres = database.backend {
            configuration.postgresSchema = "bench_\(ProcessInfo.processInfo.processIdentifier)"
        }
        let store = try await Store.open(configuration)
        let tenant = try await store.tenants.create(TenantDefinition(
            code: "bench", name: "Bench", timeZone: "UTC", sipDomain: "bench.kefu.test"))
        let skill = try await store.skills.create(tenant.id, SkillDefinition(name: "service"))
        let queue = try await store.queues.create(tenant.id, QueueDefinition(name: "service"))
        var first: AgentID?
        for index in 0..<Self.agents {
            let agent = try await store.agents.create(tenant.id, AgentDefinition(
                workNumber: String(2000 + index), displayName: "Agent \(index)", extensionNumber: String(2000 + index),
                skills: [AgentSkill(skillID: skill.id, level: 5)], queues: [AgentQueueMembership(queueID: queue.id)]),
                sipPassword: "password-\(index)")
            first = first ?? agent.id
        }
        let result = Opened(store: store, tenant: tenant.id, agent: first!, counter: Counter())
        opened[database.name] = result
        return result
    }

    func closeAll() async {
        for (_, database) in opened { await database.store.close() }
        opened.removeAll()
    }
}
