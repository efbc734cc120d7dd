// Mailboxes with their voicemail messages, and callback requests with their attempts.
import Foundation
import Testing
@testable import Store

@Suite struct VoicemailAndCallbackTests {
    @Test("a message left in the mailbox a flow names is listed newest first, and a handled message stays handled", arguments: TestBackend.all)
    func voicemail(backend: TestBackend) async throws {
        try await withStore(backend) { store throws in
            let seeded = try await SeededTenant.make(store, code: "acme", number: "4001234567")
            let t = seeded.id
            let mailbox = try #require(try await store.mailboxes.find(t, name: "service"))
            #expect(mailbox.queueID == seeded.queue.id && mailbox.greetingPromptID == seeded.prompt.id)
            let later = try await store.mailboxes.leave(t, VoicemailDraft(
                mailboxID: mailbox.id, callID: "call-2", callerNumber: "anonymous", receivedAt: Fixtures.time(30),
                durationMilliseconds: 4_000, audioPath: "voicemail/acme/call-2.wav"))
            let messages = try await store.mailboxes.messages(t, mailbox.id)
            #expect(messages.map(\.id) == [later.id, seeded.voicemail.id])
            #expect(try await store.mailboxes.messages(t, mailbox.id, status: .new).count == 2)

            let heard = try await store.mailboxes.mark(t, later.id, .heard, by: seeded.agent.id)
            #expect(heard.status == .heard && heard.handledBy == seeded.agent.id)
            _ = try await store.mailboxes.mark(t, later.id, .handled, by: seeded.agent.id)
            await #expect(throws: StoreError.self) { _ = try await store.mailboxes.mark(t, later.id, .new, by: nil) }
            #expect(try await store.mailboxes.message(t, later.id).status == .handled)
            #expect(try await store.mailboxes.messages(t, mailbox.id, status: .new).map(\.id) == [seeded.voicemail.id])
        }
    }

