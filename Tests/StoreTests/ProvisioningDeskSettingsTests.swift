// A tenant's desk settings (CRM URL template, disposition codes) in provisioning files:
// stored as written, exported and provisioned back without a change, left alone when the
// file says nothing, and bad values refused with their path in the file and the reasons the
// API gives, the stored configuration kept whole.
import Foundation
import Testing
@testable import Store

@Suite struct ProvisioningDeskSettingsTests {
    /// One tenant whose skill description and desk settings a test chooses.
    static func file(skill: String = "first", desk: String?) -> String {
        ProvisioningFiles.acme(["skills: [ { name: billing, description: \(skill) } ]"] + (desk.map { ["desk_settings: \($0)"] } ?? []))
    }

    static let goodDesk = """
        { crm_url_template: "https://crm.acme.example/customer?phone={caller}&agent={agent}",
              disposition_codes: [ { code: repair, name_zh: 报修, name_en: Repair }, { code: billing, name_zh: 账单问题, name_en: Billing } ] }
        """

    static let goodSettings = DeskSettings(
        crmURLTemplate: "https://crm.acme.example/customer?phone={caller}&agent={agent}",
        customDispositionCodes: [DispositionCode(code: "repair", nameZh: "报修", nameEn: "Repair"),
                                 DispositionCode(code: "billing", nameZh: "账单问题", nameEn: "Billing")])

    @Test("desk settings are stored as the file says, exported, provisioned back unchanged, and kept when the file leaves them out",
          arguments: TestBackend.all)
    func roundTrip(backend: TestBackend) async throws {
        try await withStore(backend) { store throws in
            let provisioner = Provisioner(store: store)
            let first = try await provisioner.apply(try ProvisioningDocument.parse(yaml: Self.file(desk: Self.goodDesk)))
            #expect(first.entries.contains { $0.kind == "setting" && $0.name == "acme/desk_settings" && $0.change == .changed })
            let tenant = try #require(try await store.tenants.find(code: "acme")).id
            #expect(try await store.deskSettings.get(tenant) == Self.goodSettings)

            let exporter = Exporter(store: store)
            let exported = try await exporter.export(tenantCodes: ["acme"]).yaml()
            let document = try ProvisioningDocument.parse(yaml: exported)
            #expect(document.tenants?.first?.deskSettings?.dispositionCodes?.map(\.code) == ["repair", "billing"])
            #expect(try await provisioner.apply(document).changedNothing, "provisioning the export")
            #expect(try await exporter.export(tenantCodes: ["acme"]).yaml() == exported)

            // A file without the section leaves the settings alone.
            let silent = try await provisioner.apply(try ProvisioningDocument.parse(yaml: Self.file(desk: nil)))
            #expect(silent.changedNothing && !silent.entries.contains { $0.name == "acme/desk_settings" })
            #expect(try await store.deskSettings.get(tenant) == Self.goodSettings)

            // The section is the whole settings, as the API's PUT: no template means no CRM page.
            let codesOnly = try await provisioner.apply(try ProvisioningDocument.parse(yaml: Self.file(desk: """
                { disposition_codes: [ { code: repair, name_zh: 报修, name_en: Repair } ] }
                """)))
            #expect(codesOnly.entries.filter { $0.change == .changed }.map(\.name) == ["acme/desk_settings"])
            #expect(try await store.deskSettings.get(tenant) == DeskSettings(
                customDispositionCodes: [DispositionCode(code: "repair", nameZh: "报修", nameEn: "Repair")]))

