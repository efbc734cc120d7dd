// Per-group sign-in (签入技能组) through the API against the fixture's real ACD: an agent
// signs in to some of their queues, calls to the others are not offered to them, and
// choosing the other queue later brings the waiting call to them.

import ACD
import CallCenter
import Foundation
import HTTPTypes
import HummingbirdTesting
import Server
import Store
import Testing

@Suite struct QueueSignInTests {
    /// The demo tenant's queue ids by name.
    static func queueIDs(_ fixture: ServerFixture) async throws -> [String: String] {
        Dictionary(uniqueKeysWithValues: try await fixture.store.queues.list(fixture.demo).map { ($0.name, $0.id.rawValue) })
    }

    /// The first offer or ending of the task on `stream` within `seconds` (announcements
    /// are skipped), or nil.
    static func firstEvent(_ stream: AsyncStream<ACDTaskEvent>, within seconds: Double) async -> ACDTaskEvent? {
        await first(of: stream, within: seconds) { event in
            if case .announce = event { return false }
            return true
        }
    }

    @Test("an agent signed in to one of two queues is not offered the other queue's call until they choose it too")
    func callsFollowTheChosenQueues() async throws {
        try await ServerFixture.with { fixture in
            let queues = try await Self.queueIDs(fixture)
            let tenant = ACD.TenantID(fixture.demo.rawValue)
            try await fixture.application().test(.router) { client in
                // 1001 serves the service queue but is in a meeting: calls wait there rather
                // than leave a queue nobody is signed in to.
                let zhang = try await client.login(.demoAgent1001)
                for body in [["action": "sign_in"], ["action": "not_ready", "reason": "meeting"]] {
                    #expect(try await client.call(.post, "/api/v1/agents/\(fixture.agent("1001"))/state", cookie: zhang, json: body).0 == .ok)
                }
                let li = try await client.login(.demoAgent1002)
                let path = "/api/v1/agents/\(fixture.agent("1002"))"
                let (status, json) = try await client.send(.post, path + "/state", cookie: li,
                                                           body: ["action": "sign_in", "queues": [queues["complaints"]!]])
                #expect(status == .ok, "\(json["error"]["message"].string ?? "")")
                #expect(json["state"]["kind"].string == "ready")
                let desk = try await client.call(.get, "/api/v1/desk", cookie: li).1
                let choices = desk["queues"].array.map { ($0["name"].string ?? "", $0["signed_in"].value as? Bool ?? false) }
                #expect(choices.map(\.0).sorted() == ["complaints", "service"])
                #expect(Dictionary(uniqueKeysWithValues: choices) == ["complaints": true, "service": false])

                // A call to the service queue waits: 1002 is its only member signed in, but not to it.
                let task = ACD.TaskID("call-service-1")
                let events = await fixture.center.acd.register(task: task, tenant: tenant)
                let arrival = await fixture.center.acd.handle(.taskArrived(RoutingTask(id: task, queue: ACD.QueueID(queues["service"]!))), tenant: tenant)
                #expect(!arrival.contains { if case .offer = $0 { true } else { false } }, "no offer while 1002 serves complaints only")
                #expect(!arrival.contains { if case .overflow = $0 { true } else { false } }, "the call waits in the queue")

                // Choosing the service queue too brings the waiting call to 1002.
                let (chosen, result) = try await client.send(.put, path + "/queues", cookie: li, body: ["queues": [queues["service"]!, queues["complaints"]!]])
                #expect(chosen == .ok, "\(result["error"]["message"].string ?? "")")
                #expect(result["signed_in_queues"].array.compactMap(\.string).sorted() == [queues["complaints"]!, queues["service"]!].sorted())
                let next = await Self.firstEvent(events, within: 10)
                guard case .offer(let offer)? = next else {
                    Issue.record("the waiting service call was not offered to 1002 after they chose the service queue: \(String(describing: next))")
                    return
                }
                #expect(offer.agent.rawValue == fixture.agent("1002"))
                #expect(offer.queue.rawValue == queues["service"])
                await fixture.center.acd.unregister(task: task, tenant: tenant)
            }
        }
    }

    @Test("a call to a queue the agent signed in to is offered to them")
    func chosenQueueIsOffered() async throws {
        try await ServerFixture.with { fixture in
            let queues = try await Self.queueIDs(fixture)
            let tenant = ACD.TenantID(fixture.demo.rawValue)
            try await fixture.application().test(.router) { client in
                let li = try await client.login(.demoAgent1002)
                #expect(try await client.send(.post, "/api/v1/agents/\(fixture.agent("1002"))/state", cookie: li,
                                              body: ["action": "sign_in", "queues": [queues["service"]!]]).0 == .ok)
                let task = ACD.TaskID("call-service-2")
                _ = await fixture.center.acd.register(task: task, tenant: tenant)
                let effects = await fixture.center.acd.handle(.taskArrived(RoutingTask(id: task, queue: ACD.QueueID(queues["service"]!))), tenant: tenant)
                let offered = effects.compactMap { effect -> String? in if case .offer(let offer) = effect { offer.agent.rawValue } else { nil } }
                #expect(offered == [fixture.agent("1002")])
                await fixture.center.acd.unregister(task: task, tenant: tenant)
            }
        }
    }

    @Test("bad queue choices are refused naming 'queues', and nothing is signed in", arguments: [
        ([String](), HTTPResponse.Status.badRequest),
        (["no-such-queue"], .conflict),
    ])
    func badChoices(queues: [String], status expected: HTTPResponse.Status) async throws {
        try await ServerFixture.with { fixture in
            try await fixture.application().test(.router) { client in
                let body: [String: Any] = ["action": "sign_in", "queues": queues]
                let agent = try await client.login(.demoAgent1001)
                let (status, json) = try await client.send(.post, "/api/v1/agents/\(fixture.agent("1001"))/state", cookie: agent, body: body)
                #expect(status == expected)
                #expect(json["error"]["field"].string == "queues")
                #expect(fixture.center.state(agent: fixture.agent("1001"), tenant: fixture.demo.rawValue) == .signedOut)
            }
        }
    }

    @Test("choosing queues needs a signed-in agent and a non-empty list of their own queues")
    func chooseQueuesRefusals() async throws {
        try await ServerFixture.with { fixture in
            let queues = try await Self.queueIDs(fixture)
            try await fixture.application().test(.router) { client in
                let agent = try await client.login(.demoAgent1001)
                let path = "/api/v1/agents/\(fixture.agent("1001"))/queues"
                var (status, json) = try await client.send(.put, path, cookie: agent, body: ["queues": [queues["service"]!]])
                #expect(status == .conflict, "signed out")
                #expect(json["error"]["field"].string == "queues")
                #expect(try await client.call(.post, "/api/v1/agents/\(fixture.agent("1001"))/state", cookie: agent, json: ["action": "sign_in"]).0 == .ok)
                (status, json) = try await client.send(.put, path, cookie: agent, body: ["queues": [queues["complaints"]!]])
                #expect(status == .conflict, "1001 is no member of complaints")
                #expect(json["error"]["message"].string?.contains("complaints") == true)
                (status, json) = try await client.send(.put, path, cookie: agent, body: [String: String]())
                #expect(status == .badRequest)
                #expect(json["error"]["field"].string == "queues")
            }
        }
    }
}
