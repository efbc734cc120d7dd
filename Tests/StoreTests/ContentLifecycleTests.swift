// Flow and prompt versions: draft -> submitted -> approved -> published, rejection with a
// comment, the platform's approval switch, and publishing as one transaction.
import Foundation
import Testing
@testable import Store

@Suite struct ContentLifecycleTests {
    @Test("every step of the lifecycle table is allowed or refused as issue 10 says", arguments: [
        (ContentStatus.draft, ContentAction.submit, false, false, ContentStatus?.some(.submitted)),
        (.draft, .publish, false, false, .published),
        (.draft, .publish, true, false, nil),
        (.draft, .approve, true, false, nil),
        (.draft, .reject, true, false, nil),
        (.submitted, .submit, true, false, nil),
        (.submitted, .publish, true, false, nil),
        (.submitted, .publish, false, false, .published),
        (.submitted, .approve, true, false, .approved),
        (.submitted, .reject, true, false, .rejected),
        (.approved, .publish, true, true, .published),
        (.approved, .reject, true, true, .rejected),
        (.approved, .approve, true, true, nil),
        (.rejected, .publish, false, true, nil),
        (.rejected, .submit, false, true, nil),
        (.rejected, .approve, true, true, nil),
        (.published, .publish, false, true, nil),
        (.published, .reject, true, true, nil),
        (.superseded, .publish, true, true, .published),
        (.superseded, .publish, true, false, nil),
        (.superseded, .publish, false, false, .published),
    ])
    func table(from: ContentStatus, action: ContentAction, approvalRequired: Bool, wasApproved: Bool, to: ContentStatus?) {
        let result = try? from.applying(action, approvalRequired: approvalRequired, wasApproved: wasApproved, kind: "flow version")
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

    @Test("illegal steps on stored versions are refused and change nothing: approving a draft, publishing a rejected version, submitting twice", arguments: TestBackend.all)
    func illegalStepsOnStoredVersions(backend: TestBackend) async throws {
        try await withStore(backend) { store throws in
            let seeded = try await SeededTenant.make(store, code: "acme", number: "4001234567")
            let t = seeded.id
            try await store.platformSettings.setApprovalRequired(true)
            let draft = seeded.flowVersion.id
            await #expect(throws: StoreError.invalidTransition(kind: "flow version", from: "draft", to: "approved",
                                                               reason: "only a submitted version can be approved")) {
                try await store.flows.approve(t, draft, by: "reviewer")
            }
            await #expect(throws: StoreError.self) { try await store.flows.reject(t, draft, by: "reviewer", comment: "no") }
            #expect(try await store.flows.version(t, draft).status == .draft)
            #expect(try await store.flows.version(t, draft).history.reviewedBy == nil)

            _ = try await store.flows.submit(t, draft, by: "admin")
            await #expect(throws: StoreError.invalidTransition(kind: "flow version", from: "submitted", to: "submitted",
                                                               reason: "only a draft can be submitted for review")) {
                try await store.flows.submit(t, draft, by: "admin")
            }
            let rejected = try await store.flows.reject(t, draft, by: "reviewer", comment: "the menu skips the greeting")
            #expect(rejected.history.reviewedAt != nil)
            for action in ["publish", "submit", "approve"] {
                let refused = await #expect(throws: StoreError.self, "\(action) of a rejected version") {
                    switch action {
                    case "publish": _ = try await store.flows.publish(t, draft, by: "admin")
                    case "submit": _ = try await store.flows.submit(t, draft, by: "admin")
                    default: _ = try await store.flows.approve(t, draft, by: "reviewer")
                    }
                }
                guard case .invalidTransition(_, "rejected", _, _)? = refused else {
                    Issue.record("\(action): expected a refused transition from rejected, got \(String(describing: refused))")
                    continue
                }
            }
            let stored = try await store.flows.version(t, draft)
            #expect(stored.status == .rejected && stored.history.reviewComment == "the menu skips the greeting")
            #expect(try await store.flows.get(t, seeded.flow.id).publishedVersionID == nil)
            let long = String(repeating: "x", count: 2_001)
            let fixed = try await store.flows.addVersion(t, seeded.flow.id, document: Fixtures.flowDocument, createdBy: "admin")
            _ = try await store.flows.submit(t, fixed.id, by: "admin")
            let tooLong = await #expect(throws: StoreError.self) { try await store.flows.reject(t, fixed.id, by: "reviewer", comment: long) }
            #expect(tooLong?.issues.first?.field == "comment")
            #expect(try await store.flows.version(t, fixed.id).status == .submitted)
        }
    }

    @Test("a version published before approval was required cannot be rolled back to once it is; an approved one can", arguments: TestBackend.all)
    func rollbackNeedsApproval(backend: TestBackend) async throws {
        try await withStore(backend) { store throws in
            let seeded = try await SeededTenant.make(store, code: "acme", number: "4001234567")
            let t = seeded.id
            let unreviewed = try await store.flows.publish(t, seeded.flowVersion.id, by: "admin")
            try await store.platformSettings.setApprovalRequired(true)
            let second = try await store.flows.addVersion(t, seeded.flow.id, document: Fixtures.flowDocument, createdBy: "admin")
            _ = try await store.flows.submit(t, second.id, by: "admin")
            _ = try await store.flows.approve(t, second.id, by: "reviewer", comment: "fine")
            _ = try await store.flows.publish(t, second.id, by: "admin")
            let third = try await store.flows.addVersion(t, seeded.flow.id, document: Fixtures.flowDocument, createdBy: "admin")
            _ = try await store.flows.submit(t, third.id, by: "admin")
            _ = try await store.flows.approve(t, third.id, by: "reviewer")
            _ = try await store.flows.publish(t, third.id, by: "admin")
            await #expect(throws: StoreError.self) { try await store.flows.publish(t, unreviewed.id, by: "admin") }
            #expect(try await store.flows.publish(t, second.id, by: "admin").status == .published)
            #expect(try await store.flows.versions(t, seeded.flow.id).map(\.status) == [.superseded, .published, .superseded])
        }
    }

    @Test("a reviewer reads a submitted version of any tenant by id, never a draft; tenants cannot reach each other's versions", arguments: TestBackend.all)
    func reviewerReadsAcrossTenants(backend: TestBackend) async throws {
        try await withStore(backend) { store throws in
            let acme = try await SeededTenant.make(store, code: "acme", number: "4001234567")
            let beta = try await SeededTenant.make(store, code: "beta", number: "4007654321", extensionNumber: "2001")
            try await store.platformSettings.setApprovalRequired(true)
            await #expect(throws: StoreError.notFound(kind: "flow version", key: acme.flowVersion.id.rawValue)) {
                try await store.flows.versionForReview(acme.flowVersion.id)
            }
            _ = try await store.flows.submit(acme.id, acme.flowVersion.id, by: "admin")
            let prompt = try await store.prompts.versions(beta.id, beta.prompt.id)[0]
            _ = try await store.prompts.submit(beta.id, prompt.id, by: "admin")
            let read = try await store.flows.versionForReview(acme.flowVersion.id)
            #expect(read.tenantID == acme.id && read.document == Fixtures.flowDocument && read.status == .submitted)
            #expect(try await store.prompts.versionForReview(prompt.id).tenantID == beta.id)
            #expect(try await store.flows.submittedForReview().map(\.tenantID) == [acme.id])
            #expect(try await store.prompts.submittedForReview().map(\.tenantID) == [beta.id])
            // Another tenant's id is not found under one's own tenant, for any step.
            await #expect(throws: StoreError.notFound(kind: "flow version", key: acme.flowVersion.id.rawValue)) {
                try await store.flows.approve(beta.id, acme.flowVersion.id, by: "reviewer")
            }
            await #expect(throws: StoreError.notFound(kind: "prompt version", key: prompt.id.rawValue)) {
                try await store.prompts.publish(acme.id, prompt.id, by: "admin")
            }
            #expect(try await store.prompts.version(beta.id, prompt.id).status == .submitted)
        }
    }

    @Test("concurrent publishes of one flow's approved versions leave exactly one published version, the one the flow points at", arguments: TestBackend.all)
    func concurrentPublishes(backend: TestBackend) async throws {
        try await withStore(backend) { store throws in
            let seeded = try await SeededTenant.make(store, code: "acme", number: "4001234567")
            let t = seeded.id
            try await store.platformSettings.setApprovalRequired(true)
            var approved: [FlowVersionID] = []
            for _ in 0..<6 {
                let version = try await store.flows.addVersion(t, seeded.flow.id, document: Fixtures.flowDocument, createdBy: "admin")
                _ = try await store.flows.submit(t, version.id, by: "admin")
                approved.append(try await store.flows.approve(t, version.id, by: "reviewer").id)
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for id in approved {
                    group.addTask { _ = try await store.flows.publish(t, id, by: "admin") }
                }
                try await group.waitForAll()
            }
            let versions = try await store.flows.versions(t, seeded.flow.id)
            let published = versions.filter { $0.status == .published }
            #expect(published.count == 1)
            #expect(try await store.flows.get(t, seeded.flow.id).publishedVersionID == published.first?.id)
            #expect(versions.filter { $0.status == .superseded }.count == 5)
        }
    }

    @Test("drafts saved at once to one flow and one prompt get distinct version numbers and are all kept", arguments: TestBackend.all)
    func concurrentDrafts(backend: TestBackend) async throws {
        try await withStore(backend) { store throws in
            let seeded = try await SeededTenant.make(store, code: "acme", number: "4001234567")
            let t = seeded.id
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<6 {
                    group.addTask { _ = try await store.flows.addVersion(t, seeded.flow.id, document: Fixtures.flowDocument, createdBy: "admin") }
                    group.addTask {
                        _ = try await store.prompts.addVersion(t, seeded.prompt.id, source: .tts(text: "第 \(index) 版", voice: "zh"), createdBy: "admin")
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await store.flows.versions(t, seeded.flow.id).map(\.version) == Array((1...7).reversed()))
            #expect(try await store.prompts.versions(t, seeded.prompt.id).map(\.version) == Array((1...7).reversed()))
        }
    }
}
