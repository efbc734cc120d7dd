// A queue's own satisfaction survey through the configuration API: set to one of the
// tenant's flows, read back, cleared with "", and a name that is no flow of the tenant
// refused naming the field.

import Foundation
import HTTPTypes
import HummingbirdTesting
import Store
import Testing

@Suite struct QueueSurveyRouteTests {
    @Test("an admin names a flow as the queue's survey and clears it; another tenant's or an unknown flow name is refused on survey_flow")
    func surveyFlow() async throws {
        try await ServerFixture.with { fixture in
            let queue = try #require(try await fixture.store.queues.list(fixture.demo).first { $0.name == "service" })
            let path = "/api/v1/config/queues/\(queue.id.rawValue)"
            try await fixture.application().test(.router) { client in
                let admin = try await client.login(.demoAdmin)
                let (unknown, error) = try await client.send(.put, path, cookie: admin, body: ["survey_flow": "no-such-flow"])
                #expect(unknown == .badRequest)
                #expect(error["error"]["field"].string == "survey_flow")
                #expect(error["error"]["message"].string?.contains("demo-main") == true, "the message lists the tenant's flows")
                #expect(try await fixture.store.queues.get(fixture.demo, queue.id).surveyFlow == nil)

                let (saved, body) = try await client.send(.put, path, cookie: admin, body: ["survey_flow": "demo-main"])
                #expect(saved == .ok)
                #expect(body["survey_flow"].string == "demo-main")
                #expect(try await client.send(.get, path, cookie: admin).1["survey_flow"].string == "demo-main")
                #expect(try await fixture.store.queues.get(fixture.demo, queue.id).surveyFlow == "demo-main")

                let (cleared, none) = try await client.send(.put, path, cookie: admin, body: ["survey_flow": ""])
                #expect(cleared == .ok && none["survey_flow"].value == nil)
                #expect(try await fixture.store.queues.get(fixture.demo, queue.id).surveyFlow == nil)
            }
        }
    }
}
