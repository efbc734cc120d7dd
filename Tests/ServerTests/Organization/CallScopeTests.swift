// Live calls under organization scopes, through the API and the real call center's call
// registry: calls stand in as small sessions registered where the call path registers its
// own (their media is not what is tested here), so the routes' scoping meets the same
// lookup a real call goes through.

@testable import CallCenter
import Foundation
import HTTPTypes
import HummingbirdTesting
import Server
import Store
import Testing

/// A call session that only shows itself and notes the commands it is asked to carry out.
private actor StandInCall: ControllableCall {
    let callID: String
    let tenantID: String
    let agentID: String?
    private(set) var performed: [String] = []

    init(callID: String, tenantID: String, agentID: String?) {
        self.callID = callID
        self.tenantID = tenantID
        self.agentID = agentID
    }

    func view() -> LiveCallView {
        LiveCallView(callID: callID, tenantID: tenantID, direction: "inbound", caller: "13800138000", called: "4001234567",
                     phase: agentID == nil ? "queued" : "talking", agentID: agentID, held: false, muted: false,
                     arrivedAt: Date(timeIntervalSince1970: 1_790_000_000))
    }

    func involves(agent: String) -> Bool { agent == agentID }

    func perform(_ command: CallControlCommand, requester: CallControlRequester) async throws(CallControlRefusal) {
        performed.append(command.name)
    }
}

@Suite struct CallScopeTests {
    @Test("live calls: a team lead sees and acts on their team's calls and the waiting ones, a partner manager their agents' only; others are 404")
    func liveCallsFollowScope() async throws {
        try await ServerFixture.with { fixture in
            try await fixture.organize()
            let tenant = fixture.demo.rawValue
            let calls = [
                StandInCall(callID: "zhang-call", tenantID: tenant, agentID: fixture.agent("1001")),
                StandInCall(callID: "wang-call", tenantID: tenant, agentID: fixture.agent("1003")),
                StandInCall(callID: "waiting-call", tenantID: tenant, agentID: nil),
            ]
            for call in calls { fixture.center.context.liveCalls.add(call, tenant: tenant, callID: call.callID) }
            try await fixture.application().test(.router) { client in
                let expected: [(String, [String])] = [
                    (try await client.login(.demoAdmin), ["waiting-call", "wang-call", "zhang-call"]),
                    (try await client.login(.demoSupervisor), ["waiting-call", "zhang-call"]),
                    (try await client.login(.lead2), ["waiting-call", "wang-call"]),
                    (try await client.login(.acmeManager), ["wang-call"]),
                ]
                for (index, (cookie, visible)) in expected.enumerated() {
                    let list = try await client.call(.get, "/api/v1/calls", cookie: cookie).1
                    #expect(list["items"].array.compactMap { $0["call_id"].string }.sorted() == visible, "user \(index)")
                    for call in ["waiting-call", "wang-call", "zhang-call"] {
                        let (status, json) = try await client.send(.post, "/api/v1/calls/\(call)/supervise", cookie: cookie, body: ["mode": "listen"])
                        #expect(status == (visible.contains(call) ? .ok : .notFound), "user \(index) on \(call): \(json["error"]["message"].string ?? "")")
                    }
                }
            }
            #expect(await calls[0].performed == Array(repeating: "supervise.listen", count: 2), "the admin and team-1's lead")
            #expect(await calls[1].performed == Array(repeating: "supervise.listen", count: 3), "the admin, team-2's lead and acme's manager")
            #expect(await calls[2].performed == Array(repeating: "supervise.listen", count: 3), "the admin and both team leads")
        }
    }
}
