// The durable queues and records around calls: webhook deliveries, the SMS outbox, agent
// state history, customers, the audit log and retention.
import Foundation
import Testing
@testable import Store

@Suite struct OperationsTests {
    @Test("webhook deliveries are claimed with a lease, retried after a failure, and logged", arguments: TestBackend.all)
    func webhooks(backend: TestBackend) async throws {
        let clock = MutableClock(Fixtures.time(0))
        try await withStore(backend, clock: clock.now) { store throws in
            let t = try await store.tenants.create(Fixtures.tenant("acme")).id
            let all = try await store.webhooks.create(t, WebhookDefinition(url: "https://crm.example/all", events: ["*"]))
            _ = try await store.webhooks.create(t, WebhookDefinition(url: "https://crm.example/agents", events: ["agent.state_changed"]))
            #expect(try await store.webhooks.enqueue(t, eventType: "call.ended", payload: #"{"call":"1"}"#).count == 1)
            let claimed = try await store.webhooks.claimDue(limit: 10, lease: .seconds(30))
            #expect(claimed.map(\.webhook.id) == [all.id] && claimed[0].delivery.attempts == 1)
            #expect(claimed[0].webhook.secret.count == 64)
            #expect(try await store.webhooks.claimDue(limit: 10).isEmpty, "a leased delivery is not handed out twice")
            try await store.webhooks.markFailed(claimed[0].delivery.id, statusCode: 503, error: "unavailable", retryAt: Fixtures.time(1))
            #expect(try await store.webhooks.claimDue(limit: 10).isEmpty)
            clock.set(Fixtures.time(1))
            let retry = try await store.webhooks.claimDue(limit: 10)
            #expect(retry.map(\.delivery.attempts) == [2])
            try await store.webhooks.markDelivered(retry[0].delivery.id, statusCode: 200)
            let log = try await store.webhooks.deliveries(t, all.id)
            #expect(log.map(\.status) == [.delivered] && log[0].lastStatusCode == 200 && log[0].attempts == 2)
            // A sender that died: its lease runs out and the delivery comes back.
            try await store.webhooks.enqueue(t, eventType: "call.ended", payload: "{}")
            _ = try await store.webhooks.claimDue(limit: 10, lease: .seconds(30))
            clock.set(Fixtures.time(2))
            #expect(try await store.webhooks.claimDue(limit: 10).count == 1)
        }
    }

