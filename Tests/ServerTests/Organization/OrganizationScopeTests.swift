// Organization scopes on real store data: a team lead sees and acts on their own team, a
// partner manager their partner's agents and those agents' calls and recordings, a tenant
// admin everything; outside the scope is 404, as another tenant's object is.

import ACD
import CallCenter
import Foundation
import HTTPTypes
import HummingbirdTesting
import Server
import Store
import Testing

@Suite struct OrganizationScopeTests {
    /// Work numbers in a list response.
    static func workNumbers(_ json: JSONObject, _ key: String = "items") -> [String] {
        json[key].array.compactMap { $0["work_number"].string }
    }

    @Test("each user's agent list and wallboard hold exactly the agents of their scope")
    func listsFollowScope() async throws {
        try await ServerFixture.with { fixture in
            try await fixture.organize()
            try await fixture.application().test(.router) { client in
                let expected: [(String, [String])] = [
                    (try await client.login(.demoAdmin), ["1001", "1002", "1003"]),
                    (try await client.login(.demoSupervisor), ["1001", "1002"]),
                    (try await client.login(.lead2), ["1003"]),
                    (try await client.login(.acmeManager), ["1003"]),
                    (try await client.login(.bravoManager), ["1001", "1002"]),
                ]
                for (index, (cookie, numbers)) in expected.enumerated() {
                    let (status, agents) = try await client.call(.get, "/api/v1/agents", cookie: cookie)
                    #expect(status == .ok)
                    #expect(Self.workNumbers(agents) == numbers, "user \(index): agents")
                    let board = try await client.call(.get, "/api/v1/wallboard", cookie: cookie).1
                    #expect(Self.workNumbers(board, "agents") == numbers, "user \(index): wallboard")
                }
            }
        }
    }

    @Test("a team lead cannot force, sign out or change the queues of another team's agent: 404, and nothing changes")
    func teamLeadCannotForceOtherTeam() async throws {
        try await ServerFixture.with { fixture in
            try await fixture.organize()
            try await fixture.application().test(.router) { client in
                let lead1 = try await client.login(.demoSupervisor)
                let lead2 = try await client.login(.lead2)
                let wang = "/api/v1/agents/\(fixture.agent("1003"))"
                #expect(try await client.call(.post, wang + "/state", cookie: lead2, json: ["action": "sign_in"]).0 == .ok)
                for body in [["action": "not_ready", "reason": "meeting"], ["action": "sign_out"]] {
                    let (status, json) = try await client.call(.post, wang + "/state", cookie: lead1, json: body)
                    #expect(status == .notFound)
                    #expect(json["error"]["code"].string == "not_found")
                }
                let queues = try await client.send(.put, wang + "/queues", cookie: lead1, body: ["queues": ["x"]])
                #expect(queues.0 == .notFound)
                #expect(fixture.center.state(agent: fixture.agent("1003"), tenant: fixture.demo.rawValue) == .ready, "still ready")
                // Their own team's agent they do force, and the audit log says so.
                let li = "/api/v1/agents/\(fixture.agent("1002"))/state"
                #expect(try await client.call(.post, li, cookie: lead1, json: ["action": "sign_in"]).0 == .ok)
                let audited = try await fixture.store.auditLog.list(.tenant(fixture.demo), from: .distantPast, to: .distantFuture, action: "agent.force_state")
                let pairs = Set(audited.map { "\($0.actor.name)→\($0.objectID ?? "")" })
                #expect(pairs == ["lead2→\(fixture.agent("1003"))", "supervisor→\(fixture.agent("1002"))"], "the refused changes left no trace")
            }
        }
    }

    @Test("a partner manager sees their partner's calls and recordings only; another partner's are 404")
    func partnerManagerSeesOwnCalls() async throws {
        try await ServerFixture.with { fixture in
            try await fixture.organize()
            let start = Date(timeIntervalSince1970: 1_790_000_000)
            let zhang = try await fixture.seedCall(agent: "1001", caller: "13800000001", arrivedAt: start)
            let wang = try await fixture.seedCall(agent: "1003", caller: "13800000003", arrivedAt: start.addingTimeInterval(100))
            try await fixture.application().test(.router) { client in
                let acme = try await client.login(.acmeManager)
                let (status, list) = try await client.call(.get, "/api/v1/cdrs", cookie: acme)
                #expect(status == .ok)
                #expect(list["items"].array.map { $0["caller"].string } == ["13800000003"])
                #expect(try await client.call(.get, "/api/v1/cdrs/\(wang.record.rawValue)", cookie: acme).0 == .ok)
                #expect(try await client.call(.get, "/api/v1/cdrs/\(zhang.record.rawValue)", cookie: acme).0 == .notFound)
                #expect(try await client.call(.get, "/api/v1/recordings/\(wang.recording.rawValue)", cookie: acme).0 == .ok)
                let (hidden, error) = try await client.call(.get, "/api/v1/recordings/\(zhang.recording.rawValue)", cookie: acme)
                #expect(hidden == .notFound)
                #expect(error["error"]["code"].string == "not_found")
                // Asking for the other partner's calls by filter gives nothing, not their calls.
                let other = try await client.call(.get, "/api/v1/cdrs?partner=\(try await partnerID("bravo", fixture))", cookie: acme).1
                #expect(other["items"].array.isEmpty)
                #expect(try await client.call(.post, "/api/v1/agents/\(fixture.agent("1001"))/state", cookie: acme,
                                              json: ["action": "sign_in"]).0 == .notFound)
                // The other partner's manager sees the mirror image.
                let bravo = try await client.login(.bravoManager)
                let theirs = try await client.call(.get, "/api/v1/cdrs", cookie: bravo).1
                #expect(theirs["items"].array.map { $0["caller"].string } == ["13800000001"])
                // A team lead sees their team's calls; the tenant admin both.
                let lead2 = try await client.login(.lead2)
                #expect(try await client.call(.get, "/api/v1/cdrs", cookie: lead2).1["items"].array.map { $0["caller"].string } == ["13800000003"])
                #expect(try await client.call(.get, "/api/v1/cdrs/\(zhang.record.rawValue)", cookie: lead2).0 == .notFound)
                let admin = try await client.login(.demoAdmin)
                #expect(try await client.call(.get, "/api/v1/cdrs", cookie: admin).1["items"].array.count == 2)
            }
        }
    }

    private func partnerID(_ name: String, _ fixture: ServerFixture) async throws -> String {
        try #require(try await fixture.store.organization.partners(fixture.demo).first { $0.name == name }).id.rawValue
    }
}
