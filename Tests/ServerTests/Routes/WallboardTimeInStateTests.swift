// The wallboard's "time in state": when each agent entered their state, as the call
// center's live board recorded it at the ACD's state change.

import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite struct WallboardTimeInStateTests {
    static func date(_ text: String?) throws -> Date {
        try #require(text.flatMap { try? Date($0, strategy: .iso8601.year().month().day().time(includingFractionalSeconds: true)) },
                     "not an ISO 8601 time: \(text ?? "nil")")
    }

    @Test("an agent's state_since on the wallboard and the agent list is the moment of their last change; an agent not seen since start has none")
    func stateSince() async throws {
        try await ServerFixture.with { fixture in
            try await fixture.application().test(.router) { client in
                let supervisor = try await client.login(.demoSupervisor)
                let state = "/api/v1/agents/\(fixture.agent("1001"))/state"
                // The API's times have milliseconds: compare at that precision.
                let start = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 * 1000).rounded(.down) / 1000)
                #expect(try await client.call(.post, state, cookie: supervisor, json: ["action": "sign_in"]).0 == .ok)
                let signedIn = Date()
                var board = try await client.call(.get, "/api/v1/wallboard", cookie: supervisor).1
                #expect(board["agents"][0]["work_number"].string == "1001")
                let first = try Self.date(board["agents"][0]["state_since"].string)
                #expect(first >= start && first <= signedIn)
                #expect(board["agents"][1]["state_since"].isNull, "1002 never signed in")

                let between = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 * 1000).rounded(.down) / 1000)
                #expect(try await client.call(.post, state, cookie: supervisor, json: ["action": "not_ready", "reason": "meeting"]).0 == .ok)
                board = try await client.call(.get, "/api/v1/wallboard", cookie: supervisor).1
                #expect(board["agents"][0]["state"]["kind"].string == "not_ready")
                let second = try Self.date(board["agents"][0]["state_since"].string)
                #expect(second >= between && second >= first)
                // Reading again changes nothing: the time is the change's, not the request's.
                let again = try await client.call(.get, "/api/v1/wallboard", cookie: supervisor).1
                #expect(again["agents"][0]["state_since"].string == board["agents"][0]["state_since"].string)
                // The agent list tells the same time.
                let agents = try await client.call(.get, "/api/v1/agents", cookie: supervisor).1
                #expect(agents["items"][0]["state_since"].string == board["agents"][0]["state_since"].string)
                #expect(agents["items"][1]["state_since"].isNull)
            }
        }
    }
}
