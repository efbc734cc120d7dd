// The live call table repaired when the event bus lost a call's end: the sweeper ends, for the
// boards and the event streams, a call the call path no longer runs, at its second look.

import CallCenter
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import HummingbirdWSTesting
@testable import Server
import Store
import Testing
import WSClient

@Suite struct LiveCallSweeperTests {
    @Test("a call whose end the bus lost leaves the board at the sweeper's second look, and the supervisor's stream hears it end")
    func ghostCallEnds() async throws {
        try await ServerFixture.with { fixture in
            let demo = fixture.demo.rawValue
            let services = fixture.services
            let sweeper = LiveCallSweeper(services: services)
            try await fixture.application().test(.live) { client in
                // The call path never ran this call: as if its `call.ended` had been dropped.
                fixture.center.events.publish(CallCenterEvent(.callArrived, tenantID: demo, callID: "c-ghost", details: ["caller": "13800138000"]))
                #expect(await eventually { services.liveCalls.call("c-ghost", tenant: demo) != nil })
                let suspects = sweeper.sweep(after: [])
                #expect(services.liveCalls.call("c-ghost", tenant: demo) != nil, "one look never ends a call")
                let supervisor = try await client.login(.demoSupervisor)
                _ = try await withTimeout {
                    try await client.ws("/api/v1/events", configuration: .init(additionalHeaders: [.cookie: supervisor])) { inbound, _, _ in
                        var reader = EventReader(inbound)
                        let snapshot = try await reader.next()
                        #expect(snapshot["calls"].array.map { $0["call_id"].string } == ["c-ghost"])
                        #expect(sweeper.sweep(after: suspects).isEmpty)
                        let ended = try await reader.next(kind: "call.ended")
                        #expect(ended["call_id"].string == "c-ghost")
                        #expect(ended["details"]["cause"].string == "reconciled")
                    }
                }
            }
            #expect(services.liveCalls.call("c-ghost", tenant: demo) == nil)
            #expect(services.liveCalls.countsByTenant()[demo, default: 0] == 0)
        }
    }
}