    @Test("an SMS is queued durably, claimed, sent, and marked delivered by its receipt", arguments: TestBackend.all)
    func sms(backend: TestBackend) async throws {
        let clock = MutableClock(Fixtures.time(0))
        try await withStore(backend, clock: clock.now) { store throws in
            let t = try await store.tenants.create(Fixtures.tenant("acme")).id
            let queued = try await store.smsOutbox.enqueue(t, SMSDraft(to: "13800000001", body: "谢谢来电", purpose: "hangup", callID: "c1"))
            #expect(queued.status == .queued)
            let claimed = try await store.smsOutbox.claimDue(limit: 5)
            #expect(claimed.map(\.id) == [queued.id])
            try await store.smsOutbox.markFailed(queued.id, error: "SMSC down", retryAt: Fixtures.time(1))
            clock.set(Fixtures.time(1))
            let again = try await store.smsOutbox.claimDue(limit: 5)
            #expect(again.first?.attempts == 2)
            try await store.smsOutbox.markSent(queued.id, gatewayMessageID: "smsc-42")
            #expect(try await store.smsOutbox.markDelivered(gatewayMessageID: "smsc-42", at: Fixtures.time(2)))
            #expect(try await !store.smsOutbox.markDelivered(gatewayMessageID: "unknown", at: Fixtures.time(2)))
            let final = try await store.smsOutbox.get(t, queued.id)
            #expect(final.status == .delivered && final.deliveredAt == Fixtures.time(2) && final.draft.body == "谢谢来电")
            let invalid = await #expect(throws: StoreError.self) {
                try await store.smsOutbox.enqueue(t, SMSDraft(to: "not a number", body: "", purpose: "hangup"))
            }
            #expect(Set(invalid?.issues.map(\.field) ?? []) == ["to", "body"])
        }
    }

    @Test("state history keeps every change with its reason, and each agent's latest state is found", arguments: TestBackend.all)
    func stateHistory(backend: TestBackend) async throws {
        try await withStore(backend) { store throws in
            let seeded = try await SeededTenant.make(store, code: "acme", number: "4001234567")
            let agent = seeded.agent.id
            try await store.agentStateHistory.record(seeded.id, [
                AgentStateChange(agentID: agent, occurredAt: Fixtures.time(1), state: .ready, source: .phone),
                AgentStateChange(agentID: agent, occurredAt: Fixtures.time(2), state: .notReady, reasonCode: "rest", source: .desktop),
                AgentStateChange(agentID: "other", occurredAt: Fixtures.time(3), state: .signedOut, source: .system),
            ])
            let history = try await store.agentStateHistory.history(seeded.id, agent: agent, from: Fixtures.time(0), to: Fixtures.time(10))
            #expect(history.map(\.state) == [.ready, .notReady] && history[1].reasonCode == "rest")
            let latest = try await store.agentStateHistory.latest(seeded.id)
            #expect(latest[agent]?.state == .notReady && latest["other"]?.state == .signedOut)
            #expect(try await store.agentStateHistory.history(seeded.id, from: Fixtures.time(0), to: Fixtures.time(10)).count == 3)
        }
    }

    @Test("a customer is found by any of its numbers, and a number belongs to one customer", arguments: TestBackend.all)
    func customers(backend: TestBackend) async throws {
        try await withStore(backend) { store throws in
            let seeded = try await SeededTenant.make(store, code: "acme", number: "4001234567")
            var definition = seeded.customer.definition
            definition.numbers.append("02188886666")
            _ = try await store.customers.update(seeded.id, seeded.customer.id, definition)
            #expect(try await store.customers.find(seeded.id, number: "02188886666")?.vipTier == 2)
            let clash = await #expect(throws: StoreError.self) {
                try await store.customers.create(seeded.id, CustomerDefinition(name: "Other", numbers: ["13800000001"]))
            }
            #expect(clash?.issues.first?.field == "numbers[0]")
            #expect(try await store.customers.search(seeded.id, nameContaining: "VI").count == 1)
        }
    }

    @Test("the audit log keeps who did what from where, per scope", arguments: TestBackend.all)
    func audit(backend: TestBackend) async throws {
        try await withStore(backend) { store throws in
            let seeded = try await SeededTenant.make(store, code: "acme", number: "4001234567")
            let entry = AuditEntry(occurredAt: Fixtures.time(5), actor: AuditActor(kind: .user, id: seeded.user.id.rawValue, name: "admin"),
                                   action: "recording.play", objectKind: "recording", objectID: seeded.recording.id.rawValue,
                                   sourceAddress: "10.0.0.8", detail: ["range": "0-"])
            try await store.auditLog.record(.tenant(seeded.id), entry)
            try await store.auditLog.record(.platform, AuditEntry(occurredAt: Fixtures.time(6), actor: AuditActor(kind: .system, name: "provisioning"),
                                                                  action: "tenant.create", objectKind: "tenant"))
            #expect(try await store.auditLog.list(.tenant(seeded.id), from: Fixtures.time(0), to: Fixtures.time(10)) == [entry])
            #expect(try await store.auditLog.list(.platform, from: Fixtures.time(0), to: Fixtures.time(10)).map(\.action) == ["tenant.create"])
            #expect(try await store.auditLog.list(.tenant(seeded.id), from: Fixtures.time(0), to: Fixtures.time(10), action: "flow.publish").isEmpty)
        }
    }

    @Test("retention removes only the tenant's records older than its retention days and names the recording and voicemail files", arguments: TestBackend.all)
    func retention(backend: TestBackend) async throws {
        try await withStore(backend) { store throws in
            let a = try await SeededTenant.make(store, code: "alpha", number: "4001111111")
            let b = try await SeededTenant.make(store, code: "bravo", number: "4002222222", extensionNumber: "2001")
            let later = Fixtures.time(10 + 181 * 24 * 60)
            try await store.callDetailRecords.append(a.id, Fixtures.cdr(callID: "recent", agent: a.agent, queue: a.queue, at: 180 * 24 * 60))
            let result = try await store.retention.purgeExpired(a.id, now: later)
            #expect(result.callDetailRecords == 1 && result.recordingPaths == [a.recording.path])
            #expect(result.voicemailPaths == [a.voicemail.audioPath])
            #expect(try await store.mailboxes.messages(a.id, a.mailbox.id).isEmpty)
            #expect(try await store.mailboxes.messages(b.id, b.mailbox.id).count == 1)
            #expect(try await store.callbacks.get(a.id, a.callback.id).status == .pending, "an open callback is kept whatever its age")
            #expect(try await store.callDetailRecords.list(a.id).records.map(\.callID) == ["recent"])
            #expect(try await store.callDetailRecords.count(b.id) == 1, "another tenant's records are untouched")
        }
    }
}
