// Tenant isolation: for every repository, tenant A's id can neither read nor change tenant
// B's rows, and the database itself refuses cross-tenant references.
import Foundation
import Testing
@testable import Store

@Suite struct TenantIsolationTests {
    /// Reads of B's objects with A's id find nothing.
    @Test("tenant A's id reads none of tenant B's rows in any repository", arguments: TestBackend.all)
    func reads(backend: TestBackend) async throws {
        try await withStore(backend) { store throws in
            let a = try await SeededTenant.make(store, code: "alpha", number: "4001111111")
            let b = try await SeededTenant.make(store, code: "bravo", number: "4002222222", extensionNumber: "2001")
            let notFound = Self.expectNotFound
            await notFound { _ = try await store.skills.get(a.id, b.skill.id) }
            await notFound { _ = try await store.queues.get(a.id, b.queue.id) }
            await notFound { _ = try await store.prompts.get(a.id, b.prompt.id) }
            await notFound { _ = try await store.flows.get(a.id, b.flow.id) }
            await notFound { _ = try await store.flows.version(a.id, b.flowVersion.id) }
            await notFound { _ = try await store.accessNumbers.get(a.id, b.number.id) }
            await notFound { _ = try await store.agents.get(a.id, b.agent.id) }
            await notFound { _ = try await store.users.get(.tenant(a.id), b.user.id) }
            await notFound { _ = try await store.users.get(.platform, b.user.id) }
            await notFound { _ = try await store.customers.get(a.id, b.customer.id) }
            await notFound { _ = try await store.callDetailRecords.get(a.id, b.cdr.id) }
            await notFound { _ = try await store.recordings.get(a.id, b.recording.id) }
            await notFound { _ = try await store.apiKeys.get(a.id, b.apiKey.key.id) }
            await notFound { _ = try await store.webhooks.get(a.id, b.webhook.id) }
            await notFound { _ = try await store.smsOutbox.get(a.id, b.sms.id) }
            await notFound { _ = try await store.mailboxes.get(a.id, b.mailbox.id) }
            await notFound { _ = try await store.mailboxes.message(a.id, b.voicemail.id) }
            await notFound { _ = try await store.callbacks.get(a.id, b.callback.id) }

            #expect(try await store.skills.list(a.id).map(\.id) == [a.skill.id])
            #expect(try await store.queues.list(a.id).map(\.id) == [a.queue.id])
            #expect(try await store.prompts.list(a.id).map(\.id) == [a.prompt.id])
            #expect(try await store.prompts.versions(a.id, b.prompt.id).isEmpty)
            #expect(try await store.flows.list(a.id).map(\.id) == [a.flow.id])
            #expect(try await store.flows.versions(a.id, b.flow.id).isEmpty)
            #expect(try await store.accessNumbers.list(a.id).map(\.id) == [a.number.id])
            #expect(try await store.accessNumbers.find(a.id, number: b.number.number) == nil)
            #expect(try await store.agents.list(a.id).map(\.id) == [a.agent.id])
            #expect(try await store.agents.find(a.id, workNumber: b.agent.workNumber) == nil)
            #expect(try await store.agents.find(a.id, extensionNumber: b.agent.extensionNumber) == nil)
            #expect(try await store.agents.sipCredentials(a.id, b.agent.id).isEmpty)
            #expect(try await store.users.list(.tenant(a.id)).map(\.id) == [a.user.id])
            #expect(try await store.users.authenticate(.tenant(a.id), username: "admin", password: "correct horse")?.id == a.user.id)
            #expect(try await store.customers.find(a.id, number: "13800000001")?.id == a.customer.id)
            #expect(try await store.customers.search(a.id).map(\.id) == [a.customer.id])
            #expect(try await store.callDetailRecords.list(a.id).records.map(\.id) == [a.cdr.id])
            #expect(try await store.callDetailRecords.find(a.id, callID: b.cdr.callID) == nil)
            #expect(try await store.callDetailRecords.count(a.id) == 1)
            #expect(try await store.recordings.forCall(a.id, callID: b.recording.callID).isEmpty)
            #expect(try await store.organization.sites(a.id).map(\.id) == [a.site.id])
            #expect(try await store.organization.partners(a.id).map(\.id) == [a.partner.id])
            #expect(try await store.organization.teams(a.id).map(\.id) == [a.team.id])
            #expect(try await store.notReadyReasons.list(a.id).map(\.id) == [a.reason.id])
            #expect(try await store.apiKeys.list(a.id).map(\.id) == [a.apiKey.key.id])
            #expect(try await store.webhooks.list(a.id).map(\.id) == [a.webhook.id])
            #expect(try await store.webhooks.deliveries(a.id, b.webhook.id).isEmpty)
            #expect(try await store.smsOutbox.list(a.id).map(\.id) == [a.sms.id])
            #expect(try await store.mailboxes.list(a.id).map(\.id) == [a.mailbox.id])
            #expect(try await store.mailboxes.find(a.id, name: "service")?.id == a.mailbox.id)
            #expect(try await store.mailboxes.messages(a.id, b.mailbox.id).isEmpty)
            #expect(try await store.callbacks.list(a.id).map(\.id) == [a.callback.id])
            #expect(try await store.trunks.usable(by: a.id).isEmpty)
            #expect(try await store.agentStateHistory.latest(a.id).isEmpty)
            #expect(try await store.auditLog.list(.tenant(a.id), from: Fixtures.time(-1), to: Fixtures.time(1_000)).isEmpty)
        }
    }

