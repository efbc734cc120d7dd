// Queue status for the wallboard and desktop.

import Foundation
import HTTPTypes
import HummingbirdTesting
import Server
import Testing

@Suite struct QueueRouteTests {
    @Test("the queue list shows the tenant's queues with the agents signed in to each")
    func liveStatus() async throws {
        try await ServerFixture.with { fixture in
            try await fixture.application().test(.router) { client in
                let supervisor = try await client.login(.demoSupervisor)
                var json = try await client.call(.get, "/api/v1/queues", cookie: supervisor).1
                #expect(json["items"].array.map { $0["name"].string } == ["complaints", "service"])
                #expect(json["items"].array.allSatisfy { $0["agents"]["signed_in"].int == 0 && $0["waiting"].int == 0 })
                #expect(json["items"][1]["display_name"].string == "业务咨询")
                for workNumber in ["1001", "1003"] {
                    _ = try await client.call(.post, "/api/v1/agents/\(fixture.agent(workNumber))/state", cookie: supervisor, json: ["action": "sign_in"])
                }
                json = try await client.call(.get, "/api/v1/queues", cookie: supervisor).1
                let service = json["items"].array.first { $0["name"].string == "service" }
                let complaints = json["items"].array.first { $0["name"].string == "complaints" }
                #expect(service?["agents"]["signed_in"].int == 2)
                #expect(service?["agents"]["ready"].int == 2)
                #expect(complaints?["agents"]["signed_in"].int == 1)
                #expect(service?["today"]["service_level"].isNull == true)
            }
        }
    }
}