            // A blank template (as in the API) and no codes are the defaults; so is an empty section.
            _ = try await provisioner.apply(try ProvisioningDocument.parse(yaml: Self.file(desk: #"{ crm_url_template: " " }"#)))
            #expect(try await store.deskSettings.get(tenant) == DeskSettings())
            _ = try await provisioner.apply(try ProvisioningDocument.parse(yaml: Self.file(desk: Self.goodDesk)))
            _ = try await provisioner.apply(try ProvisioningDocument.parse(yaml: Self.file(desk: "{}")))
            #expect(try await store.deskSettings.get(tenant) == DeskSettings())
            // The defaults are what an export leaves out.
            let plain = try await exporter.export(tenantCodes: ["acme"]).yaml()
            #expect(!plain.contains("desk_settings"), "\(plain)")
            #expect(try await provisioner.apply(try ProvisioningDocument.parse(yaml: plain)).changedNothing)
        }
    }

    @Test("a CRM page on kefu's own site (the demo's) is a path with its variables in the query",
          arguments: TestBackend.all)
    func pathOnKefusSite(backend: TestBackend) async throws {
        try await withStore(backend) { store throws in
            let template = "/demo-crm/?phone={caller}&call={call_id}&queue={queue}&agent={agent}"
            _ = try await Provisioner(store: store).apply(try ProvisioningDocument.parse(yaml: Self.file(desk: "{ crm_url_template: \"\(template)\" }")))
            let tenant = try #require(try await store.tenants.find(code: "acme")).id
            #expect(try await store.deskSettings.get(tenant).crmURLTemplate == template)
        }
    }

    static let badDesks: [(desk: String, field: String, reason: String)] = [
        (#"{ crm_url_template: "https://{caller}.example.cn/customer" }"#, "crm_url_template", "scheme and host before any variable"),
        (#"{ crm_url_template: "javascript:alert(1)" }"#, "crm_url_template", "http"),
        (#"{ crm_url_template: "https://crm.example.cn/?p={phone}" }"#, "crm_url_template", "unknown variable {phone}"),
        (#"{ crm_url_template: "/customers/{caller}" }"#, "crm_url_template", "variables after the '?'"),
        (#"{ crm_url_template: "//crm.example.cn/?p={caller}" }"#, "crm_url_template", "http"),
        ("{ disposition_codes: [] }", "disposition_codes", "must hold 1 to 50 codes"),
        ("{ disposition_codes: [ { code: repair, name_zh: 报修, name_en: Repair }, { code: repair, name_zh: 维修, name_en: Fix } ] }",
         "disposition_codes[1].code", "repeats a code listed before it"),
        (#"{ disposition_codes: [ { code: "Repair Visit", name_zh: 上门维修, name_en: Repair visit } ] }"#,
         "disposition_codes[0].code", "lowercase letters"),
        (#"{ disposition_codes: [ { code: repair, name_zh: " ", name_en: Repair } ] }"#, "disposition_codes[0].name_zh", "must not be empty"),
    ]

    @Test("bad desk settings are refused with their path in the file and the API's reason, and nothing of the file is applied",
          arguments: TestBackend.all, badDesks)
    func badValues(backend: TestBackend, bad: (desk: String, field: String, reason: String)) async throws {
        try await withStore(backend) { store throws in
            let provisioner = Provisioner(store: store)
            _ = try await provisioner.apply(try ProvisioningDocument.parse(yaml: Self.file(desk: Self.goodDesk)))
            let tenant = try #require(try await store.tenants.find(code: "acme")).id
            let exporter = Exporter(store: store)
            let before = try await exporter.export(tenantCodes: ["acme"]).yaml()

            // The skill's new description is valid; the desk settings are not.
            let document = try ProvisioningDocument.parse(yaml: Self.file(skill: "second", desk: bad.desk))
            let error = await #expect(throws: StoreError.self) { try await provisioner.apply(document) }
            let issues = error?.issues ?? []
            #expect(issues.map(\.field) == ["tenants[0].desk_settings.\(bad.field)"], "\(issues)")
            #expect(issues.first?.reason.contains(bad.reason) == true, "\(issues)")

            // The same words as `PUT /api/v1/config/desk-settings`, which saves through the repository.
            let settings = try #require(document.tenants?.first?.deskSettings).settings
            let api = await #expect(throws: StoreError.self) { try await store.deskSettings.save(tenant, settings) }
            #expect(issues == (api?.issues ?? []).map { $0.prefixed("tenants[0].desk_settings") })

            #expect(try await store.deskSettings.get(tenant) == Self.goodSettings)
            #expect(try await store.skills.find(tenant, name: "billing")?.description == "first")
            #expect(try await exporter.export(tenantCodes: ["acme"]).yaml() == before)
        }
    }

    @Test("a misspelt key, a missing name and a wrong type in desk_settings are named with their paths when the file is read")
    func fileShape() throws {
        let missingName = Self.file(desk: "{ disposition_codes: [ { code: repair, name_zh: 报修 } ] }")
            + "    agents: [ { work_number: \"1\", name: One, extension: \"1001\", auto_answer: maybe } ]\n"
        var error = #expect(throws: StoreError.self) { try ProvisioningDocument.parse(yaml: missingName) }
        // The section is read on its own, so the agent's mistake is reported as well.
        #expect(Set(error?.issues.map(\.field) ?? []) == [
            "tenants[0].desk_settings.disposition_codes[0].name_en", "tenants[0].agents[0].auto_answer",
        ], "\(error?.description ?? "")")
        #expect(error?.issues.first { $0.field.hasSuffix("name_en") }?.reason == "is required")

        error = #expect(throws: StoreError.self) { try ProvisioningDocument.parse(yaml: Self.file(desk: "{ disposition_codes: repair }")) }
        #expect(error?.issues.map(\.field) == ["tenants[0].desk_settings.disposition_codes"], "\(error?.description ?? "")")

        error = #expect(throws: StoreError.self) {
            try ProvisioningDocument.parse(yaml: Self.file(desk: #"{ crm_url: "https://crm.example.cn/?p={caller}" }"#))
        }
        #expect(error?.issues.map(\.field) == ["tenants[0].desk_settings.crm_url"], "\(error?.description ?? "")")
        #expect(error?.issues.first?.reason == "is not a field of this format (misspelt?)")
    }
}
