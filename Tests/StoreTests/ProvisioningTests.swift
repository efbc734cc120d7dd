// Provisioning: idempotent apply, export -> provision round trip, every error of a bad
// file listed, and a refused file leaving the store exactly as it was.
import Foundation
import Testing
@testable import Store

@Suite struct ProvisioningTests {
    @Test("provisioning twice changes nothing the second time, and provision -> export -> provision changes nothing", arguments: TestBackend.all)
    func idempotentAndRoundTrip(backend: TestBackend) async throws {
        let files = try ProvisioningFiles()
        defer { files.remove() }
        try await withStore(backend) { store throws in
            let provisioner = Provisioner(store: store, options: ProvisioningOptions(dataDirectory: files.dataDirectory.path))
            let first = try await provisioner.apply(try files.load(ProvisioningFiles.fullFile))
            #expect(first.entries.filter { $0.kind != "setting" }.allSatisfy { $0.change == .created })
            #expect(first.count(.created) == 20, "\(first)")
            #expect(first.entries.contains { $0.kind == "agent" && $0.name == "acme/2001" })

            let second = try await provisioner.apply(try files.load(ProvisioningFiles.fullFile))
            #expect(second.changedNothing, "second run: \(second)")
            #expect(second.description.hasSuffix("nothing to change: all \(second.entries.count) objects are already as the file describes"))

            let exporter = Exporter(store: store, dataDirectory: files.dataDirectory.path)
            let exported = try await exporter.export(tenantCodes: ["acme"], includePlatform: true).yaml()
            #expect(!exported.contains("agent-pass-2001") && !exported.contains("admin-password"), "no secret in clear")
            #expect(exported.contains("ha1_sha256") && exported.contains("password_hash"))
            let third = try await provisioner.apply(try ProvisioningDocument.parse(yaml: exported))
            #expect(third.changedNothing, "provisioning the export: \(third)")
            #expect(try await exporter.export(tenantCodes: ["acme"], includePlatform: true).yaml() == exported)

            // What was provisioned works as configured.
            let tenant = try #require(try await store.tenants.find(code: "acme"))
            #expect(try await store.agents.sipAccount(username: "2001", realm: "acme.kefu.test")?.credentials
                .matches(password: "agent-pass-2001") == true)
            #expect(try await store.users.authenticate(.tenant(tenant.id), username: "boss", password: "admin-password") != nil)
            // Inline documents keep what was written: plain 09:00 and yes stay text (YAML 1.2).
            #expect(try await store.accessNumbers.lookup(dialled: "4005550001")?.rules == .object([
                "blacklist": .array([.string("13900000000")]),
                "schedule": .object(["open": .string("09:00"), "close": .string("18:00")]),
                "limit": .integer(5), "vip": .string("yes"),
            ]))
            let complaints = try #require(try await store.queues.find(tenant.id, name: "complaints"))
            let service = try #require(try await store.queues.find(tenant.id, name: "service"))
            #expect(complaints.overflowQueueID == service.id)
            let flow = try #require(try await store.flows.find(tenant.id, name: "main"))
            #expect(try await store.flows.publishedVersion(tenant.id, flow.id)?.document["start"]?.stringValue == "hello")
            let moh = try #require(try await store.prompts.find(tenant.id, name: "hold-music"))
            guard case .audio(let path, _, _) = try await store.prompts.publishedVersion(tenant.id, moh.id)?.source else {
                Issue.record("the audio prompt was not stored as audio")
                return
            }
            #expect(FileManager.default.fileExists(atPath: files.dataDirectory.appendingPathComponent(path).path))
            #expect(try await store.trunks.lookup(sourceHost: "127.0.0.1")?.credentials?.matches(password: "trunk-secret") == true)
            #expect(try await store.deskSettings.get(tenant.id) == DeskSettings(
                crmURLTemplate: "https://crm.acme.example/customer?phone={caller}&call={call_id}",
                customDispositionCodes: [DispositionCode(code: "repair", nameZh: "报修", nameEn: "Repair"),
                                         DispositionCode(code: "billing", nameZh: "账单问题", nameEn: "Billing")]))
        }
    }

    @Test("a changed password, queue and flow are reported as changed and take effect", arguments: TestBackend.all)
    func changes(backend: TestBackend) async throws {
        let files = try ProvisioningFiles()
        defer { files.remove() }
        try await withStore(backend) { store throws in
            let provisioner = Provisioner(store: store, options: ProvisioningOptions(dataDirectory: files.dataDirectory.path))
            _ = try await provisioner.apply(try files.load(ProvisioningFiles.fullFile))
            let edited = ProvisioningFiles.fullFile
                .replacingOccurrences(of: "agent-pass-2001", with: "new-pass-2001")
                .replacingOccurrences(of: "wrap_up_seconds: 15", with: "wrap_up_seconds: 45")
            try files.write("flows/main.json", #"{"start": "goodbye", "nodes": {}}"#)
            let report = try await provisioner.apply(try files.load(edited))
            #expect(Set(report.entries.filter { $0.change == .changed }.map(\.name)) == ["acme/2001", "acme/service", "acme/main"])
            #expect(try await store.agents.sipAccount(username: "2001", realm: "acme.kefu.test")?.credentials
                .matches(password: "new-pass-2001") == true)
            let tenant = try #require(try await store.tenants.find(code: "acme"))
            let flow = try #require(try await store.flows.find(tenant.id, name: "main"))
            #expect(try await store.flows.versions(tenant.id, flow.id).map(\.status) == [.published, .superseded])
        }
    }

    @Test("an invalid file is refused whole with every problem listed, and the store is left unchanged", arguments: TestBackend.all)
    func everyErrorListed(backend: TestBackend) async throws {
        let files = try ProvisioningFiles()
        defer { files.remove() }
        try await withStore(backend) { store throws in
            let provisioner = Provisioner(store: store, options: ProvisioningOptions(dataDirectory: files.dataDirectory.path))
            _ = try await provisioner.apply(try files.load(ProvisioningFiles.fullFile))
            let exporter = Exporter(store: store, dataDirectory: files.dataDirectory.path)
            let before = try await exporter.export(tenantCodes: ["acme"], includePlatform: true).yaml()

            let error = await #expect(throws: StoreError.self) {
                try await provisioner.apply(try files.load(ProvisioningFiles.brokenFile))
            }
            let fields = Set(error?.issues.map(\.field) ?? [])
            #expect(fields == [
                "tenants[0].agents[0].skills[0].skill",      // a skill that does not exist
                "tenants[0].agents[2].extension",            // the same extension as agents[1]
                "tenants[0].queues[0].strategy",             // not a strategy
                "tenants[0].queues[0].business_hours[1]",    // overlaps the first window
                "tenants[0].numbers[0].number",              // held by tenant acme
                "tenants[0].mailboxes[0].queue",             // a queue that does not exist
                "tenants[0].mailboxes[0].greeting",          // a prompt that does not exist
                "tenants[0].mailboxes[0].max_message_seconds", // over 600, found at the same time
                "tenants[0].users[0].password",              // a new user without a password
                "tenants[0].users[1].roles[0]",              // not a role
                "tenants[1].time_zone",                      // not a time zone
                "tenants[1].agents[0].skills[0].skill",      // checked even though its tenant is refused
                "tenants[1].agents[0].extension",            // too short, found at the same time
            ], "\(error?.description ?? "")")
            #expect(error?.issues.first { $0.field == "tenants[0].numbers[0].number" }?.reason
                == "is assigned to another tenant; a number belongs to one tenant only")
            // Nothing of the valid parts was applied.
            #expect(try await store.tenants.find(code: "bravo") == nil)
            #expect(try await exporter.export(tenantCodes: ["acme"], includePlatform: true).yaml() == before)
        }
    }

    @Test("a file that fails late in the apply leaves earlier changes unapplied", arguments: TestBackend.all)
    func failedApplyRollsBack(backend: TestBackend) async throws {
        let files = try ProvisioningFiles()
        defer { files.remove() }
        try await withStore(backend) { store throws in
            let provisioner = Provisioner(store: store, options: ProvisioningOptions(dataDirectory: files.dataDirectory.path))
            _ = try await provisioner.apply(try files.load(ProvisioningFiles.fullFile))
            let exporter = Exporter(store: store, dataDirectory: files.dataDirectory.path)
            let before = try await exporter.export(tenantCodes: ["acme"], includePlatform: true).yaml()
            // Many valid changes, then one user whose agent does not exist: the last object of the file.
            let edited = ProvisioningFiles.fullFile
                .replacingOccurrences(of: "wrap_up_seconds: 15", with: "wrap_up_seconds: 45")
                .replacingOccurrences(of: "agent-pass-2001", with: "new-pass-2001")
                .replacingOccurrences(of: "agent: \"2001\"", with: "agent: \"9999\"")
            let error = await #expect(throws: StoreError.self) { try await provisioner.apply(try files.load(edited)) }
            #expect(error?.issues.map(\.field) == ["tenants[0].users[1].agent"])
            #expect(try await exporter.export(tenantCodes: ["acme"], includePlatform: true).yaml() == before)
            #expect(try await store.agents.sipAccount(username: "2001", realm: "acme.kefu.test")?.credentials
                .matches(password: "agent-pass-2001") == true)
        }
    }

    @Test("a dry run reports what would change and writes nothing", arguments: TestBackend.all)
    func dryRun(backend: TestBackend) async throws {
        let files = try ProvisioningFiles()
        defer { files.remove() }
        try await withStore(backend) { store throws in
            let provisioner = Provisioner(store: store, options: ProvisioningOptions(dataDirectory: files.dataDirectory.path))
            let report = try await provisioner.apply(try files.load(ProvisioningFiles.fullFile), dryRun: true)
            #expect(report.dryRun && report.count(.created) == 20)
            #expect(report.description.contains("(dry run: nothing was written)"))
            #expect(try await store.tenants.list().isEmpty)
        }
    }

    @Test("misspelt keys, wrong types and missing fields are reported with their paths in the file")
    func fileShape() throws {
        let yaml = """
            version: 1
            tenants:
              - code: acme
                name: Acme
                time_zone: Asia/Shanghai
                sip_domain: acme.kefu.test
                agents:
                  - work_number: 1
                    name: One
                    extention: "1001"
                  - work_number: 2
                    name: Two
                    extension: 1002
                    auto_answer: maybe
                queues:
                  - name: service
                    wrap_up_secs: 10
            """
        let error = #expect(throws: StoreError.self) { try ProvisioningDocument.parse(yaml: yaml) }
        #expect(Set(error?.issues.map(\.field) ?? []) == [
            "tenants[0].agents[0].extension", "tenants[0].agents[1].auto_answer",
        ], "\(error?.description ?? "")")
        // Once the shapes are right, unknown keys are named too.
        let typo = yaml.replacingOccurrences(of: "extention", with: "extension").replacingOccurrences(of: "maybe", with: "true")
            .replacingOccurrences(of: "name: One", with: "name: One\n        extention: \"1001\"")
        let unknown = #expect(throws: StoreError.self) { try ProvisioningDocument.parse(yaml: typo) }
        #expect(unknown?.issues.map(\.field).sorted() == ["tenants[0].agents[0].extention", "tenants[0].queues[0].wrap_up_secs"])
        #expect(unknown?.issues.first?.reason == "is not a field of this format (misspelt?)")
    }

    @Test("examples/demo.yaml provisions the demo tenant: one number, two queues, a mailbox, three agents, three users, a loopback trunk, desk settings", arguments: TestBackend.all)
    func demoFile(backend: TestBackend) async throws {
        let files = try ProvisioningFiles()
        defer { files.remove() }
        // The real flows ship with the IVR module; placeholders stand in where they are absent.
        for (name, placeholder) in [("demo.json", #"{"id": "demo-main", "start": "welcome", "nodes": []}"#),
                                    ("demo-routing.json", #"{"accessNumber": "4001234567", "rules": []}"#)] {
            let real = ProvisioningFiles.repositoryRoot.appendingPathComponent("examples/flows/\(name)")
            try files.write("flows/\(name)", (try? String(contentsOf: real, encoding: .utf8)) ?? placeholder)
        }
        let demo = try String(contentsOf: ProvisioningFiles.repositoryRoot.appendingPathComponent("examples/demo.yaml"), encoding: .utf8)
        try files.write("demo.yaml", demo)
        try await withStore(backend) { store throws in
            let provisioner = Provisioner(store: store)
            let document = try ProvisioningDocument.load(contentsOf: files.directory.appendingPathComponent("demo.yaml"))
            _ = try await provisioner.apply(document)
            #expect(try await provisioner.apply(document).changedNothing)
            let demoTenant = try #require(try await store.tenants.find(code: "demo"))
            let t = demoTenant.id
            #expect(try await store.accessNumbers.lookup(dialled: "4001234567")?.tenantID == t)
            #expect(try await store.queues.list(t).map(\.name) == ["complaints", "service"])
            let mailbox = try #require(try await store.mailboxes.find(t, name: "service"))
            #expect(try mailbox.queueID == #require(try await store.queues.list(t).first { $0.name == "service" }).id)
            for (extensionNumber, password) in [("1001", "demo1001"), ("1002", "demo1002"), ("1003", "demo1003")] {
                #expect(try await store.agents.configuration(sipUsername: extensionNumber, realm: demoTenant.sipDomain)?
                    .account.credentials.matches(password: password) == true, "extension \(extensionNumber)")
            }
            let users = try await store.users.list(.tenant(t))
            #expect(Set(users.flatMap(\.roles)) == [.tenantAdmin, .supervisor, .agent])
            #expect(try await store.trunks.lookup(sourceHost: "127.0.0.1")?.tenantID == t)
            // The desktop embeds the sample CRM page kefu serves and offers the demo's own codes,
            // named in both languages.
            let desk = try await store.deskSettings.get(t)
            #expect(desk.crmURLTemplate?.hasPrefix("/demo-crm/?") == true && desk.crmURLTemplate?.contains("{caller}") == true)
            let codes = try #require(desk.customDispositionCodes)
            #expect(codes.count >= 5 && codes.map(\.code).contains("consult") && codes.map(\.code).contains("complaint"))
            #expect(codes.allSatisfy { $0.nameZh.unicodeScalars.contains { $0.value >= 0x4E00 } && $0.nameEn.first?.isASCII == true })
            let exported = try await Exporter(store: store).export(tenantCodes: ["demo"]).yaml()
            #expect(try await provisioner.apply(try ProvisioningDocument.parse(yaml: exported)).changedNothing)
        }
    }
}
