// Tenants: validation of every field, uniqueness across the platform, calendar round trip.
import Foundation
import Testing
@testable import Store

@Suite struct TenantRepositoryTests {
    @Test("a tenant is stored with its calendar and read back unchanged", arguments: TestBackend.all)
    func roundTrip(backend: TestBackend) async throws {
        try await withStore(backend) { store throws in
            let definition = Fixtures.tenant("acme")
            let created = try await store.tenants.create(definition)
            let read = try await store.tenants.get(created.id)
            #expect(read.definition == definition)
            #expect(read.calendar.map(\.kind) == [.holiday, .workday])
            #expect(try await store.tenants.find(code: "acme")?.id == created.id)
            #expect(try await store.tenants.list().map(\.code) == ["acme"])
        }
    }

    @Test("an unknown time zone is refused naming the field and the value", arguments: TestBackend.all)
    func invalidTimeZone(backend: TestBackend) async throws {
        try await withStore(backend) { store throws in
            var definition = Fixtures.tenant("acme")
            definition.timeZone = "Asia/Atlantis"
            let error = await #expect(throws: StoreError.self) { try await store.tenants.create(definition) }
            #expect(error?.issues.map(\.field) == ["time_zone"])
            #expect(error?.issues.first?.value == "Asia/Atlantis")
            #expect(try await store.tenants.list().isEmpty)
        }
    }

    @Test("every invalid field of a tenant is reported at once", arguments: TestBackend.all)
    func everyProblemListed(backend: TestBackend) async throws {
        try await withStore(backend) { store throws in
            var definition = Fixtures.tenant("acme")
            definition.code = "Bad Code"
            definition.sipDomain = "not a domain"
            definition.retentionDays = 0
            definition.calendar.append(CalendarDay(date: "2026-02-30", kind: .holiday, name: "nope"))
            let error = await #expect(throws: StoreError.self) { try await store.tenants.create(definition) }
            #expect(Set(error?.issues.map(\.field) ?? []) == ["code", "sip_domain", "retention_days", "calendar[2].date"])
        }
    }

    @Test("a second tenant cannot take a code or SIP domain already in use", arguments: TestBackend.all)
    func uniqueAcrossPlatform(backend: TestBackend) async throws {
        try await withStore(backend) { store throws in
            _ = try await store.tenants.create(Fixtures.tenant("acme"))
            var clash = Fixtures.tenant("acme")
            clash.name = "Other"
            let error = await #expect(throws: StoreError.self) { try await store.tenants.create(clash) }
            #expect(Set(error?.issues.map(\.field) ?? []) == ["code", "sip_domain"])
        }
    }

    @Test("a tenant's own call limits are stored, changed back to the platform default, and refused when not positive", arguments: TestBackend.all)
    func callLimits(backend: TestBackend) async throws {
        try await withStore(backend) { store throws in
            var definition = Fixtures.tenant("acme")
            definition.quotas.maxConcurrentCalls = 30
            definition.quotas.maxCallsPerSecond = 5
            let created = try await store.tenants.create(definition)
            #expect(try await store.tenants.get(created.id).quotas == definition.quotas)
            definition.quotas.maxConcurrentCalls = nil
            #expect(try await store.tenants.update(created.id, definition).quotas.maxConcurrentCalls == nil)
            definition.quotas.maxCallsPerSecond = 0
            definition.quotas.maxConcurrentCalls = -1
            let error = await #expect(throws: StoreError.self) { try await store.tenants.update(created.id, definition) }
            #expect(Set(error?.issues.map(\.field) ?? []) == ["quotas.max_concurrent_calls", "quotas.max_calls_per_second"])
            #expect(try await store.tenants.get(created.id).quotas.maxCallsPerSecond == 5)
        }
    }

    @Test("masking hides what the tenant's policy says", arguments: [
        (MaskingPolicy.none, "13812348000", "13812348000"),
        (.middle, "13812348000", "138****8000"),
        (.middle, "4001234567", "40****4567"),
        (.lastFour, "13812348000", "*******8000"),
        (.full, "13812348000", "***********"),
        (.middle, "anonymous", "anonymous"),
        (.full, "anonymous", "anonymous"),
    ])
    func masking(policy: MaskingPolicy, number: String, shown: String) {
        #expect(policy.mask(number) == shown)
    }
}

@Suite struct IdentifierTests {
    @Test("generated ids are version 7 UUIDs that sort by creation time")
    func timeOrdered() {
        let early = makeTimeOrderedUUID(milliseconds: 1_790_000_000_000)
        let late = makeTimeOrderedUUID(milliseconds: 1_790_000_000_001)
        #expect(early < late)
        #expect(early.count == 36 && Array(early)[14] == "7")
        #expect(["8", "9", "a", "b"].contains(Array(early)[19]))
        #expect(early.hasPrefix("01a0c450-6c00"), "the first 48 bits are the milliseconds")
        #expect(Set((0..<1_000).map { _ in TenantID.generate() }).count == 1_000)
    }
}
