// Migrations: a fresh database reaches the latest version; an older database with data is
// upgraded without losing any; a newer database is refused untouched.
import Foundation
import Testing
@testable import Store

@Suite struct MigrationTests {
    @Test("migration versions run 1, 2, … without gaps or repeats")
    func versionsAreSequential() {
        #expect(Migration.all.map(\.version) == Array(1...Migration.all.count))
    }

    @Test("a new database is migrated to the latest version on open and nothing is pending", arguments: TestBackend.all)
    func freshDatabase(backend: TestBackend) async throws {
        try await withStore(backend) { store throws in
            let status = try await store.schemaStatus()
            #expect(status == SchemaStatus(current: Migration.latestVersion, latest: Migration.latestVersion, pending: []))
            #expect(try await store.migrate().isEmpty)
        }
    }

    /// The upgrade path an operator takes: a version-1 database full of data, opened by a
    /// newer build.
    @Test("a version-1 database with data is upgraded and keeps every row", arguments: TestBackend.all)
    func upgradeKeepsData(backend: TestBackend) async throws {
        let database = try await TestDatabase.open(backend, migrate: false)
        do {
            let old = database.store
            #expect(try await old.migrate(upTo: 1) == [1])
            // Rows as a version-1 build wrote them (its repositories knew no organization columns).
            try await old.executeRaw("""
                INSERT INTO tenants (id, code, name, time_zone, sip_domain, seat_quota, ivr_port_quota, masking_policy,
                    retention_days, status, created_at, updated_at)
                VALUES ('t1', 'legacy', 'Legacy Ltd', 'Asia/Shanghai', 'legacy.kefu.test', 5, 5, 'middle', 90, 'active', 1, 1)
                """)
            try await old.executeRaw("""
                INSERT INTO agents (id, tenant_id, work_number, display_name, extension, voice_capacity, chat_capacity,
                    email_capacity, auto_answer, status, created_at, updated_at)
                VALUES ('a1', 't1', '007', 'Bond', '1007', 1, 3, 5, TRUE, 'active', 1, 1)
                """)
            try await old.executeRaw("""
                INSERT INTO sip_credentials (realm, username, tenant_id, agent_id, ha1_md5, ha1_sha256, updated_at)
                VALUES ('legacy.kefu.test', '1007', 't1', 'a1', ?, ?, 1)
                """, [DigestHA1(realm: "legacy.kefu.test", username: "1007", password: "old-secret").md5,
                      DigestHA1(realm: "legacy.kefu.test", username: "1007", password: "old-secret").sha256])
            try await old.executeRaw("""
                INSERT INTO call_detail_records (id, tenant_id, call_id, direction, caller_number, caller_hidden,
                    called_number, arrived_at, ended_at, agent_id, hung_up_by, disposition, forward_count, diversion,
                    call_data, created_at)
                VALUES ('c1', 't1', 'call-1', 'inbound', '13900000000', FALSE, '4001234567', 1000, 61000, 'a1',
                    'caller', 'abandoned', 0, '[]', '{}', 61000)
                """)
            #expect(try await old.schemaStatus().pending == Array(2...Migration.latestVersion))

            // A newer build opens it.
            let upgraded = try await database.reopen()
            #expect(try await upgraded.schemaStatus().current == Migration.latestVersion)
            let tenant = try await upgraded.tenants.get("t1")
            #expect(tenant.code == "legacy" && tenant.retentionDays == 90)
            let agent = try await upgraded.agents.get("t1", "a1")
            #expect(agent.workNumber == "007" && agent.autoAnswer && agent.teamID == nil)
            #expect(try await upgraded.agents.sipAccount(username: "1007", realm: "legacy.kefu.test")?.credentials
                .matches(password: "old-secret") == true)
            let cdr = try await upgraded.callDetailRecords.get("t1", "c1")
            #expect(cdr.callID == "call-1" && cdr.disposition == .abandoned && cdr.partnerID == nil)
            // What version 2 added works on the old rows.
            let team = try await upgraded.organization.createTeam("t1", TeamDefinition(name: "night shift"))
            var definition = agent.definition
            definition.teamID = team.id
            #expect(try await upgraded.agents.update("t1", "a1", definition).teamID == team.id)
            // And what version 3 added.
            let mailbox = try await upgraded.mailboxes.create("t1", MailboxDefinition(name: "service"))
            _ = try await upgraded.mailboxes.leave("t1", VoicemailDraft(
                mailboxID: mailbox.id, callID: "call-2", callerNumber: "13900000000", receivedAt: Fixtures.time(1),
                durationMilliseconds: 3_000, audioPath: "voicemail/legacy/call-2.wav"))
            #expect(try await upgraded.mailboxes.messages("t1", mailbox.id).map(\.callID) == ["call-2"])
            await upgraded.close()

            if backend == .sqlite {
                let files = try FileManager.default.contentsOfDirectory(atPath: database.directory.path)
                #expect(files.contains { $0.hasPrefix("kefu.sqlite.before-v2-") }, "an SQLite file is copied aside before it is upgraded")
            }
        } catch {
            await database.close()
            throw error
        }
        await database.close()
    }

    @Test("a database newer than this build is refused and left untouched", arguments: TestBackend.all)
    func newerDatabaseRefused(backend: TestBackend) async throws {
        let database = try await TestDatabase.open(backend)
        do {
            _ = try await database.store.tenants.create(Fixtures.tenant("keep"))
            try await database.store.executeRaw("INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'from the future', 0)")
            await #expect(throws: StoreError.schemaTooNew(found: 99, known: Migration.latestVersion)) {
                _ = try await database.reopen()
            }
            #expect(try await database.store.tenants.find(code: "keep") != nil)
        } catch {
            await database.close()
            throw error
        }
        await database.close()
    }

    @Test("a failing migration leaves the database at its previous version with its data", arguments: TestBackend.all)
    func failedMigrationRollsBack(backend: TestBackend) async throws {
        let database = try await TestDatabase.open(backend, migrate: false)
        do {
            let store = database.store
            try await store.migrate(upTo: 1)
            try await store.executeRaw("""
                INSERT INTO tenants (id, code, name, time_zone, sip_domain, seat_quota, ivr_port_quota, masking_policy,
                    retention_days, status, created_at, updated_at)
                VALUES ('t1', 'legacy', 'Legacy Ltd', 'UTC', 'legacy.kefu.test', 5, 5, 'middle', 90, 'active', 1, 1)
                """)
            // A table in the way of version 2 makes its CREATE TABLE fail half-way through.
            try await store.executeRaw("CREATE TABLE not_ready_reasons (id TEXT PRIMARY KEY)")
            await #expect(throws: StoreError.self) { try await store.migrate() }
            #expect(try await store.schemaStatus().current == 1)
            #expect(try await store.queryRaw("SELECT code FROM tenants") == ["legacy"])
            // Version 2's first table was rolled back with the rest.
            await #expect(throws: StoreError.self) { try await store.queryRaw("SELECT id FROM sites") }
        } catch {
            await database.close()
            throw error
        }
        await database.close()
    }
}
