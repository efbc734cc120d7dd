// The WebSocket event stream on a live server: the snapshot, who sees which event, the
// screen pop's masked caller, and refusal without a session.

import CallCenter
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import HummingbirdWSTesting
import Server
import Store
import Testing
import WSClient

@Suite struct EventStreamTests {
    @Test("a supervisor gets a snapshot of every agent, then each agent's state change as it happens")
    func supervisorSeesTenant() async throws {
        try await ServerFixture.with { fixture in
            try await fixture.application().test(.live) { client in
                let supervisor = try await client.login(.demoSupervisor)
                let agent = try await client.login(.demoAgent1001)
                let agentID = fixture.agent("1001")
                _ = try await withTimeout {
                    try await client.ws("/api/v1/events", configuration: .init(additionalHeaders: [.cookie: supervisor])) { inbound, _, _ in
                        var reader = EventReader(inbound)
                        let snapshot = try await reader.next()
                        #expect(snapshot["type"].string == "snapshot")
                        #expect(snapshot["agents"].array.map { $0["work_number"].string } == ["1001", "1002", "1003"])
                        #expect(snapshot["agents"].array.allSatisfy { $0["state"]["kind"].string == "signed_out" })
                        let (status, _) = try await client.call(.post, "/api/v1/agents/\(agentID)/state", cookie: agent, json: ["action": "sign_in"])
                        #expect(status == .ok)
                        let event = try await reader.next(kind: "agent.state")
                        #expect(event["agent_id"].string == agentID)
                        #expect(event["details"]["to"].string == "ready")
                    }
                }
            }
        }
    }

    @Test("an agent's stream holds only their own calls, with the screen pop's caller masked; other tenants see nothing of it")
    func agentSeesOwnCalls() async throws {
        try await ServerFixture.with { fixture in
            let demo = fixture.demo.rawValue, beta = fixture.beta.rawValue
            let me = fixture.agent("1001"), colleague = fixture.agent("1002")
            let bus = fixture.center.events
            try await fixture.application().test(.live) { client in
                let agent = try await client.login(.demoAgent1001)
                let other = try await client.login(.betaSupervisor)
                _ = try await withTimeout {
                    try await client.ws("/api/v1/events", configuration: .init(additionalHeaders: [.cookie: agent])) { inbound, _, _ in
                        var reader = EventReader(inbound)
                        let snapshot = try await reader.next()
                        #expect(snapshot["agents"].array.map { $0["id"].string } == [me])
                        #expect(snapshot["calls"].array.isEmpty)
                        bus.publish(CallCenterEvent(.callArrived, tenantID: demo, callID: "c-other", details: ["caller": "13700001111", "called": "4001234567"]))
                        bus.publish(CallCenterEvent(.callOffered, tenantID: demo, callID: "c-other", agentID: colleague, details: ["queue": "service"]))
                        bus.publish(CallCenterEvent(.callArrived, tenantID: demo, callID: "c-mine", details: ["caller": "13800138000", "called": "4001234567"]))
                        bus.publish(CallCenterEvent(.callQueued, tenantID: demo, callID: "c-mine", details: ["queue": "service"]))
                        bus.publish(CallCenterEvent(.callOffered, tenantID: demo, callID: "c-mine", agentID: me, details: ["queue": "service"]))
                        bus.publish(CallCenterEvent(.callEnded, tenantID: demo, callID: "c-other", details: ["disposition": "answered"]))
                        bus.publish(CallCenterEvent(.callHeld, tenantID: demo, callID: "c-mine"))
                        bus.publish(CallCenterEvent(.callEnded, tenantID: demo, callID: "c-mine", details: ["disposition": "answered"]))
                        var kinds: [String] = []
                        let offered = try await reader.next()
                        kinds.append(offered["kind"].string ?? "")
                        #expect(offered["call"]["caller"].string == "138****8000", "the screen pop masks the caller as the tenant's policy says")
                        #expect(offered["call"]["queue"].string == "service")
                        while kinds.last != "call.ended" {
                            let message = try await reader.next()
                            #expect(message["call_id"].string == "c-mine")
                            kinds.append(message["kind"].string ?? "")
                        }
                        #expect(kinds == ["call.offered", "call.held", "call.ended"])
                    }
                    try await client.ws("/api/v1/events", configuration: .init(additionalHeaders: [.cookie: other])) { inbound, _, _ in
                        var reader = EventReader(inbound)
                        let snapshot = try await reader.next()
                        #expect(snapshot["agents"].array.map { $0["work_number"].string } == ["2001"])
                        bus.publish(CallCenterEvent(.callArrived, tenantID: demo, callID: "c-demo", details: ["caller": "13800138000"]))
                        bus.publish(CallCenterEvent(.callArrived, tenantID: beta, callID: "c-beta", details: ["caller": "13911112222"]))
                        let first = try await reader.next()
                        #expect(first["call_id"].string == "c-beta")
                        #expect(first["details"]["caller"].string == "13911112222", "supervisors see numbers in full")
                    }
                }
            }
        }
    }

