// CDRs: one transaction with legs, append-only, filters and paging as the API needs them.
import Foundation
import Testing
@testable import Store

@Suite struct CallDetailRecordTests {
    @Test("a CDR with its legs, diversions, data and recording reads back exactly as written", arguments: TestBackend.all)
    func roundTrip(backend: TestBackend) async throws {
        try await withStore(backend) { store throws in
            let seeded = try await SeededTenant.make(store, code: "acme", number: "4001234567")
            var expected = seeded.cdr
            expected.createdAt = try await store.callDetailRecords.get(seeded.id, seeded.cdr.id).createdAt
            #expect(try await store.callDetailRecords.get(seeded.id, seeded.cdr.id) == expected)
            #expect(try await store.callDetailRecords.find(seeded.id, callID: seeded.cdr.callID)?.legs.count == 2)
            #expect(try await store.recordings.get(seeded.id, seeded.recording.id).path == seeded.recording.path)
        }
    }

    @Test("a second record for the same call is refused: CDRs are append-only", arguments: TestBackend.all)
    func appendOnly(backend: TestBackend) async throws {
        try await withStore(backend) { store throws in
            let seeded = try await SeededTenant.make(store, code: "acme", number: "4001234567")
            var copy = Fixtures.cdr(callID: seeded.cdr.callID, agent: seeded.agent, queue: seeded.queue)
            copy.disposition = .abandoned
            copy.answeredAt = nil
            let error = await #expect(throws: StoreError.self) { try await store.callDetailRecords.append(seeded.id, copy) }
            #expect(error?.issues.first?.field == "call_id")
            #expect(error?.issues.first?.reason.contains("append-only") == true)
            #expect(try await store.callDetailRecords.count(seeded.id) == 1)
            #expect(try await store.callDetailRecords.get(seeded.id, seeded.cdr.id).disposition == .answered)
        }
    }

    @Test("a transfer attempt nobody answered stays a leg of the call", arguments: TestBackend.all)
    func failedTransferIsALeg(backend: TestBackend) async throws {
        try await withStore(backend) { store throws in
            let seeded = try await SeededTenant.make(store, code: "acme", number: "4001234567")
            var record = Fixtures.cdr(callID: "transfer-1", agent: seeded.agent, queue: seeded.queue, at: 30)
            record.legs.append(CallLeg(sequence: 3, kind: .transfer, number: "1002", startedAt: Fixtures.time(33),
                                       endedAt: Fixtures.time(33.5), outcome: .noAnswer, sipStatus: 408))
            try await store.callDetailRecords.append(seeded.id, record)
            let legs = try #require(try await store.callDetailRecords.find(seeded.id, callID: "transfer-1")).legs
            #expect(legs.map(\.kind) == [.customer, .agent, .transfer])
            #expect(legs.last?.outcome == .noAnswer && legs.last?.sipStatus == 408)
        }
    }

