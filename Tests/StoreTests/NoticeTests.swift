// Notices (通知公告) and desk settings on both databases: published, ordered pinned-first,
// filtered by expiry, edited, withdrawn, checked field by field and never visible to
// another tenant; desk settings default until saved.
import Foundation
import Testing
@testable import Store

@Suite struct NoticeTests {
    /// The test clock of ``withStore``.
    static let now = Date(timeIntervalSince1970: 1_790_000_000)

    @Test("notices list pinned first, then newest first; an expired one drops out of the current list", arguments: TestBackend.all)
    func listing(backend: TestBackend) async throws {
        let clock = MutableClock(Self.now)
        try await withStore(backend, clock: clock.now) { store throws in
            let tenant = try await store.tenants.create(Fixtures.tenant("acme")).id
            let old = try await store.notices.create(tenant, NoticeDefinition(title: "旧通知", body: "a"), author: "admin")
            clock.set(clock.now().addingTimeInterval(60))
            let pinned = try await store.notices.create(
                tenant, NoticeDefinition(title: "置顶：系统维护", body: "22:00", pinned: true), author: "admin")
            clock.set(clock.now().addingTimeInterval(60))
            let expiring = try await store.notices.create(
                tenant, NoticeDefinition(title: "今日活动", body: "b", expiresAt: clock.now().addingTimeInterval(3_600)), author: "supervisor")
            #expect(try await store.notices.list(tenant).map(\.id) == [pinned.id, expiring.id, old.id])
            #expect(try await store.notices.list(tenant, currentAt: clock.now()).map(\.id) == [pinned.id, expiring.id, old.id])
            let later = clock.now().addingTimeInterval(3_600)
            #expect(try await store.notices.list(tenant, currentAt: later).map(\.id) == [pinned.id, old.id])
            #expect(try await store.notices.get(tenant, expiring.id).isCurrent(at: later) == false)
            #expect(expiring.author == "supervisor" && expiring.expiresAt == clock.now().addingTimeInterval(3_600))
        }
    }

