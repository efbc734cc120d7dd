// Users (bcrypt, roles by scope) and API keys (hashed tokens, scopes, revocation).
import Foundation
import Testing
@testable import Store

@Suite struct UserAndKeyTests {
    @Test("a user logs in with the right password only; an unknown name and a wrong password look the same", arguments: TestBackend.all)
    func authentication(backend: TestBackend) async throws {
        try await withStore(backend) { store throws in
            let seeded = try await SeededTenant.make(store, code: "acme", number: "4001234567")
            let scope = DataScope.tenant(seeded.id)
            let user = try #require(try await store.users.authenticate(scope, username: "admin", password: "correct horse"))
            #expect(user.roles == [.tenantAdmin] && user.lastLoginAt != nil)
            #expect(try await store.users.authenticate(scope, username: "admin", password: "wrong horse") == nil)
            #expect(try await store.users.authenticate(scope, username: "nobody", password: "correct horse") == nil)
            #expect(try await store.users.authenticate(.platform, username: "admin", password: "correct horse") == nil)
            let hash = try await store.users.passwordHash(scope, user.id)
            #expect(hash.encoded.hasPrefix("$2b$") && !hash.encoded.contains("correct horse"))
            // A hash (as exported) can be given instead of a password.
            let copy = try await store.users.create(scope, UserDefinition(username: "copy", displayName: "Copy", roles: [.supervisor]),
                                                     password: .hashed(hash))
            #expect(try await store.users.authenticate(scope, username: "copy", password: "correct horse")?.id == copy.id)
        }
    }

    @Test("roles must fit the scope, an agent user needs an agent and a partner manager a partner", arguments: TestBackend.all)
    func roleRules(backend: TestBackend) async throws {
        try await withStore(backend) { store throws in
            let seeded = try await SeededTenant.make(store, code: "acme", number: "4001234567")
            let tenantError = await #expect(throws: StoreError.self) {
                try await store.users.create(.tenant(seeded.id), UserDefinition(
                    username: "x", displayName: "X", roles: [.platformAdmin, .agent, .partnerManager]), password: .plain("long enough"))
            }
            #expect(Set(tenantError?.issues.map(\.field) ?? []) == ["roles", "agent", "partner"])
            let platformError = await #expect(throws: StoreError.self) {
                try await store.users.create(.platform, UserDefinition(username: "ops", displayName: "Ops", roles: [.supervisor]),
                                             password: .plain("long enough"))
            }
            #expect(platformError?.issues.first?.value == "supervisor")
            let reviewer = try await store.users.create(.platform, UserDefinition(username: "admin", displayName: "Reviewer",
                                                                                   roles: [.platformReviewer]), password: .plain("long enough"))
            #expect(try await store.users.list(.platform).map(\.id) == [reviewer.id])
            let agentUser = try await store.users.create(.tenant(seeded.id), UserDefinition(
                username: "a1001", displayName: "Agent", roles: [.agent], agentID: seeded.agent.id, teamIDs: [seeded.team.id]),
                password: .plain("long enough"))
            #expect(agentUser.agentID == seeded.agent.id && agentUser.teamIDs == [seeded.team.id])
            let weak = await #expect(throws: StoreError.self) {
                try await store.users.setPassword(.tenant(seeded.id), agentUser.id, .plain("short"))
            }
            #expect(weak?.issues.first?.value == nil)
        }
    }

    @Test("an API key's token authenticates until revoked or expired, and only its hash is stored", arguments: TestBackend.all)
    func apiKeys(backend: TestBackend) async throws {
        let clock = MutableClock(Fixtures.time(0))
        try await withStore(backend, clock: clock.now) { store throws in
            let t = try await store.tenants.create(Fixtures.tenant("acme")).id
            let issued = try await store.apiKeys.create(t, name: "crm", scopes: ["cdr:read", "calls:control"],
                                                        expiresAt: Fixtures.time(60))
            #expect(issued.token.hasPrefix("kefu_\(issued.key.prefix)_"))
            #expect(try await store.apiKeys.authenticate(token: issued.token)?.scopes == ["cdr:read", "calls:control"])
            // Its use is noted, at most once a minute (no write per API request).
            clock.set(Fixtures.time(0.5))
            #expect(try await store.apiKeys.authenticate(token: issued.token)?.lastUsedAt == Fixtures.time(0))
            clock.set(Fixtures.time(1.5))
            #expect(try await store.apiKeys.authenticate(token: issued.token)?.lastUsedAt == Fixtures.time(1.5))
            #expect(try await store.apiKeys.get(t, issued.key.id).lastUsedAt == Fixtures.time(1.5))
            #expect(try await store.apiKeys.authenticate(token: issued.token + "0") == nil)
            #expect(try await store.apiKeys.authenticate(token: "kefu_\(issued.key.prefix)_00") == nil)
            #expect(try await store.queryRaw("SELECT secret_sha256 FROM api_keys").allSatisfy { $0 != issued.token })
            clock.set(Fixtures.time(61))
            #expect(try await store.apiKeys.authenticate(token: issued.token) == nil)
            let second = try await store.apiKeys.create(t, name: "bi", scopes: ["cdr:read"])
            try await store.apiKeys.revoke(t, second.key.id)
            #expect(try await store.apiKeys.authenticate(token: second.token) == nil)
            let bad = await #expect(throws: StoreError.self) { try await store.apiKeys.create(t, name: "x", scopes: ["CDR READ"]) }
            #expect(bad?.issues.first?.value == "CDR READ")
        }
    }
}

/// A clock tests move by hand.
final class MutableClock: Sendable {
    private let value: Mutex<Date>

    init(_ start: Date) { value = Mutex(start) }

    var now: @Sendable () -> Date { { self.value.withLock { $0 } } }

    func set(_ date: Date) { value.withLock { $0 = date } }
}

import Synchronization
