// The tenants the end-to-end tests provision still derive from examples/demo.yaml, provision
// into a fresh SQLite store, and carry flows the IVR accepts: checked without running kefu.

import Foundation
import IVR
import Store
import Testing

@Suite struct TestTenantTests {
    @Test("every end-to-end tenant variant applies to examples/demo.yaml and provisions into a fresh SQLite store", arguments: TestTenant.Variant.allCases)
    func variantProvisions(variant: TestTenant.Variant) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kefu-tenant-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = try variant.tenant().write(to: directory)
        let document = try ProvisioningDocument.load(contentsOf: URL(fileURLWithPath: path))
        var configuration = StoreConfiguration(backend: .sqlite(path: directory + "/kefu.sqlite"))
        configuration.passwordCost = 4
        let store = try await Store.open(configuration)
        do {
            _ = try await Provisioner(store: store, options: ProvisioningOptions(dataDirectory: directory)).apply(document)
            let tenant = try #require(try await store.tenants.find(code: TestTenant.code))
            #expect(tenant.sipDomain == TestTenant.domain)
            let agents = try await store.agents.list(tenant.id).map(\.extensionNumber).sorted()
            #expect(agents == ["1001", "1002", "1003"])
        } catch {
            await store.close()
            throw error
        }
        await store.close()
    }

    @Test("the end-to-end flows decode and validate against the demo tenant's queues", arguments: ["menu", "straight-to-queue"])
    func flowValidates(name: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: TestTenant.fixtures + "/flows/\(name).json"))
        let flow = try JSONDecoder().decode(FlowDefinition.self, from: data)
        let problems = flow.validate(references: FlowReferences(queues: ["service", "complaints"]))
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test("closing the office writes today and tomorrow as holidays into the tenant's calendar")
    func closedToday() throws {
        var tenant = try TestTenant.demo()
        // 2026-11-18 19:06 in Shanghai (11:06 UTC).
        let evening = Date(timeIntervalSince1970: 1_795_000_000)
        try tenant.closedToday(now: evening)
        #expect(tenant.yaml.contains("date: \"2026-11-18\", holiday:"))
        #expect(tenant.yaml.contains("date: \"2026-11-19\", holiday:"))
        #expect(!tenant.yaml.contains("date: \"2026-11-17\", holiday:"))
    }

    @Test("an edit whose anchor examples/demo.yaml no longer has fails with a message naming it")
    func missingAnchor() throws {
        var tenant = try TestTenant.demo()
        #expect(throws: TestTenantError.self) { try tenant.replace("no such line", with: "x") }
    }
}