    @Test("a reconnecting supervisor's snapshot lists the calls in progress; /metrics counts them for the scraper and the platform operator only")
    func snapshotHasCallsAndMetricsCountThem() async throws {
        try await ServerFixture.with { fixture in
            let demo = fixture.demo.rawValue
            let bus = fixture.center.events
            try await fixture.application().test(.live) { client in
                let supervisor = try await client.login(.demoSupervisor)
                _ = try await withTimeout {
                    try await client.ws("/api/v1/events", configuration: .init(additionalHeaders: [.cookie: supervisor])) { inbound, _, _ in
                        var reader = EventReader(inbound)
                        _ = try await reader.next()
                        bus.publish(CallCenterEvent(.callArrived, tenantID: demo, callID: "c-1", details: ["caller": "13800138000", "called": "4001234567"]))
                        bus.publish(CallCenterEvent(.callQueued, tenantID: demo, callID: "c-1", details: ["queue": "service"]))
                        _ = try await reader.next(kind: "call.queued")
                    }
                    try await client.ws("/api/v1/events", configuration: .init(additionalHeaders: [.cookie: supervisor])) { inbound, _, _ in
                        var reader = EventReader(inbound)
                        let snapshot = try await reader.next()
                        #expect(snapshot["calls"].array.map { $0["call_id"].string } == ["c-1"])
                        #expect(snapshot["calls"][0]["phase"].string == "queued")
                        #expect(snapshot["calls"][0]["caller"].string == "13800138000")
                    }
                }
                // The gauges name every tenant: the scraper's token and a platform operator read
                // them; anyone else is refused, a tenant's own supervisor too.
                let scraper: HTTPFields = [.authorization: "Bearer \(ServerFixture.metricsToken)"]
                let operatorCookie = try await client.login(.platformOperator)
                for headers in [scraper, [.cookie: operatorCookie]] {
                    try await client.execute(uri: "/metrics", method: .get, headers: headers) { response in
                        #expect(response.status == .ok)
                        let text = String(buffer: response.body)
                        #expect(text.contains(#"kefu_calls_in_progress{tenant="demo"} 1"#))
                        #expect(text.contains(#"kefu_agents{tenant="demo",state="signed_out"} 3"#))
                        #expect(text.contains(#"kefu_queue_waiting{tenant="demo",queue="service"} 0"#))
                    }
                }
                let refused: [(HTTPFields, HTTPResponse.Status)] = [
                    ([:], .unauthorized), ([.authorization: "Bearer not-the-token"], .unauthorized), ([.cookie: supervisor], .forbidden),
                ]
                for (headers, status) in refused {
                    try await client.execute(uri: "/metrics", method: .get, headers: headers) { response in
                        #expect(response.status == status, "\(headers)")
                        #expect(!String(buffer: response.body).contains("kefu_calls_in_progress"))
                    }
                }
            }
        }
    }

    @Test("without a session the upgrade is refused and a plain GET gets a JSON 401")
    func refusedWithoutSession() async throws {
        try await ServerFixture.with { fixture in
            try await fixture.application().test(.live) { client in
                await #expect(throws: (any Error).self) {
                    _ = try await withTimeout {
                        try await client.ws("/api/v1/events") { _, _, _ in
                            Issue.record("the stream opened without a session")
                        }
                    }
                }
                let (status, json) = try await client.call(.get, "/api/v1/events", cookie: nil)
                #expect(status == .unauthorized)
                #expect(json["error"]["code"].string == "unauthenticated")
                let qa = try await client.login(.demoQA)
                #expect(try await client.call(.get, "/api/v1/events", cookie: qa).0 == .forbidden)
            }
        }
    }
}
