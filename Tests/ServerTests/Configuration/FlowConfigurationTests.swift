// Flows through the API: a draft with a broken node is reported at that node, publishing it
// is refused, the fixed draft publishes and the call center runs it; dry runs follow typed
// digits.

import CallCenter
import Foundation
import HTTPTypes
import HummingbirdTesting
import IVR
import Store
import Testing

@Suite struct FlowConfigurationTests {
    /// A small menu flow; `target` is where key 1 goes.
    static func menuFlow(target: String) -> [String: Any] {
        [
            "id": "api-menu", "name": "API menu", "start": "menu", "defaultQueue": "service",
            "nodes": [
                ["id": "menu", "type": "menu", "prompt": ["tts": "按1转人工"], "options": ["1": target], "onFailure": "bye"],
                ["id": "agent", "type": "enqueue", "queue": "service", "noAgent": "bye"],
                ["id": "bye", "type": "hangUp"],
            ],
        ]
    }

    @Test("a broken draft is reported at its node and field, cannot be published, and the fixed draft publishes into the call center")
    func validatePublish() async throws {
        try await ServerFixture.with { fixture in
            try await fixture.application().test(.router) { client in
                let admin = try await client.login(.demoAdmin)
                let (created, flow) = try await client.send(.post, "/api/v1/config/flows", cookie: admin,
                                                            body: ["name": "api-menu", "document": Self.menuFlow(target: "nowhere")])
                #expect(created == .created)
                let id = try #require(flow["id"].string)
                let (_, checked) = try await client.send(.post, "/api/v1/config/flows/\(id)/validate", cookie: admin)
                #expect(checked["valid"].value as? Bool == false)
                let problem = checked["problems"][0]
                #expect(problem["node"].string == "menu")
                #expect(problem["field"].string?.hasPrefix("options") == true)
                #expect(problem["message"].string?.contains("nowhere") == true)

                let (refused, refusal) = try await client.send(.post, "/api/v1/config/flows/\(id)/publish", cookie: admin)
                #expect(refused == .unprocessableContent)
                #expect(refusal["problems"][0]["node"].string == "menu")

                let (saved, version) = try await client.send(.post, "/api/v1/config/flows/\(id)/versions", cookie: admin,
                                                             body: ["document": Self.menuFlow(target: "agent")])
                #expect(saved == .created)
                #expect(version["version"].int == 2)
                #expect(version["document"]["defaultQueue"].string == "service", "the document keeps its own camelCase keys")
                let (published, answer) = try await client.send(.post, "/api/v1/config/flows/\(id)/publish", cookie: admin)
                #expect(published == .ok)
                #expect(answer["version"].int == 2)
                let runtime = try #require(fixture.center.directory.tenant(id: fixture.demo.rawValue))
                #expect(runtime.flows.keys.map(\.rawValue).contains("api-menu"), "the call center reloaded the published flow")
                let audit = try await fixture.store.auditLog.list(.tenant(fixture.demo), from: .distantPast, to: .distantFuture)
                #expect(audit.contains { $0.action == "flow.publish" && $0.objectID == id })
            }
        }
    }

    @Test("a dry run follows the typed digits to the queue, and stops waiting for keys when they run out")
    func dryRun() async throws {
        try await ServerFixture.with { fixture in
            try await fixture.application().test(.router) { client in
                let admin = try await client.login(.demoAdmin)
                let (_, flow) = try await client.send(.post, "/api/v1/config/flows", cookie: admin,
                                                      body: ["name": "api-menu", "document": Self.menuFlow(target: "agent")])
                let id = try #require(flow["id"].string)
                let (status, run) = try await client.send(.post, "/api/v1/config/flows/\(id)/dry-run", cookie: admin, body: ["digits": ["1"]])
                #expect(status == .ok)
                let lines = run["lines"].array.compactMap(\.string)
                #expect(lines.contains("caller keys 1"))
                #expect(lines.contains { $0.hasPrefix("enqueue to 'service'") })
                #expect(run["awaiting"].string == "finished")

                let (_, waiting) = try await client.send(.post, "/api/v1/config/flows/\(id)/dry-run", cookie: admin, body: ["digits": [String]()])
                #expect(waiting["awaiting"].string == "digits")
                #expect(waiting["node"].string == "menu")

                let (bad, error) = try await client.send(.post, "/api/v1/config/flows/\(id)/dry-run", cookie: admin, body: ["digits": ["1a"]])
                #expect(bad == .badRequest)
                #expect(error["error"]["field"].string == "digits[0]")
            }
        }
    }

    @Test("a flow document with a wrongly typed node field names that node")
    func decodingProblemAtNode() async throws {
        try await ServerFixture.with { fixture in
            try await fixture.application().test(.router) { client in
                let admin = try await client.login(.demoAdmin)
                var document = Self.menuFlow(target: "agent")
                document["nodes"] = [["id": "menu", "type": "menu", "prompt": ["tts": "x"], "options": "1", "onFailure": "bye"], ["id": "bye", "type": "hangUp"]]
                let (_, flow) = try await client.send(.post, "/api/v1/config/flows", cookie: admin, body: ["name": "typed", "document": document])
                let id = try #require(flow["id"].string)
                let (_, checked) = try await client.send(.post, "/api/v1/config/flows/\(id)/validate", cookie: admin)
                #expect(checked["valid"].value as? Bool == false)
                #expect(checked["problems"][0]["node"].string == "menu")
            }
        }
    }
}
