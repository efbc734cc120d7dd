// Opens a fresh store for one test on either database: an SQLite file in a temporary
// directory, or a PostgreSQL schema of its own on the server `scripts/test` starts.
import Foundation
import Logging
@testable import Store
import Testing

/// The databases the repository suite runs on.
enum TestBackend: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite
    case postgres

    var testDescription: String { rawValue }

    /// The URL of the throw-away PostgreSQL server, if this run has one.
    static var postgresURL: String? {
        let value = ProcessInfo.processInfo.environment["KEFU_TEST_POSTGRES_URL"]
        return value?.isEmpty == false ? value : nil
    }

    /// Whether a missing PostgreSQL must fail the run instead of skipping its cases: in CI
    /// (where `scripts/test` always provides one) or when asked to.
    static var postgresRequired: Bool {
        let environment = ProcessInfo.processInfo.environment
        let flag = { (name: String) in
            guard let value = environment[name]?.lowercased() else { return false }
            return !value.isEmpty && value != "0" && value != "false"
        }
        return flag("CI") || flag("KEFU_REQUIRE_POSTGRES")
    }

    /// The backends the parameterized tests run on: PostgreSQL is left out only when run
    /// by hand without a server (the `postgresIsAvailable` test says so loudly).
    static let all: [TestBackend] = (postgresURL != nil || postgresRequired) ? [.sqlite, .postgres] : [.sqlite]
}

/// A store for one test, and what it takes to clean it up.
struct TestDatabase: Sendable {
    let store: Store
    let backend: TestBackend
    let configuration: StoreConfiguration
    let directory: URL

    /// Opens a new, empty, migrated store.
    static func open(
        _ backend: TestBackend,
        migrate: Bool = true,
        clock: @escaping @Sendable () -> Date = { Date(timeIntervalSince1970: 1_790_000_000) },
        validator: DocumentValidator = .structural
    ) async throws -> TestDatabase {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("kefu-store-test-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var configuration: StoreConfiguration
        switch backend {
        case .sqlite:
            configuration = StoreConfiguration(backend: .sqlite(path: directory.appendingPathComponent("kefu.sqlite").path))
        case .postgres:
            guard let url = TestBackend.postgresURL else {
                Issue.record("KEFU_TEST_POSTGRES_URL is not set but PostgreSQL is required in this run (CI): run the suite through scripts/test")
                throw TestDatabaseError.postgresMissing
            }
            configuration = StoreConfiguration(backend: .postgres(url: url))
            configuration.postgresSchema = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(20)
            configuration.postgresPoolSize = 4
        }
        configuration.passwordCost = 4
        configuration.migrateOnOpen = migrate
        configuration.clock = clock
        configuration.documentValidator = validator
        configuration.logger = Logger(label: "kefu.store.test")
        configuration.logger.logLevel = .warning
        let store = try await Store.open(configuration)
        return TestDatabase(store: store, backend: backend, configuration: configuration, directory: directory)
    }

    /// Opens a second store on the same database (as a restarted process would).
    func reopen(migrate: Bool = true) async throws -> Store {
        var configuration = configuration
        configuration.migrateOnOpen = migrate
        return try await Store.open(configuration)
    }

    /// Closes the store and removes what the test left behind.
    func close() async {
        await store.close()
        if case .postgres = backend, let schema = configuration.postgresSchema, let url = TestBackend.postgresURL {
            var cleanup = StoreConfiguration(backend: .postgres(url: url))
            cleanup.migrateOnOpen = false
            cleanup.logger.logLevel = .warning
            if let admin = try? await Store.open(cleanup) {
                try? await admin.dropPostgresSchema(schema)
                await admin.close()
            }
        }
        try? FileManager.default.removeItem(at: directory)
    }
}

enum TestDatabaseError: Error {
    case postgresMissing
}

/// Runs `body` with a fresh store on `backend` and always cleans up.
func withStore<R: Sendable>(
    _ backend: TestBackend,
    clock: @escaping @Sendable () -> Date = { Date(timeIntervalSince1970: 1_790_000_000) },
    validator: DocumentValidator = .structural,
    _ body: (Store) async throws -> R
) async throws -> R {
    let database = try await TestDatabase.open(backend, clock: clock, validator: validator)
    do {
        let result = try await body(database.store)
        await database.close()
        return result
    } catch {
        await database.close()
        throw error
    }
}

@Suite struct TestEnvironmentTests {
    /// Says loudly when the PostgreSQL half of the suite did not run.
    @Test(
        "the PostgreSQL server of scripts/test is available",
        .enabled(
            if: TestBackend.postgresURL != nil || TestBackend.postgresRequired,
            "KEFU_TEST_POSTGRES_URL is not set: the PostgreSQL cases are SKIPPED; run scripts/test (or scripts/with-postgres swift test) to include them"
        )
    )
    func postgresIsAvailable() async throws {
        #expect(TestBackend.postgresURL != nil, "CI must run the store suite on PostgreSQL: KEFU_TEST_POSTGRES_URL is missing")
        let database = try await TestDatabase.open(.postgres)
        #expect(database.store.databaseKind == .postgres)
        await database.close()
    }
}