    @Test("a mailbox or message with a taken name, unknown references or bad values is refused field by field", arguments: TestBackend.all)
    func invalidMailboxes(backend: TestBackend) async throws {
        try await withStore(backend) { store throws in
            let seeded = try await SeededTenant.make(store, code: "acme", number: "4001234567")
            let t = seeded.id
            let error = await #expect(throws: StoreError.self) {
                try await store.mailboxes.create(t, MailboxDefinition(
                    name: "service", greetingPromptID: "no-such-prompt", maxMessageSeconds: 601, queueID: "no-such-queue"))
            }
            #expect(Set(error?.issues.map(\.field) ?? []) == ["max_message_seconds"])
            let references = await #expect(throws: StoreError.self) {
                try await store.mailboxes.create(t, MailboxDefinition(name: "service", greetingPromptID: "no-such-prompt", queueID: "no-such-queue"))
            }
            #expect(Set(references?.issues.map(\.field) ?? []) == ["name", "greeting", "queue"])
            let message = await #expect(throws: StoreError.self) {
                try await store.mailboxes.leave(t, VoicemailDraft(
                    mailboxID: seeded.mailbox.id, callID: "", callerNumber: "13800000001", receivedAt: Fixtures.time(1),
                    durationMilliseconds: -1, audioPath: "../etc/passwd"))
            }
            #expect(Set(message?.issues.map(\.field) ?? []) == ["call_id", "duration_ms", "audio_path"])
            await #expect(throws: StoreError.self) {
                try await store.mailboxes.leave(t, VoicemailDraft(
                    mailboxID: "no-such-mailbox", callID: "c", callerNumber: "1380", receivedAt: Fixtures.time(1),
                    durationMilliseconds: 1, audioPath: "voicemail/x.wav"))
            }
            #expect(try await store.mailboxes.messages(t, seeded.mailbox.id).count == 1)
        }
    }

    @Test("a caller asking twice gets one callback; the service claims due requests, retries, gives up and completes", arguments: TestBackend.all)
    func callbacks(backend: TestBackend) async throws {
        let clock = MutableClock(Fixtures.time(0))
        try await withStore(backend, clock: clock.now) { store throws in
            let seeded = try await SeededTenant.make(store, code: "acme", number: "4001234567")
            let t = seeded.id
            let again = try await store.callbacks.request(t, CallbackDraft(queueID: seeded.queue.id, number: seeded.callback.number))
            #expect(again.id == seeded.callback.id)
            let tomorrow = try await store.callbacks.request(t, CallbackDraft(
                queueID: seeded.queue.id, number: "13900000002", callID: "call-9", notBefore: Fixtures.time(24 * 60)))

            let claimed = try await store.callbacks.claimDue(limit: 10, lease: .seconds(300))
            #expect(claimed.map(\.id) == [seeded.callback.id])
            #expect(claimed.first?.status == .dialing && claimed.first?.attempts == 1)
            #expect(try await store.callbacks.claimDue(limit: 10).isEmpty)

            try await store.callbacks.markFailed(t, seeded.callback.id, outcome: "no_answer", retryAt: Fixtures.time(10))
            clock.set(Fixtures.time(10))
            let retried = try await store.callbacks.claimDue(limit: 10)
            #expect(retried.map(\.id) == [seeded.callback.id] && retried.first?.attempts == 2)
            try await store.callbacks.markCompleted(t, seeded.callback.id, agent: seeded.agent.id)
            let done = try await store.callbacks.get(t, seeded.callback.id)
            #expect(done.status == .completed && done.agentID == seeded.agent.id && done.lastOutcome == "reached")
            await #expect(throws: StoreError.self) { try await store.callbacks.cancel(t, seeded.callback.id) }

            clock.set(Fixtures.time(24 * 60))
            #expect(try await store.callbacks.claimDue(limit: 10).map(\.id) == [tomorrow.id])
            try await store.callbacks.markFailed(t, tomorrow.id, outcome: "busy", retryAt: nil)
            #expect(try await store.callbacks.get(t, tomorrow.id).status == .failed)
            #expect(try await store.callbacks.list(t, status: .pending).isEmpty)

            let bad = await #expect(throws: StoreError.self) {
                try await store.callbacks.request(t, CallbackDraft(queueID: seeded.queue.id, number: "call me"))
            }
            #expect(bad?.issues.first?.field == "number")
        }
    }

    @Test("a claim that is never reported back returns the callback after its lease", arguments: TestBackend.all)
    func leaseExpiry(backend: TestBackend) async throws {
        let clock = MutableClock(Fixtures.time(0))
        try await withStore(backend, clock: clock.now) { store throws in
            let seeded = try await SeededTenant.make(store, code: "acme", number: "4001234567")
            #expect(try await store.callbacks.claimDue(limit: 1, lease: .seconds(60)).map(\.id) == [seeded.callback.id])
            clock.set(Fixtures.time(0.5))
            #expect(try await store.callbacks.claimDue(limit: 1, lease: .seconds(60)).isEmpty)
            clock.set(Fixtures.time(1.5))
            #expect(try await store.callbacks.claimDue(limit: 1, lease: .seconds(60)).first?.attempts == 2)
        }
    }

    @Test("a flow's validator is told the tenant's mailbox names, so a voicemail node naming no mailbox is refused", arguments: TestBackend.all)
    func flowReferences(backend: TestBackend) async throws {
        let validator = DocumentValidator { document, kind, references in
            guard kind == .flow, let mailbox = document["mailbox"]?.stringValue, !references.mailboxes.contains(mailbox) else { return [] }
            return [FieldIssue(field: "mailbox", value: mailbox, reason: "no such mailbox")]
        }
        try await withStore(backend, validator: validator) { store throws in
            let t = try await store.tenants.create(Fixtures.tenant("acme")).id
            let flow = try await store.flows.create(t, FlowDefinition(name: "main"))
            let document = JSONValue.object(["start": .string("voicemail"), "mailbox": .string("service")])
            await #expect(throws: StoreError.self) { try await store.flows.addVersion(t, flow.id, document: document, createdBy: nil) }
            _ = try await store.mailboxes.create(t, MailboxDefinition(name: "service"))
            #expect(try await store.flows.addVersion(t, flow.id, document: document, createdBy: nil).version == 1)
        }
    }
}
