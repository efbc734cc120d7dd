// Agents: digest credentials stored as HA1 only, the registrar's lookup, and the checks on
// work numbers, extensions and references.
import Foundation
import Testing
@testable import Store

@Suite struct AgentRepositoryTests {
    @Test("HA1 is MD5 and SHA-256 of user:realm:password as RFC 2617 and RFC 7616 define it")
    func ha1Vectors() throws {
        // RFC 2617 §3.5's example credentials; the SHA-256 value computed with sha256sum.
        #expect(DigestHA1(realm: "testrealm@host.com", username: "Mufasa", password: "Circle Of Life").md5
            == "939e7578ed9e3c518a452acee763bce9")
        #expect(DigestHA1(realm: "http-auth@example.org", username: "Mufasa", password: "Circle of Life").sha256
            == "7987c64c30e25f1b74be53f966b49b90f2808aa92faf9a00262392d7b4794232")
        #expect(throws: StoreError.self) { try DigestHA1(realm: "r", username: "u", md5: "xyz", sha256: "abc") }
    }

    @Test("a softphone's user and realm find the agent's whole configuration and its HA1, never a password", arguments: TestBackend.all)
    func lookupBySIPUser(backend: TestBackend) async throws {
        try await withStore(backend) { store throws in
            let seeded = try await SeededTenant.make(store, code: "acme", number: "4001234567")
            let found = try #require(try await store.agents.configuration(sipUsername: "1001", realm: "acme.kefu.test"))
            #expect(found.account.tenantID == seeded.id)
            #expect(found.agent == seeded.agent)
            #expect(found.agent.skills == [AgentSkill(skillID: seeded.skill.id, level: 5)])
            #expect(found.account.credentials.matches(password: "secret-1001"))
            #expect(!found.account.credentials.matches(password: "secret-1002"))
            #expect(try await store.agents.configuration(sipUsername: "1001", realm: "other.kefu.test") == nil)
            #expect(try await store.agents.sipAccount(username: "1002", realm: "acme.kefu.test") == nil)
            // Nothing in the database holds the password itself.
            let stored = try await store.queryRaw("SELECT ha1_md5 || ha1_sha256 FROM sip_credentials")
            #expect(stored.allSatisfy { $0?.contains("secret-1001") == false })
        }
    }

    @Test("a disabled agent's phone is not found, and changing the extension drops credentials made for the old one", arguments: TestBackend.all)
    func disabledAndRenamed(backend: TestBackend) async throws {
        try await withStore(backend) { store throws in
            let seeded = try await SeededTenant.make(store, code: "acme", number: "4001234567")
            var definition = seeded.agent.definition
            definition.status = .disabled
            _ = try await store.agents.update(seeded.id, seeded.agent.id, definition)
            #expect(try await store.agents.sipAccount(username: "1001", realm: "acme.kefu.test") == nil)

            definition.status = .active
            definition.extensionNumber = "1009"
            _ = try await store.agents.update(seeded.id, seeded.agent.id, definition)
            #expect(try await store.agents.sipCredentials(seeded.id, seeded.agent.id).isEmpty)
            try await store.agents.setSIPPassword(seeded.id, seeded.agent.id, "new-secret")
            #expect(try await store.agents.sipAccount(username: "1009", realm: "acme.kefu.test")?.credentials
                .matches(password: "new-secret") == true)
        }
    }

    @Test("a second agent with the same work number or extension is refused naming both fields", arguments: TestBackend.all)
    func duplicates(backend: TestBackend) async throws {
        try await withStore(backend) { store throws in
            let seeded = try await SeededTenant.make(store, code: "acme", number: "4001234567")
            let error = await #expect(throws: StoreError.self) {
                try await store.agents.create(seeded.id, AgentDefinition(workNumber: "A1001", displayName: "Copy", extensionNumber: "1001"))
            }
            #expect(error?.issues.map(\.field).sorted() == ["extension", "work_number"])
            #expect(error?.issues.first { $0.field == "extension" }?.value == "1001")
        }
    }

    @Test("bad agent fields are all reported with their values", arguments: TestBackend.all)
    func invalidFields(backend: TestBackend) async throws {
        try await withStore(backend) { store throws in
            let tenant = try await store.tenants.create(Fixtures.tenant("acme"))
            let error = await #expect(throws: StoreError.self) {
                try await store.agents.create(tenant.id, AgentDefinition(
                    workNumber: "bad number!", displayName: " ", extensionNumber: "*12", pcPhoneNumber: "call me",
                    capacity: ChannelCapacity(voice: 9), skills: [AgentSkill(skillID: "nope", level: 11)]), sipPassword: "123")
            }
            #expect(Set(error?.issues.map(\.field) ?? []) == [
                "work_number", "name", "extension", "pc_phone", "capacity.voice", "skills[0].level", "password",
            ])
            #expect(error?.issues.first { $0.field == "password" }?.value == nil, "a password is never echoed")
        }
    }
}
