// Who sees which event on the stream.

import CallCenter
import Foundation
@testable import Server
import Store
import Testing

@Suite struct EventAudienceTests {
    func event(_ kind: CallCenterEvent.Kind, call: String? = nil, agent: String? = nil, tenant: String = "t1") -> CallCenterEvent {
        CallCenterEvent(kind, tenantID: tenant, callID: call, agentID: agent, at: Date(timeIntervalSince1970: 0))
    }

    @Test("an agent sees their own state and the calls offered to them until they end or are offered elsewhere")
    func agentView() {
        var audience = EventAudience(tenantID: "t1", agentID: "a1", wholeTenant: false, masking: .middle)
        let script: [(CallCenterEvent, Bool)] = [
            (event(.agentStateChanged, agent: "a1"), true),
            (event(.agentStateChanged, agent: "a2"), false),
            (event(.callArrived, call: "c1"), false),
            (event(.callOffered, call: "c1", agent: "a1"), true),
            (event(.callHeld, call: "c1"), true),
            (event(.callOffered, call: "c2", agent: "a2"), false),
            (event(.callHeld, call: "c2"), false),
            (event(.callEnded, call: "c1"), true),
            (event(.callHeld, call: "c1"), false),
            (event(.callOffered, call: "c3", agent: "a1"), true),
            (event(.callOffered, call: "c3", agent: "a2"), true),
            (event(.callAnswered, call: "c3", agent: "a2"), false),
            (event(.agentStateChanged, agent: "a1", tenant: "t2"), false),
        ]
        for (index, (event, expected)) in script.enumerated() {
            let admitted = audience.admits(event)
            #expect(admitted == expected, "step \(index): \(event.kind) \(event.callID ?? "")")
        }
        #expect(audience.shown("13800138000") == "138****8000")
    }

    @Test("a supervisor sees every event of the tenant and none of another; numbers in full")
    func supervisorView() {
        var audience = EventAudience(tenantID: "t1", agentID: nil, wholeTenant: true, masking: nil)
        let seen = [event(.callArrived, call: "c1"), event(.agentStateChanged, agent: "a9"), event(.callArrived, call: "c1", tenant: "t2")]
            .map { audience.admits($0) }
        #expect(seen == [true, true, false])
        #expect(audience.shown("13800138000") == "13800138000")
    }

    @Test("a team lead sees their team's agents and the calls offered to them, nothing of other teams")
    func scopedView() {
        var audience = EventAudience(tenantID: "t1", agentID: nil, wholeTenant: true, masking: nil, scopeAgents: ["a1", "a2"],
                                     seesWaitingCalls: true)
        let script: [(CallCenterEvent, Bool)] = [
            (event(.agentStateChanged, agent: "a1"), true),
            (event(.agentLimitBreached, agent: "a2"), true),
            (event(.agentStateChanged, agent: "a3"), false),
            (event(.callArrived, call: "c1"), true),
            (event(.callQueued, call: "c1"), true),
            (event(.callOffered, call: "c1", agent: "a3"), true),
            (event(.callAnswered, call: "c1", agent: "a3"), false),
            (event(.callOffered, call: "c2", agent: "a2"), true),
            (event(.callAnswered, call: "c2", agent: "a2"), true),
            (event(.callHeld, call: "c2"), true),
            (event(.callEnded, call: "c2"), true),
            (event(.callHeld, call: "c2"), false),
            (event(.callEnded, call: "c1"), false),
            (event(.agentStateChanged, agent: "a1", tenant: "t2"), false),
        ]
        for (index, (event, expected)) in script.enumerated() {
            let admitted = audience.admits(event)
            #expect(admitted == expected, "step \(index): \(event.kind) \(event.callID ?? "")")
        }
        #expect(audience.sees(agent: "a2") && !audience.sees(agent: "a3"))
    }

    @Test("a partner manager does not see calls waiting for an agent, only their agents' calls")
    func partnerView() {
        var audience = EventAudience(tenantID: "t1", agentID: nil, wholeTenant: true, masking: nil, scopeAgents: ["a1"], seesWaitingCalls: false)
        let seen = [event(.callArrived, call: "c1"), event(.callQueued, call: "c1"), event(.callOffered, call: "c1", agent: "a1"),
                    event(.callEnded, call: "c1")].map { audience.admits($0) }
        #expect(seen == [false, false, true, true])
    }
}