    /// Changes to B's objects through A's id fail and leave B's rows as they were.
    @Test("tenant A's id can change or delete none of tenant B's rows", arguments: TestBackend.all)
    func writes(backend: TestBackend) async throws {
        try await withStore(backend) { store throws in
            let a = try await SeededTenant.make(store, code: "alpha", number: "4001111111")
            let b = try await SeededTenant.make(store, code: "bravo", number: "4002222222", extensionNumber: "2001")
            let refused = Self.expectNotFound
            await refused { _ = try await store.skills.update(a.id, b.skill.id, SkillDefinition(name: "hijacked")) }
            await refused { try await store.skills.delete(a.id, b.skill.id) }
            await refused { _ = try await store.queues.update(a.id, b.queue.id, QueueDefinition(name: "hijacked")) }
            await refused { try await store.queues.delete(a.id, b.queue.id) }
            await refused { _ = try await store.prompts.update(a.id, b.prompt.id, PromptDefinition(name: "hijacked")) }
            await refused { _ = try await store.prompts.addVersion(a.id, b.prompt.id, source: .tts(text: "x", voice: "zh"), createdBy: nil) }
            await refused { try await store.prompts.delete(a.id, b.prompt.id) }
            await refused { _ = try await store.flows.update(a.id, b.flow.id, FlowDefinition(name: "hijacked")) }
            await refused { _ = try await store.flows.addVersion(a.id, b.flow.id, document: .emptyObject, createdBy: nil) }
            await refused { _ = try await store.flows.publish(a.id, b.flowVersion.id, by: nil) }
            await refused { try await store.flows.delete(a.id, b.flow.id) }
            await refused { _ = try await store.accessNumbers.update(a.id, b.number.id, AccessNumberDefinition(number: "4009999999")) }
            await refused { try await store.accessNumbers.delete(a.id, b.number.id) }
            await refused { _ = try await store.agents.update(a.id, b.agent.id, AgentDefinition(workNumber: "x", displayName: "x", extensionNumber: "1999")) }
            await refused { try await store.agents.setSIPPassword(a.id, b.agent.id, "stolen-password") }
            await refused { try await store.agents.delete(a.id, b.agent.id) }
            await refused { _ = try await store.users.update(.tenant(a.id), b.user.id, UserDefinition(username: "x", displayName: "x", roles: [.supervisor])) }
            await refused { try await store.users.setPassword(.tenant(a.id), b.user.id, .plain("new password")) }
            await refused { try await store.users.delete(.platform, b.user.id) }
            await refused { _ = try await store.customers.update(a.id, b.customer.id, CustomerDefinition(name: "x")) }
            await refused { try await store.customers.delete(a.id, b.customer.id) }
            await refused { _ = try await store.organization.updateSite(a.id, b.site.id, SiteDefinition(name: "x")) }
            await refused { try await store.organization.deleteTeam(a.id, b.team.id) }
            await refused { _ = try await store.notReadyReasons.update(a.id, b.reason.id, NotReadyReasonDefinition(code: "x", name: "x")) }
            await refused { try await store.apiKeys.revoke(a.id, b.apiKey.key.id) }
            await refused { try await store.webhooks.delete(a.id, b.webhook.id) }
            await refused { _ = try await store.mailboxes.update(a.id, b.mailbox.id, MailboxDefinition(name: "hijacked")) }
            await refused { try await store.mailboxes.delete(a.id, b.mailbox.id) }
            await refused { _ = try await store.mailboxes.mark(a.id, b.voicemail.id, .handled, by: nil) }
            await refused {
                _ = try await store.mailboxes.leave(a.id, VoicemailDraft(
                    mailboxID: b.mailbox.id, callID: "x", callerNumber: "1380", receivedAt: Fixtures.time(1),
                    durationMilliseconds: 1, audioPath: "voicemail/x.wav"))
            }
            await refused { _ = try await store.callbacks.request(a.id, CallbackDraft(queueID: b.queue.id, number: "13800000009")) }
            await refused { try await store.callbacks.cancel(a.id, b.callback.id) }
            await refused { try await store.callbacks.markCompleted(a.id, b.callback.id, agent: nil) }

            // B's rows are exactly as they were.
            #expect(try await store.skills.get(b.id, b.skill.id) == b.skill)
            #expect(try await store.queues.get(b.id, b.queue.id) == b.queue)
            #expect(try await store.agents.get(b.id, b.agent.id) == b.agent)
            #expect(try await store.agents.sipAccount(username: "2001", realm: "bravo.kefu.test")?.credentials.matches(password: "secret-2001") == true)
            #expect(try await store.users.authenticate(.tenant(b.id), username: "admin", password: "correct horse") != nil)
            #expect(try await store.apiKeys.authenticate(token: b.apiKey.token) != nil)
            #expect(try await store.flows.get(b.id, b.flow.id).publishedVersionID == nil)
            #expect(try await store.accessNumbers.get(b.id, b.number.id) == b.number)
            #expect(try await store.webhooks.list(b.id).count == 1)
            #expect(try await store.mailboxes.get(b.id, b.mailbox.id) == b.mailbox)
            #expect(try await store.mailboxes.message(b.id, b.voicemail.id) == b.voicemail)
            #expect(try await store.callbacks.get(b.id, b.callback.id) == b.callback)
        }
    }