    @Test("an edit replaces the notice and its author; a withdrawn notice is gone", arguments: TestBackend.all)
    func editAndDelete(backend: TestBackend) async throws {
        try await withStore(backend) { store throws in
            let tenant = try await store.tenants.create(Fixtures.tenant("acme")).id
            let notice = try await store.notices.create(tenant, NoticeDefinition(title: "资费调整", body: "下周一起"), author: "admin")
            let edited = try await store.notices.update(
                tenant, notice.id, NoticeDefinition(title: "资费调整（更正）", body: "下周二起", pinned: true), author: "supervisor")
            #expect(edited.title == "资费调整（更正）" && edited.pinned && edited.author == "supervisor")
            #expect(edited.createdAt == notice.createdAt)
            #expect(try await store.notices.get(tenant, notice.id) == edited)
            try await store.notices.delete(tenant, notice.id)
            #expect(try await store.notices.list(tenant).isEmpty)
            await #expect(throws: StoreError.notFound(kind: "notice", key: notice.id.rawValue)) {
                try await store.notices.get(tenant, notice.id)
            }
        }
    }

    @Test("an empty title, an overlong body or an expiry in the past is refused with the field named", arguments: TestBackend.all)
    func validation(backend: TestBackend) async throws {
        try await withStore(backend) { store throws in
            let tenant = try await store.tenants.create(Fixtures.tenant("acme")).id
            let cases: [(NoticeDefinition, String)] = [
                (NoticeDefinition(title: "  ", body: "x"), "title"),
                (NoticeDefinition(title: "t", body: String(repeating: "字", count: NoticeDefinition.maximumBodyLength + 1)), "body"),
                (NoticeDefinition(title: "t", body: "x", expiresAt: Self.now.addingTimeInterval(-1)), "expires_at"),
            ]
            for (definition, field) in cases {
                let error = await #expect(throws: StoreError.self) {
                    try await store.notices.create(tenant, definition, author: "admin")
                }
                #expect(error?.issues.first?.field == field)
            }
            #expect(try await store.notices.list(tenant).isEmpty)
        }
    }

    @Test("another tenant can neither read, change nor delete a tenant's notice", arguments: TestBackend.all)
    func tenantIsolation(backend: TestBackend) async throws {
        try await withStore(backend) { store throws in
            let acme = try await store.tenants.create(Fixtures.tenant("acme")).id
            let other = try await store.tenants.create(Fixtures.tenant("other")).id
            let notice = try await store.notices.create(acme, NoticeDefinition(title: "内部通知", body: "x"), author: "admin")
            let missing = StoreError.notFound(kind: "notice", key: notice.id.rawValue)
            await #expect(throws: missing) { try await store.notices.get(other, notice.id) }
            await #expect(throws: missing) {
                try await store.notices.update(other, notice.id, NoticeDefinition(title: "篡改", body: "y"), author: "x")
            }
            await #expect(throws: missing) { try await store.notices.delete(other, notice.id) }
            #expect(try await store.notices.list(other).isEmpty)
            #expect(try await store.notices.get(acme, notice.id).title == "内部通知")
        }
    }

    @Test("desk settings are the defaults until saved, read back as saved, and stay per tenant", arguments: TestBackend.all)
    func deskSettings(backend: TestBackend) async throws {
        try await withStore(backend) { store throws in
            let acme = try await store.tenants.create(Fixtures.tenant("acme")).id
            let other = try await store.tenants.create(Fixtures.tenant("other")).id
            #expect(try await store.deskSettings.get(acme) == DeskSettings())
            #expect(try await store.deskSettings.get(acme).dispositionCodes == DispositionCode.standard)
            let custom = DeskSettings(
                crmURLTemplate: "https://crm.acme.cn/customer?phone={caller}&call={call_id}",
                customDispositionCodes: [DispositionCode(code: "repair", nameZh: "报修", nameEn: "Repair"),
                                         DispositionCode(code: "billing", nameZh: "账单", nameEn: "Billing")])
            try await store.deskSettings.save(acme, custom)
            #expect(try await store.deskSettings.get(acme) == custom)
            #expect(try await store.deskSettings.get(acme).offers("repair"))
            #expect(try await store.deskSettings.get(acme).offers("consult") == false)
            #expect(try await store.deskSettings.get(other) == DeskSettings(), "the other tenant keeps the defaults")
            try await store.deskSettings.save(acme, DeskSettings(crmURLTemplate: nil, customDispositionCodes: nil))
            #expect(try await store.deskSettings.get(acme).dispositionCodes == DispositionCode.standard)
        }
    }

    @Test("desk settings with a bad field are refused with the field named, and the stored ones stay",
          arguments: [
            (DeskSettings(crmURLTemplate: "crm.acme.cn/{caller}"), "crm_url_template"),
            (DeskSettings(crmURLTemplate: "https://{caller}.evil.cn/"), "crm_url_template"),
            (DeskSettings(crmURLTemplate: "https://crm.acme.cn/?p={password}"), "crm_url_template"),
            (DeskSettings(crmURLTemplate: "https://crm.acme.cn/?p={caller"), "crm_url_template"),
            (DeskSettings(customDispositionCodes: []), "disposition_codes"),
            (DeskSettings(customDispositionCodes: [DispositionCode(code: "Bad Code", nameZh: "坏", nameEn: "Bad")]), "disposition_codes[0].code"),
            (DeskSettings(customDispositionCodes: [DispositionCode(code: "ok", nameZh: "", nameEn: "OK")]), "disposition_codes[0].name_zh"),
            (DeskSettings(customDispositionCodes: [DispositionCode(code: "ok", nameZh: "好", nameEn: "OK"),
                                                   DispositionCode(code: "ok", nameZh: "好2", nameEn: "OK2")]), "disposition_codes[1].code"),
          ])
    func deskSettingsValidation(settings: DeskSettings, field: String) async throws {
        try await withStore(.sqlite) { store throws in
            let acme = try await store.tenants.create(Fixtures.tenant("acme")).id
            let stored = DeskSettings(crmURLTemplate: "https://crm.acme.cn/?phone={caller}")
            try await store.deskSettings.save(acme, stored)
            let error = await #expect(throws: StoreError.self) { try await store.deskSettings.save(acme, settings) }
            #expect(error?.issues.first?.field == field)
            #expect(try await store.deskSettings.get(acme) == stored)
        }
    }

    @Test("deleting a tenant removes its notices and desk settings with it", arguments: TestBackend.all)
    func tenantDeletion(backend: TestBackend) async throws {
        try await withStore(backend) { store throws in
            let acme = try await store.tenants.create(Fixtures.tenant("acme")).id
            _ = try await store.notices.create(acme, NoticeDefinition(title: "通知", body: "x"), author: "admin")
            try await store.deskSettings.save(acme, DeskSettings(crmURLTemplate: "https://crm.acme.cn/?p={caller}"))
            try await store.tenants.delete(acme)
            #expect(try await store.queryRaw("SELECT COUNT(*) FROM notices") == ["0"])
            #expect(try await store.queryRaw("SELECT COUNT(*) FROM tenant_desk_settings") == ["0"])
        }
    }
}
