// Flow and prompt versions: draft -> submitted -> approved -> published, rejection with a
// comment, the platform's approval switch, and publishing as one transaction.
import Foundation
import Testing
@testable import Store

@Suite struct ContentLifecycleTests {
    @Test("every step of the lifecycle table is allowed or refused as issue 10 says", arguments: [
        (ContentStatus.draft, ContentAction.submit, false, ContentStatus?.some(.submitted)),
        (.draft, .publish, false, .published),
        (.draft, .publish, true, nil),
        (.submitted, .publish, true, nil),
        (.submitted, .approve, true, .approved),
        (.submitted, .reject, true, .rejected),
        (.approved, .publish, true, .published),
        (.rejected, .publish, false, nil),
        (.rejected, .submit, false, nil),
        (.published, .publish, false, nil),
        (.superseded, .publish, true, .published),
        (.draft, .approve, false, nil),
    ])
    func table(from: ContentStatus, action: ContentAction, approvalRequired: Bool, to: ContentStatus?) {
        let result = try? from.applying(action, approvalRequired: approvalRequired, kind: "flow version")
        #expect(result == to)
    }

    @Test("publishing a new flow version supersedes the old one and moves the flow's pointer", arguments: TestBackend.all)
    func publishSupersedes(backend: TestBackend) async throws {
        try await withStore(backend) { store throws in
            let seeded = try await SeededTenant.make(store, code: "acme", number: "4001234567")
            let t = seeded.id
            let first = try await store.flows.publish(t, seeded.flowVersion.id, by: "admin")
            #expect(first.status == .published && first.history.publishedAt != nil)
            var document = Fixtures.flowDocument.objectValue!
            document["start"] = .string("queue")
            let second = try await store.flows.addVersion(t, seeded.flow.id, document: .object(document), createdBy: "admin")
            #expect(second.version == 2 && second.status == .draft)
            _ = try await store.flows.publish(t, second.id, by: "admin")
            #expect(try await store.flows.get(t, seeded.flow.id).publishedVersionID == second.id)
            #expect(try await store.flows.versions(t, seeded.flow.id).map(\.status) == [.published, .superseded])
            #expect(try await store.flows.publishedVersion(t, seeded.flow.id)?.document == .object(document))
            // Rolling back republishes the old version.
            _ = try await store.flows.publish(t, first.id, by: "admin")
            #expect(try await store.flows.versions(t, seeded.flow.id).map(\.status) == [.superseded, .published])
        }
    }

    @Test("with approval required a draft cannot be published; a reviewer approves or rejects with a comment", arguments: TestBackend.all)
    func approvalRequired(backend: TestBackend) async throws {
        try await withStore(backend) { store throws in
            let seeded = try await SeededTenant.make(store, code: "acme", number: "4001234567")
            let t = seeded.id
            try await store.platformSettings.setApprovalRequired(true)
            #expect(try await store.platformSettings.approvalRequired())
            await #expect(throws: StoreError.invalidTransition(kind: "flow version", from: "draft", to: "published",
                                                               reason: "the platform requires approval: submit the version and have it approved first")) {
                try await store.flows.publish(t, seeded.flowVersion.id, by: "admin")
            }
            _ = try await store.flows.submit(t, seeded.flowVersion.id, by: "admin")
            #expect(try await store.flows.submittedForReview().map(\.id) == [seeded.flowVersion.id])
            let noComment = await #expect(throws: StoreError.self) {
                try await store.flows.reject(t, seeded.flowVersion.id, by: "reviewer", comment: " ")
            }
            #expect(noComment?.issues.first?.field == "comment")
            let rejected = try await store.flows.reject(t, seeded.flowVersion.id, by: "reviewer", comment: "prompt 3 is too loud")
            #expect(rejected.status == .rejected && rejected.history.reviewComment == "prompt 3 is too loud")
            #expect(rejected.history.reviewedBy == "reviewer")
            #expect(try await store.flows.submittedForReview().isEmpty)

            let again = try await store.flows.addVersion(t, seeded.flow.id, document: Fixtures.flowDocument, createdBy: "admin")
            _ = try await store.flows.submit(t, again.id, by: "admin")
            _ = try await store.flows.approve(t, again.id, by: "reviewer")
            #expect(try await store.flows.publish(t, again.id, by: "admin").status == .published)

            // Prompts follow the same rules.
            let prompt = try await store.prompts.versions(t, seeded.prompt.id)[0]
            await #expect(throws: StoreError.self) { try await store.prompts.publish(t, prompt.id, by: "admin") }
            _ = try await store.prompts.submit(t, prompt.id, by: "admin")
            #expect(try await store.prompts.submittedForReview().map(\.id) == [prompt.id])
            _ = try await store.prompts.approve(t, prompt.id, by: "reviewer")
            _ = try await store.prompts.publish(t, prompt.id, by: "admin")
            #expect(try await store.prompts.get(t, seeded.prompt.id).publishedVersionID == prompt.id)
        }
    }

    @Test("a flow document the validator refuses is not stored, with the path inside the document", arguments: TestBackend.all)
    func invalidDocument(backend: TestBackend) async throws {
        let validator = DocumentValidator { document, kind, references in
            guard kind == .flow else { return [] }
            guard let queue = document["nodes"]?["queue"]?["enqueue"]?.stringValue, references.queues.contains(queue) else {
                return [FieldIssue(field: "nodes.queue.enqueue", value: document["nodes"]?["queue"]?["enqueue"]?.stringValue,
                                   reason: "no such queue")]
            }
            return []
        }
        try await withStore(backend, validator: validator) { store throws in
            let t = try await store.tenants.create(Fixtures.tenant("acme")).id
            let flow = try await store.flows.create(t, FlowDefinition(name: "main"))
            let error = await #expect(throws: StoreError.self) {
                try await store.flows.addVersion(t, flow.id, document: Fixtures.flowDocument, createdBy: nil)
            }
            #expect(error?.issues == [FieldIssue(field: "document.nodes.queue.enqueue", value: "service", reason: "no such queue")])
            #expect(try await store.flows.versions(t, flow.id).isEmpty)
            _ = try await store.queues.create(t, QueueDefinition(name: "service"))
            #expect(try await store.flows.addVersion(t, flow.id, document: Fixtures.flowDocument, createdBy: nil).version == 1)
        }
    }
}
