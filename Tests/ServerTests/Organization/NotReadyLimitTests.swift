// Not-ready limits (示忙限制) through the API: the count per shift refuses the agent's own
// request with the server's message (a supervisor may still set it, and that is an alert),
// too many of a team in one reason at once and too long in it are published as
// `agent.limit` events and listed as the wallboard's alerts; the desk shows each limit and
// how much of it the agent used.

import CallCenter
import ACD
import Foundation
import HTTPTypes
import HummingbirdTesting
import Server
import Store
import Testing

@Suite struct NotReadyLimitTests {
    /// Adds not-ready reasons to the demo tenant and reloads the call center.
    static func addReasons(_ fixture: ServerFixture, _ reasons: [NotReadyReasonDefinition]) async throws {
        for reason in reasons { _ = try await fixture.store.notReadyReasons.create(fixture.demo, reason) }
        _ = try await fixture.center.reload()
    }

    /// The first `agent.limit` event of `events` with `limit` within `seconds`.
    static func breach(_ events: AsyncStream<CallCenterEvent>, limit: String, within seconds: Double) async -> CallCenterEvent? {
        await first(of: events, within: seconds) { $0.kind == .agentLimitBreached && $0.details["limit"] == limit }
    }

    @Test("the count per shift refuses the agent's third request with the server's message; a supervisor's is an alert")
    func perShiftLimit() async throws {
        try await ServerFixture.with { fixture in
            try await Self.addReasons(fixture, [NotReadyReasonDefinition(code: "smoke", name: "吸烟", maxPerShift: 2)])
            let events = fixture.center.events.subscribe()
            try await fixture.application().test(.router) { client in
                let agent = try await client.login(.demoAgent1001)
                let path = "/api/v1/agents/\(fixture.agent("1001"))/state"
                #expect(try await client.call(.post, path, cookie: agent, json: ["action": "sign_in"]).0 == .ok)
                for _ in 0..<2 {
                    #expect(try await client.call(.post, path, cookie: agent, json: ["action": "not_ready", "reason": "smoke"]).0 == .ok)
                    #expect(try await client.call(.post, path, cookie: agent, json: ["action": "ready"]).0 == .ok)
                }
                let (status, json) = try await client.call(.post, path, cookie: agent, json: ["action": "not_ready", "reason": "smoke"])
                #expect(status == .conflict)
                #expect(json["error"]["code"].string == "presence_refused")
                #expect(json["error"]["message"].string == "'吸烟' may be chosen 2 times per shift and you have used it 2 times")
                #expect(fixture.center.state(agent: fixture.agent("1001"), tenant: fixture.demo.rawValue) == .ready)
                let desk = try await client.call(.get, "/api/v1/desk", cookie: agent).1
                let smoke = try #require(desk["not_ready_reasons"].array.first { $0["code"].string == "smoke" })
                #expect(smoke["max_per_shift"].int == 2)
                #expect(smoke["used_this_shift"].int == 2)

                let supervisor = try await client.login(.demoSupervisor)
                let forced = try await client.call(.post, path, cookie: supervisor, json: ["action": "not_ready", "reason": "smoke"])
                #expect(forced.0 == .ok, "a supervisor goes past the limit")
                let event = try #require(await Self.breach(events, limit: "per_shift", within: 10))
                #expect(event.agentID == fixture.agent("1001"))
                #expect(event.details["count"] == "3")
                let alerts = try await client.call(.get, "/api/v1/wallboard", cookie: supervisor).1["alerts"].array
                #expect(alerts.map { [$0["limit"].string, $0["agent_id"].string, $0["value"].int.map(String.init)] }
                    == [["per_shift", fixture.agent("1001"), "3"]])
            }
        }
    }

    @Test("two agents of one team in a reason that allows one at once is a published breach and a wallboard alert")
    func teamConcurrencyLimit() async throws {
        try await ServerFixture.with { fixture in
            let events = fixture.center.events.subscribe()
            let team = try #require(try await fixture.store.organization.teams(fixture.demo).first { $0.name == "team-1" }).id
            try await fixture.application().test(.router) { client in
                for (user, workNumber) in [(TestUser.demoAgent1001, "1001"), (.demoAgent1002, "1002")] {
                    let cookie = try await client.login(user)
                    let path = "/api/v1/agents/\(fixture.agent(workNumber))/state"
                    #expect(try await client.call(.post, path, cookie: cookie, json: ["action": "sign_in"]).0 == .ok)
                    let (status, json) = try await client.call(.post, path, cookie: cookie, json: ["action": "not_ready", "reason": "rest"])
                    #expect(status == .ok, "an alert, not a refusal: \(json["error"]["message"].string ?? "")")
                }
                let event = try #require(await Self.breach(events, limit: "per_team", within: 10))
                #expect(event.agentID == fixture.agent("1002"))
                #expect(event.details["team"] == team.rawValue)
                #expect(event.details["count"] == "2")
                #expect(event.details["maximum"] == "1")
                let supervisor = try await client.login(.demoSupervisor)
                let alerts = try await client.call(.get, "/api/v1/wallboard", cookie: supervisor).1["alerts"].array
                #expect(alerts.map { [$0["limit"].string, $0["team_id"].string, $0["reason"].string] } == [["per_team", team.rawValue, "rest"]])
                #expect(alerts.first?["value"].int == 2)
                // The desk shows the reason's limits.
                let desk = try await client.call(.get, "/api/v1/desk", cookie: try await client.login(.demoAgent1002)).1
                let rest = try #require(desk["not_ready_reasons"].array.first { $0["code"].string == "rest" })
                #expect([rest["max_duration_seconds"].int, rest["max_per_shift"].int, rest["max_concurrent_per_team"].int, rest["used_this_shift"].int]
                    == [600, 3, 1, 1])
            }
        }
    }

    @Test("staying in a reason past its maximum duration is a published breach and a wallboard alert")
    func durationLimit() async throws {
        try await ServerFixture.with { fixture in
            try await Self.addReasons(fixture, [NotReadyReasonDefinition(code: "brief", name: "片刻", maxDurationSeconds: 1)])
            let events = fixture.center.events.subscribe()
            try await fixture.application().test(.router) { client in
                let agent = try await client.login(.demoAgent1001)
                let path = "/api/v1/agents/\(fixture.agent("1001"))/state"
                #expect(try await client.call(.post, path, cookie: agent, json: ["action": "sign_in"]).0 == .ok)
                #expect(try await client.call(.post, path, cookie: agent, json: ["action": "not_ready", "reason": "brief"]).0 == .ok)
                // The ACD's own timer reports the breach once the second has passed.
                let event = try #require(await Self.breach(events, limit: "duration", within: 20))
                #expect(event.agentID == fixture.agent("1001"))
                #expect(event.details["reason"] == "brief")
                #expect(event.details["maximum"] == "1")
                let supervisor = try await client.login(.demoSupervisor)
                let alerts = try await client.call(.get, "/api/v1/wallboard", cookie: supervisor).1["alerts"].array
                #expect(alerts.map { [$0["limit"].string, $0["agent_id"].string, $0["reason_name"].string] } == [["duration", fixture.agent("1001"), "片刻"]])
                #expect((alerts.first?["value"].int ?? 0) >= 1)
            }
        }
    }
}
