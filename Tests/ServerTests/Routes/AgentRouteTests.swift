// Agent presence through the API: the desktop's own buttons, the supervisor's forced
// changes (audited), and the refusals with the field at fault.

import Foundation
import HTTPTypes
import HummingbirdTesting
import Server
import Store
import Testing

@Suite struct AgentRouteTests {
    @Test("an agent signs in, goes ready and signs out; the supervisor's list and /me show each state")
    func ownPresence() async throws {
        try await ServerFixture.with { fixture in
            try await fixture.application().test(.router) { client in
                let agent = try await client.login(.demoAgent1001)
                let supervisor = try await client.login(.demoSupervisor)
                let path = "/api/v1/agents/\(fixture.agent("1001"))/state"
                var (status, json) = try await client.call(.post, path, cookie: agent, json: ["action": "sign_in"])
                #expect(status == .ok)
                #expect(json["agent_id"].string == fixture.agent("1001"))
                #expect(json["state"]["kind"].string == "ready")
                let list = try await client.call(.get, "/api/v1/agents", cookie: supervisor).1
                #expect(list["items"].array.first { $0["work_number"].string == "1001" }?["state"]["kind"].string == "ready")
                #expect(list["items"].array.first { $0["work_number"].string == "1002" }?["state"]["kind"].string == "signed_out")
                (status, json) = try await client.call(.post, path, cookie: agent, json: ["action": "ready"])
                #expect(json["state"]["kind"].string == "ready")
                #expect(try await client.call(.get, "/api/v1/me", cookie: agent).1["agent"]["state"]["kind"].string == "ready")
                (status, json) = try await client.call(.post, path, cookie: agent, json: ["action": "sign_out"])
                #expect(json["state"]["kind"].string == "signed_out")
                let audited = try await fixture.store.auditLog.list(.tenant(fixture.demo), from: .distantPast, to: .distantFuture, action: "agent.force_state")
                #expect(audited.isEmpty, "an agent's own changes are not forced changes")
            }
        }
    }

    @Test("not ready with one of the tenant's reasons takes effect, from the agent and from a supervisor")
    func notReadyWithReason() async throws {
        try await ServerFixture.with { fixture in
            try await fixture.application().test(.router) { client in
                let agent = try await client.login(.demoAgent1001)
                let supervisor = try await client.login(.demoSupervisor)
                for (cookie, workNumber) in [(agent, "1001"), (supervisor, "1002")] {
                    let path = "/api/v1/agents/\(fixture.agent(workNumber))/state"
                    #expect(try await client.call(.post, path, cookie: cookie, json: ["action": "sign_in"]).0 == .ok)
                    let (status, json) = try await client.call(.post, path, cookie: cookie, json: ["action": "not_ready", "reason": "meeting"])
                    #expect(status == .ok, "\(json["error"]["message"].string ?? "")")
                    #expect(json["state"]["kind"].string == "not_ready")
                    #expect(json["state"]["reason"].string == "meeting")
                }
            }
        }
    }

    @Test("a supervisor changes another agent's state and the audit log records who did it")
    func supervisorForces() async throws {
        try await ServerFixture.with { fixture in
            try await fixture.application().test(.router) { client in
                let supervisor = try await client.login(.demoSupervisor)
                let path = "/api/v1/agents/\(fixture.agent("1002"))/state"
                for action in ["sign_in", "ready", "sign_out"] {
                    #expect(try await client.call(.post, path, cookie: supervisor, json: ["action": action]).0 == .ok, "\(action)")
                }
                let audited = try await fixture.store.auditLog.list(.tenant(fixture.demo), from: .distantPast, to: .distantFuture, action: "agent.force_state")
                #expect(audited.count == 3)
                #expect(audited.allSatisfy { $0.actor.name == "supervisor" && $0.objectID == fixture.agent("1002") })
                #expect(Set(audited.compactMap { $0.detail["action"] }) == ["sign_in", "ready", "sign_out"])
            }
        }
    }

    @Test("bad presence requests name the field", arguments: [
        (["action": "lunch"], "action"),
        (["action": "not_ready"], "reason"),
        (["action": "not_ready", "reason": "lunch"], "reason"),
        (["reason": "rest"], "action"),
    ])
    func validation(body: [String: String], field: String) async throws {
        try await ServerFixture.with { fixture in
            try await fixture.application().test(.router) { client in
                let agent = try await client.login(.demoAgent1001)
                let (status, json) = try await client.call(.post, "/api/v1/agents/\(fixture.agent("1001"))/state", cookie: agent, json: body)
                #expect(status == .badRequest)
                #expect(json["error"]["code"].string == "invalid_field")
                #expect(json["error"]["field"].string == field)
                #expect(try await client.call(.get, "/api/v1/me", cookie: agent).1["agent"]["state"]["kind"].string == "signed_out", "nothing changed")
            }
        }
    }

    @Test("an unknown agent id is a 404 for a supervisor of the tenant")
    func unknownAgent() async throws {
        try await ServerFixture.with { fixture in
            try await fixture.application().test(.router) { client in
                let supervisor = try await client.login(.demoSupervisor)
                let (status, json) = try await client.call(.post, "/api/v1/agents/no-such-agent/state", cookie: supervisor, json: ["action": "ready"])
                #expect(status == .notFound)
                #expect(json["error"]["code"].string == "not_found")
            }
        }
    }
}
