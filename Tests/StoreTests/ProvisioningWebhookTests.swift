// A tenant's webhooks in provisioning files: created and updated by URL, the signing secret
// taken from the file (a new webhook needs one) and never written by an export, and bad values
// refused with their path in the file while the stored webhooks stay as they were.
import Foundation
import Testing
@testable import Store

@Suite struct ProvisioningWebhookTests {
    /// One tenant with the given `webhooks:` list.
    static func file(_ webhooks: String) -> String {
        ProvisioningFiles.acme(["webhooks: \(webhooks)"])
    }

    static let crm = "https://crm.acme.example/kefu-events"
    static let audit = "https://audit.acme.example/agents"

    @Test("webhooks are created with the file's secret, exported without secrets, provisioned back unchanged, and updated by URL",
          arguments: TestBackend.all)
    func roundTrip(backend: TestBackend) async throws {
        try await withStore(backend) { store throws in
            let provisioner = Provisioner(store: store)
            let first = try await provisioner.apply(try ProvisioningDocument.parse(yaml: Self.file("""
                [ { url: "\(Self.crm)", events: [ call.ended ], secret: shared-with-the-crm-0001 },
                      { url: "\(Self.audit)", events: [ agent.state_changed ], active: false, secret: audit-secret-00000003 } ]
                """)))
            #expect(first.entries.filter { $0.kind == "webhook" }.map(\.change) == [.created, .created])
            let tenant = try #require(try await store.tenants.find(code: "acme")).id
            var hooks = Dictionary(uniqueKeysWithValues: try await store.webhooks.list(tenant).map { ($0.url, $0) })
            #expect(hooks[Self.crm]?.secret == "shared-with-the-crm-0001")
            #expect(hooks[Self.crm]?.events == ["call.ended"] && hooks[Self.crm]?.active == true)
            #expect(hooks[Self.audit]?.secret == "audit-secret-00000003" && hooks[Self.audit]?.active == false)

            let exporter = Exporter(store: store)
            let exported = try await exporter.export(tenantCodes: ["acme"]).yaml()
            #expect(exported.contains(Self.crm) && exported.contains("agent.state_changed"), "\(exported)")
            #expect(!exported.contains("shared-with-the-crm") && !exported.contains("audit-secret"), "an export never holds a secret")
            #expect(try await provisioner.apply(try ProvisioningDocument.parse(yaml: exported)).changedNothing)
            #expect(try await store.webhooks.list(tenant).map(\.secret).sorted() == ["audit-secret-00000003", "shared-with-the-crm-0001"])

            // Same URL, other events and a new secret: the webhook is changed in place.
            let second = try await provisioner.apply(try ProvisioningDocument.parse(yaml: Self.file("""
                [ { url: "\(Self.crm)", events: [ call.ended, call.answered ], secret: rotated-secret-0000002 } ]
                """)))
            #expect(second.entries.filter { $0.kind == "webhook" }.map(\.change) == [.changed])
            hooks = Dictionary(uniqueKeysWithValues: try await store.webhooks.list(tenant).map { ($0.url, $0) })
            #expect(hooks.count == 2, "a webhook the file leaves out stays")
            #expect(hooks[Self.crm]?.events == ["call.ended", "call.answered"] && hooks[Self.crm]?.secret == "rotated-secret-0000002")
        }
    }

    static let bad: [(webhooks: String, field: String, reason: String)] = [
        (#"[ { url: "ftp://crm.acme.example/x", events: [ "*" ], secret: good-secret-00000001 } ]"#, "webhooks[0].url", "http"),
        (#"[ { url: "https://crm.acme.example/x", events: [ "*" ] } ]"#, "webhooks[0].secret", "needed for a new webhook"),
        (#"[ { url: "https://crm.acme.example/x", events: [ "*" ], secret: short } ]"#, "webhooks[0].secret", "at least 16"),
        (#"[ { url: "https://crm.acme.example/x", events: [ "*" ], secret: good-secret-00000001 }, { url: "https://crm.acme.example/x", events: [ call.ended ], secret: good-secret-00000002 } ]"#,
         "webhooks[1].url", "is listed twice"),
    ]

    @Test("a bad webhook is refused with its path in the file, and the stored webhooks stay as they were",
          arguments: TestBackend.all, bad)
    func badValues(backend: TestBackend, bad: (webhooks: String, field: String, reason: String)) async throws {
        try await withStore(backend) { store throws in
            let provisioner = Provisioner(store: store)
            _ = try await provisioner.apply(try ProvisioningDocument.parse(yaml: Self.file(#"[ { url: "\#(Self.crm)", events: [ "*" ], secret: first-secret-0000001 } ]"#)))
            let tenant = try #require(try await store.tenants.find(code: "acme")).id
            let before = try await store.webhooks.list(tenant)

            let error = await #expect(throws: StoreError.self) {
                try await provisioner.apply(try ProvisioningDocument.parse(yaml: Self.file(bad.webhooks)))
            }
            let issues = error?.issues ?? []
            #expect(issues.map(\.field) == ["tenants[0].\(bad.field)"], "\(issues)")
            #expect(issues.first?.reason.contains(bad.reason) == true, "\(issues)")
            #expect(try await store.webhooks.list(tenant) == before)
        }
    }
}
