// The routes of the agent desktop and the wallboard: call notes on call records, the screen
// pop of a call in progress, the wallboard snapshot, each with its role and tenant checks.

import CallCenter
import Foundation
import HTTPTypes
import HummingbirdTesting
import Server
import Store
import Testing

@Suite struct DeskRouteTests {
    static let base = Date(timeIntervalSince1970: 1_790_000_000)

    @Test("an agent writes a note with a disposition on their own call, reads it back, and rewrites it")
    func agentWritesNote() async throws {
        try await ServerFixture.with { fixture in
            let own = try await fixture.seedCall(agent: "1001", arrivedAt: Self.base)
            try await fixture.application().test(.router) { client in
                let agent = try await client.login(.demoAgent1001)
                var (status, json) = try await client.call(.get, "/api/v1/cdrs/\(own.record)/note", cookie: agent)
                #expect(status == .ok && json["note"].isNull)
                (status, json) = try await client.call(.put, "/api/v1/cdrs/\(own.record)/note", cookie: agent,
                                                       json: ["disposition": "consult", "text": "客户询问套餐"])
                #expect(status == .ok)
                #expect(json["note"]["disposition"].string == "consult" && json["note"]["author"].string == "agent1001")
                #expect(json["note"]["agent_id"].string == fixture.agent("1001"))
                (status, json) = try await client.call(.put, "/api/v1/cdrs/\(own.record)/note", cookie: agent,
                                                       json: ["disposition": "follow_up", "text": "明天回访"])
                #expect(status == .ok)
                json = try await client.call(.get, "/api/v1/cdrs/\(own.record)/note", cookie: agent).1
                #expect(json["note"]["disposition"].string == "follow_up" && json["note"]["text"].string == "明天回访")
                let desk = try await client.call(.get, "/api/v1/desk", cookie: agent).1
                #expect(desk["disposition_codes"].array.compactMap { $0["code"].string }.contains("follow_up"))
                #expect(desk["not_ready_reasons"].array.compactMap { $0["code"].string } == ["rest", "meeting", "training"])
                #expect(desk["caller_ids"].array.isEmpty, "the demo's only number is inbound-only")
            }
        }
    }

    @Test("a note with an unknown disposition, without one, or too long is refused with the field named")
    func noteValidation() async throws {
        try await ServerFixture.with { fixture in
            let own = try await fixture.seedCall(agent: "1001", arrivedAt: Self.base)
            try await fixture.application().test(.router) { client in
                let agent = try await client.login(.demoAgent1001)
                let path = "/api/v1/cdrs/\(own.record)/note"
                var (status, json) = try await client.call(.put, path, cookie: agent, json: ["disposition": "bribe", "text": ""])
                #expect(status == .unprocessableContent && json["error"]["field"].string == "disposition")
                (status, json) = try await client.call(.put, path, cookie: agent, json: ["text": "没有类型"])
                #expect(status == .badRequest && json["error"]["field"].string == "disposition")
                (status, json) = try await client.call(.put, path, cookie: agent,
                                                       json: ["disposition": "other", "text": String(repeating: "长", count: 2_001)])
                #expect(status == .badRequest && json["error"]["field"].string == "text")
                json = try await client.call(.get, path, cookie: agent).1
                #expect(json["note"].isNull, "nothing was written")
            }
        }
    }

    @Test("who may write a note: the call's agent and the tenant's supervisors; other agents and tenants get 404, QA and operators 403",
          arguments: [(TestUser.demoAgent1001, HTTPResponse.Status.ok), (.demoSupervisor, .ok), (.demoAdmin, .ok),
                      (.demoAgent1002, .notFound), (.demoQA, .forbidden), (.betaAdmin, .notFound), (.betaAgent, .notFound),
                      (.platformOperator, .forbidden)])
    func noteRoles(user: TestUser, expected: HTTPResponse.Status) async throws {
        try await ServerFixture.with { fixture in
            let own = try await fixture.seedCall(agent: "1001", arrivedAt: Self.base)
            try await fixture.application().test(.router) { client in
                let cookie = try await client.login(user)
                let status = try await client.call(.put, "/api/v1/cdrs/\(own.record)/note", cookie: cookie,
                                                   json: ["disposition": "sale", "text": "ok"]).0
                #expect(status == expected)
                let unauthenticated = try await client.call(.get, "/api/v1/cdrs/\(own.record)/note", cookie: nil).0
                #expect(unauthenticated == .unauthorized)
            }
        }
    }

