// Call notes (电话小结): written after the call on its record, rewritten by a later save,
// checked field by field, and never visible to another tenant.
import Foundation
import Testing
@testable import Store

@Suite struct CallNoteTests {
    @Test("a note saved on a call record reads back, and a second save replaces it", arguments: TestBackend.all)
    func saveAndReplace(backend: TestBackend) async throws {
        try await withStore(backend) { store throws in
            let seeded = try await SeededTenant.make(store, code: "acme", number: "4001234567")
            let first = try await store.callNotes.save(
                seeded.id, record: seeded.cdr.id, CallNoteDefinition(dispositionCode: "consult", text: "问了套餐资费"),
                author: "agent 1001", agentID: seeded.agent.id)
            #expect(first.callID == seeded.cdr.callID && first.dispositionCode == "consult" && first.agentID == seeded.agent.id)
            let second = try await store.callNotes.save(
                seeded.id, record: seeded.cdr.id, CallNoteDefinition(dispositionCode: "complaint", text: "改为投诉"),
                author: "supervisor", agentID: nil)
            let read = try #require(try await store.callNotes.find(seeded.id, record: seeded.cdr.id))
            #expect(read == second)
            #expect(read.text == "改为投诉" && read.author == "supervisor" && read.agentID == nil)
            #expect(read.createdAt == first.createdAt)
            #expect(try await store.callNotes.notes(seeded.id, records: [seeded.cdr.id, "missing"]).keys.sorted() == [seeded.cdr.id])
        }
    }

    @Test("a bad disposition code or an overlong text is refused with the field named, and nothing is written",
          arguments: TestBackend.all)
    func validation(backend: TestBackend) async throws {
        try await withStore(backend) { store throws in
            let seeded = try await SeededTenant.make(store, code: "acme", number: "4001234567")
            let badCode = await #expect(throws: StoreError.self) {
                try await store.callNotes.save(seeded.id, record: seeded.cdr.id, CallNoteDefinition(dispositionCode: "Not OK", text: ""),
                                               author: "a", agentID: nil)
            }
            #expect(badCode?.issues.first?.field == "disposition")
            let long = String(repeating: "话", count: CallNoteDefinition.maximumTextLength + 1)
            let tooLong = await #expect(throws: StoreError.self) {
                try await store.callNotes.save(seeded.id, record: seeded.cdr.id, CallNoteDefinition(dispositionCode: "consult", text: long),
                                               author: "a", agentID: nil)
            }
            #expect(tooLong?.issues.first?.field == "text")
            #expect(try await store.callNotes.find(seeded.id, record: seeded.cdr.id) == nil)
        }
    }

    @Test("another tenant can neither write nor read a note on a record that is not its own", arguments: TestBackend.all)
    func tenantIsolation(backend: TestBackend) async throws {
        try await withStore(backend) { store throws in
            let acme = try await SeededTenant.make(store, code: "acme", number: "4001234567")
            let other = try await SeededTenant.make(store, code: "other", number: "4007654321", extensionNumber: "2001")
            _ = try await store.callNotes.save(acme.id, record: acme.cdr.id, CallNoteDefinition(dispositionCode: "sale", text: "成交"),
                                               author: "a", agentID: nil)
            await #expect(throws: StoreError.notFound(kind: "call record", key: acme.cdr.id.rawValue)) {
                try await store.callNotes.save(other.id, record: acme.cdr.id, CallNoteDefinition(dispositionCode: "other", text: "x"),
                                               author: "b", agentID: nil)
            }
            #expect(try await store.callNotes.find(other.id, record: acme.cdr.id) == nil)
            #expect(try await store.callNotes.notes(other.id, records: [acme.cdr.id]).isEmpty)
            #expect(try await store.callNotes.find(acme.id, record: acme.cdr.id)?.text == "成交")
        }
    }
}