    /// References across tenants are refused by the checks and by the schema's composite keys.
    @Test("an object of tenant A cannot point at tenant B's objects", arguments: TestBackend.all)
    func crossTenantReferences(backend: TestBackend) async throws {
        try await withStore(backend) { store throws in
            let a = try await SeededTenant.make(store, code: "alpha", number: "4001111111")
            let b = try await SeededTenant.make(store, code: "bravo", number: "4002222222", extensionNumber: "2001")
            let error = await #expect(throws: StoreError.self) {
                try await store.agents.create(a.id, AgentDefinition(
                    workNumber: "X1", displayName: "X", extensionNumber: "1050",
                    skills: [AgentSkill(skillID: b.skill.id, level: 3)], queues: [AgentQueueMembership(queueID: b.queue.id)],
                    teamID: b.team.id))
            }
            #expect(Set(error?.issues.map(\.field) ?? []) == ["skills[0].skill", "queues[0].queue", "team"])
            #expect(error?.issues.allSatisfy { $0.reason == "no such skill in this tenant" || $0.reason.hasPrefix("no such") } == true)

            // Below the checks, the composite foreign key refuses the row too.
            await #expect(throws: (any Error).self) {
                try await store.executeRaw(
                    "INSERT INTO agent_queues (tenant_id, agent_id, queue_id, tier) VALUES (?, ?, ?, 1)",
                    [a.id.rawValue, a.agent.id.rawValue, b.queue.id.rawValue])
            }
            #expect(try await store.agents.get(a.id, a.agent.id).queues == [AgentQueueMembership(queueID: a.queue.id)])
        }
    }

    /// The operation fails because, for the tenant it names, the object does not exist.
    static func expectNotFound(_ operation: () async throws -> Void) async {
        do {
            try await operation()
            Issue.record("tenant A's id reached tenant B's row")
        } catch StoreError.notFound {
        } catch {
            Issue.record("expected 'not found', got \(error)")
        }
    }
}