    @Test("the screen pop (by the percent-encoded Call-ID) shows the offered agent the masked caller, the customer and the caller's recent calls with notes")
    func screenPop() async throws {
        try await ServerFixture.with { fixture in
            let earlier = try await fixture.seedCall(agent: "1002", caller: "13800138000", arrivedAt: Self.base)
            try await fixture.seedCall(agent: "1001", caller: "13999999999", arrivedAt: Self.base.addingTimeInterval(60))
            _ = try await fixture.store.callNotes.save(fixture.demo, record: earlier.record,
                                                       CallNoteDefinition(dispositionCode: "complaint", text: "上次投诉网速"),
                                                       author: "agent1002", agentID: AgentID(rawValue: fixture.agent("1002")))
            _ = try await fixture.store.customers.create(fixture.demo, CustomerDefinition(
                name: "陈先生", vipTier: 2, notes: "老客户", numbers: ["13800138000"]))
            let tenant = fixture.demo.rawValue
            fixture.services.liveCalls.apply(CallCenterEvent(.callArrived, tenantID: tenant, callID: "live-1@127.0.0.1", at: Self.base.addingTimeInterval(120),
                                                              details: ["caller": "13800138000", "called": "4001234567"]))
            fixture.services.liveCalls.apply(CallCenterEvent(.callOffered, tenantID: tenant, callID: "live-1@127.0.0.1", agentID: fixture.agent("1001"),
                                                              details: ["queue": "service"]))
            try await fixture.application().test(.router) { client in
                let agent = try await client.login(.demoAgent1001)
                let (status, json) = try await client.call(.get, "/api/v1/screen-pop/live-1%40127.0.0.1", cookie: agent)
                #expect(status == .ok)
                #expect(json["call"]["caller"].string == "138****8000" && json["call"]["queue"].string == "service")
                #expect(json["customer"]["name"].string == "陈先生" && json["customer"]["vip_tier"].int == 2)
                #expect(json["recent_calls"].array.count == 1, "only the caller's own calls")
                #expect(json["recent_calls"][0]["note"]["text"].string == "上次投诉网速")

                let other = try await client.login(.demoAgent1002)
                #expect(try await client.call(.get, "/api/v1/screen-pop/live-1%40127.0.0.1", cookie: other).0 == .notFound)
                let beta = try await client.login(.betaSupervisor)
                #expect(try await client.call(.get, "/api/v1/screen-pop/live-1%40127.0.0.1", cookie: beta).0 == .notFound)
                let supervisor = try await client.login(.demoSupervisor)
                let full = try await client.call(.get, "/api/v1/screen-pop/live-1%40127.0.0.1", cookie: supervisor).1
                #expect(full["call"]["caller"].string == "13800138000")
                #expect(try await client.call(.get, "/api/v1/screen-pop/nothing", cookie: supervisor).0 == .notFound)
            }
        }
    }

    @Test("the wallboard shows the tenant's queues, agents with their state and the waiting call; agents may not read it")
    func wallboard() async throws {
        try await ServerFixture.with { fixture in
            let tenant = fixture.demo.rawValue
            fixture.services.liveCalls.apply(CallCenterEvent(.callArrived, tenantID: tenant, callID: "waiting-1", at: Self.base,
                                                              details: ["caller": "13800138000", "called": "4001234567"]))
            fixture.services.liveCalls.apply(CallCenterEvent(.callQueued, tenantID: tenant, callID: "waiting-1", details: ["queue": "service"]))
            try await fixture.application().test(.router) { client in
                let supervisor = try await client.login(.demoSupervisor)
                let signIn = try await client.call(.post, "/api/v1/agents/\(fixture.agent("1001"))/state", cookie: supervisor,
                                                   json: ["action": "sign_in"]).0
                #expect(signIn == .ok)
                let (status, json) = try await client.call(.get, "/api/v1/wallboard", cookie: supervisor)
                #expect(status == .ok)
                #expect(json["queues"].array.compactMap { $0["name"].string } == ["complaints", "service"])
                #expect(json["agents"].array.compactMap { $0["work_number"].string } == ["1001", "1002", "1003"])
                #expect(json["agents"][0]["state"]["kind"].string != "signed_out")
                #expect(json["agents"][1]["state"]["kind"].string == "signed_out")
                #expect(json["calls"].array.map { $0["phase"].string } == ["queued"])
                #expect(json["calls"][0]["caller"].string == "13800138000")

                let agent = try await client.login(.demoAgent1001)
                #expect(try await client.call(.get, "/api/v1/wallboard", cookie: agent).0 == .forbidden)
                let beta = try await client.login(.betaSupervisor)
                let other = try await client.call(.get, "/api/v1/wallboard", cookie: beta).1
                #expect(other["agents"].array.compactMap { $0["work_number"].string } == ["2001"])
                #expect(other["calls"].array.isEmpty)
            }
        }
    }
}