    @Test("a batch with one bad record writes nothing and names the bad record's fields", arguments: TestBackend.all)
    func batchAllOrNothing(backend: TestBackend) async throws {
        try await withStore(backend) { store throws in
            let seeded = try await SeededTenant.make(store, code: "acme", number: "4001234567")
            var bad = Fixtures.cdr(callID: "bad", agent: seeded.agent, queue: seeded.queue, at: 50)
            bad.endedAt = Fixtures.time(40)
            let batch = [(seeded.id, Fixtures.cdr(callID: "good", agent: seeded.agent, queue: seeded.queue, at: 50)), (seeded.id, bad)]
            let error = await #expect(throws: StoreError.self) {
                try await store.callDetailRecords.appendBatch(batch.map { (tenant: $0.0, record: $0.1) })
            }
            #expect(error?.issues.contains { $0.field == "[1].ended_at" } == true)
            #expect(try await store.callDetailRecords.find(seeded.id, callID: "good") == nil)
            // A duplicate inside a valid-looking batch rolls the whole batch back too.
            let duplicate = [(tenant: seeded.id, record: Fixtures.cdr(callID: "fresh", agent: seeded.agent, queue: seeded.queue, at: 60)),
                             (tenant: seeded.id, record: Fixtures.cdr(callID: seeded.cdr.callID, agent: seeded.agent, queue: seeded.queue, at: 60))]
            await #expect(throws: StoreError.self) { try await store.callDetailRecords.appendBatch(duplicate) }
            #expect(try await store.callDetailRecords.find(seeded.id, callID: "fresh") == nil)
        }
    }

    @Test("a batch of recordings of two tenants is stored for each, past one statement's rows; a bad one writes none", arguments: TestBackend.all)
    func recordingBatch(backend: TestBackend) async throws {
        try await withStore(backend) { store throws in
            let acme = try await SeededTenant.make(store, code: "acme", number: "4001234567")
            let globex = try await SeededTenant.make(store, code: "globex", number: "4007654321")
            let batch = (0..<120).map { index in
                (tenant: index % 2 == 0 ? acme.id : globex.id,
                 recording: Recording(callID: "batch-\(index)", path: "recordings/batch-\(index).wav",
                                      durationMilliseconds: 1_000 + index, sizeBytes: 32_044, startedAt: Fixtures.time(Double(index))))
            }
            try await store.recordings.addBatch(batch)
            for (tenant, recording) in batch {
                #expect(try await store.recordings.forCall(tenant, callID: recording.callID).map(\.durationMilliseconds) == [recording.durationMilliseconds])
            }
            #expect(try await store.recordings.forCall(globex.id, callID: "batch-0").isEmpty, "a tenant sees only its own")

            let bad = [(tenant: acme.id, recording: Recording(callID: "ok", path: "recordings/ok.wav", durationMilliseconds: 10, sizeBytes: 1, startedAt: Fixtures.time(1))),
                       (tenant: acme.id, recording: Recording(callID: "escape", path: "../etc/passwd", durationMilliseconds: 10, sizeBytes: 1, startedAt: Fixtures.time(1)))]
            let error = await #expect(throws: StoreError.self) { try await store.recordings.addBatch(bad) }
            #expect(error?.issues.map(\.field) == ["[1].path"])
            #expect(try await store.recordings.forCall(acme.id, callID: "ok").isEmpty)
        }
    }

    @Test("filters by time, number, agent, queue and disposition, and pages newest first without gaps", arguments: TestBackend.all)
    func filtersAndPaging(backend: TestBackend) async throws {
        try await withStore(backend) { store throws in
            let seeded = try await SeededTenant.make(store, code: "acme", number: "4001234567")
            let other = try await store.queues.create(seeded.id, QueueDefinition(name: "complaints"))
            var batch: [(tenant: TenantID, record: CallDetailRecord)] = []
            for index in 0..<25 {
                var record = Fixtures.cdr(callID: "c\(index)", agent: seeded.agent, queue: index % 5 == 0 ? other : seeded.queue,
                                          at: Double(100 + index), caller: "1390000\(String(format: "%04d", index % 3))")
                if index % 4 == 0 {
                    record.disposition = .abandoned
                    record.answeredAt = nil
                    record.agentID = nil
                }
                batch.append((seeded.id, record))
            }
            try await store.callDetailRecords.appendBatch(batch)
            let repo = store.callDetailRecords
            #expect(try await repo.count(seeded.id) == 26)
            #expect(try await repo.count(seeded.id, filter: .init(queueID: other.id)) == 5)
            #expect(try await repo.count(seeded.id, filter: .init(disposition: .abandoned)) == 7)
            #expect(try await repo.count(seeded.id, filter: .init(number: "13900000001")) == 8)
            #expect(try await repo.count(seeded.id, filter: .init(agentID: seeded.agent.id, queueID: seeded.queue.id)) == 16)
            #expect(try await repo.count(seeded.id, filter: .init(from: Fixtures.time(110), to: Fixtures.time(120))) == 10)
            #expect(try await repo.count(seeded.id, filter: .init(partnerID: seeded.partner.id)) == 0)
            #expect(try await repo.count(seeded.id, filter: .init(teamID: seeded.team.id)) == 26)

            var seen: [String] = []
            var cursor: String?
            repeat {
                let page = try await repo.list(seeded.id, filter: .init(from: Fixtures.time(100)), limit: 10, cursor: cursor)
                seen += page.records.map(\.callID)
                #expect(page.records.allSatisfy { $0.legs.count == 2 })
                cursor = page.nextCursor
            } while cursor != nil
            #expect(seen == (0..<25).reversed().map { "c\($0)" })
            await #expect(throws: StoreError.self) { try await repo.list(seeded.id, cursor: "garbage") }
        }
    }
}
