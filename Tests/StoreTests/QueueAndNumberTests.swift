// Queues and access numbers: overlapping hours, overflow loops, numbers unique across
// tenants, and rule documents checked by the injected validator.
import Foundation
import Testing
@testable import Store

@Suite struct QueueAndNumberTests {
    @Test("overlapping business hours are refused naming both windows and the day", arguments: TestBackend.all)
    func overlappingHours(backend: TestBackend) async throws {
        try await withStore(backend) { store throws in
            let tenant = try await store.tenants.create(Fixtures.tenant("acme"))
            let error = await #expect(throws: StoreError.self) {
                try await store.queues.create(tenant.id, QueueDefinition(name: "service", businessHours: [
                    BusinessHoursWindow(days: [.mon, .tue, .wed, .thu, .fri], start: "09:00", end: "18:00"),
                    BusinessHoursWindow(days: [.fri, .sat], start: "17:00", end: "24:00"),
                    BusinessHoursWindow(days: [.sun], start: "12:00", end: "11:00"),
                ]))
            }
            #expect(error?.issues == [
                FieldIssue(field: "business_hours[2].end", value: "11:00", reason: "must be later than the start 12:00"),
                FieldIssue(field: "business_hours[1]", value: "fri 17:00-24:00", reason: "overlaps business_hours[0] on fri"),
            ])
        }
    }

    @Test("a queue cannot overflow into itself or in a loop, and a queue others overflow into cannot be deleted", arguments: TestBackend.all)
    func overflow(backend: TestBackend) async throws {
        try await withStore(backend) { store throws in
            let t = try await store.tenants.create(Fixtures.tenant("acme")).id
            let first = try await store.queues.create(t, QueueDefinition(name: "first"))
            let second = try await store.queues.create(t, QueueDefinition(name: "second", overflowQueueID: first.id))
            var looping = first.definition
            looping.overflowQueueID = second.id
            let loop = await #expect(throws: StoreError.self) { try await store.queues.update(t, first.id, looping) }
            #expect(loop?.issues.first?.reason == "would make an overflow loop: second -> first")
            looping.overflowQueueID = first.id
            let selfLoop = await #expect(throws: StoreError.self) { try await store.queues.update(t, first.id, looping) }
            #expect(selfLoop?.issues.first?.field == "overflow")
            let delete = await #expect(throws: StoreError.self) { try await store.queues.delete(t, first.id) }
            #expect(delete?.issues.first?.reason.contains("second") == true)
            try await store.queues.delete(t, second.id)
            try await store.queues.delete(t, first.id)
            #expect(try await store.queues.list(t).isEmpty)
        }
    }

    @Test("a queue's survey flow is kept, changed and cleared; an empty name is refused naming survey_flow", arguments: TestBackend.all)
    func surveyFlow(backend: TestBackend) async throws {
        try await withStore(backend) { store throws in
            let t = try await store.tenants.create(Fixtures.tenant("acme")).id
            let queue = try await store.queues.create(t, QueueDefinition(name: "service", surveyFlow: "survey-three"))
            #expect(try await store.queues.get(t, queue.id).surveyFlow == "survey-three")
            var changed = queue.definition
            changed.surveyFlow = "survey-five"
            #expect(try await store.queues.update(t, queue.id, changed).surveyFlow == "survey-five")
            changed.surveyFlow = nil
            #expect(try await store.queues.update(t, queue.id, changed).surveyFlow == nil)
            changed.surveyFlow = "  "
            let error = await #expect(throws: StoreError.self) { try await store.queues.update(t, queue.id, changed) }
            #expect(error?.issues == [FieldIssue(field: "survey_flow", value: "  ", reason: "must not be empty")])
        }
    }

    @Test("a number held by another tenant is refused without naming that tenant, and the dialled number finds its tenant", arguments: TestBackend.all)
    func numbersAcrossTenants(backend: TestBackend) async throws {
        try await withStore(backend) { store throws in
            let a = try await store.tenants.create(Fixtures.tenant("alpha")).id
            let b = try await store.tenants.create(Fixtures.tenant("bravo")).id
            _ = try await store.accessNumbers.create(a, AccessNumberDefinition(number: "4001234567", outbound: true))
            let error = await #expect(throws: StoreError.self) {
                try await store.accessNumbers.create(b, AccessNumberDefinition(number: "4001234567"))
            }
            #expect(error?.issues == [FieldIssue(field: "number", value: "4001234567",
                                                 reason: "is assigned to another tenant; a number belongs to one tenant only")])
            #expect(try await store.accessNumbers.lookup(dialled: "4001234567")?.tenantID == a)
            #expect(try await store.accessNumbers.lookup(dialled: "4007654321") == nil)
            #expect(try await store.accessNumbers.outboundCallerIDs(a) == ["4001234567"])
            #expect(try await store.accessNumbers.outboundCallerIDs(b).isEmpty)
        }
    }

    @Test("the injected validator's findings in a rule set are reported under rules.* and nothing is stored", arguments: TestBackend.all)
    func rulesValidatedByInjectedValidator(backend: TestBackend) async throws {
        try await withStore(backend, validator: Fixtures.windowValidator) { store throws in
            let t = try await store.tenants.create(Fixtures.tenant("acme")).id
            let rules = JSONValue.object(["schedule": .array([
                .object(["from": .integer(9), "to": .integer(17), "queue": .string("service")]),
                .object(["from": .integer(16), "to": .integer(20), "queue": .string("night")]),
            ])])
            let error = await #expect(throws: StoreError.self) {
                try await store.accessNumbers.create(t, AccessNumberDefinition(number: "4001234567", rules: rules))
            }
            #expect(error?.issues.map(\.field) == ["rules.schedule[1]", "rules.schedule[0].queue", "rules.schedule[1].queue"])
            #expect(error?.issues.first?.reason == "overlaps schedule[0] (9-17)")
            #expect(try await store.accessNumbers.list(t).isEmpty)
        }
    }
}

extension Fixtures {
    /// A stand-in for IVR's rule validator: hour windows must not overlap and queues must exist.
    static let windowValidator = DocumentValidator { document, kind, references in
        guard kind == .inboundRules, let windows = document["schedule"]?.arrayValue else { return [] }
        var issues: [FieldIssue] = []
        var seen: [(Int64, Int64, Int)] = []
        for (index, window) in windows.enumerated() {
            guard case .integer(let from)? = window["from"], case .integer(let to)? = window["to"] else { continue }
            if let other = seen.first(where: { $0.0 < to && from < $0.1 }) {
                issues.append(FieldIssue(field: "schedule[\(index)]", value: "\(from)-\(to)",
                                         reason: "overlaps schedule[\(other.2)] (\(other.0)-\(other.1))"))
            }
            seen.append((from, to, index))
        }
        for (index, window) in windows.enumerated() {
            if let queue = window["queue"]?.stringValue, !references.queues.contains(queue) {
                issues.append(FieldIssue(field: "schedule[\(index)].queue", value: queue, reason: "no such queue"))
            }
        }
        return issues
    }
}
