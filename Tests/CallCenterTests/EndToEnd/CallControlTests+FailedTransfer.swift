// A single-step transfer that fails gives the caller back to the agent who transferred: the
// call bar shows the call talking again, caller and agent hear each other, the desktop's
// event stream says the transfer failed, and every attempt is a leg of the CDR.

import Foundation
import SIPTesting
import Store
import Testing

extension CallControlTests {
    /// Caller and agent 1001 hear each other again (counted from the moment of the call).
    func expectBackTogether(after step: String, _ caller: SIPpCaller, _ agent1001: SIPpAgent, _ run: EndToEndRun) async {
        let (callerBase, agentBase) = (caller.probe.statistics.audio, agent1001.probe.statistics.audio)
        let callerHears = await caller.probe.wait(timeout: .seconds(15)) {
            $0.audio.count(of: Tones.agent("1001")) - callerBase.count(of: Tones.agent("1001")) >= Tones.heard
        }
        let agentHears = await agent1001.probe.wait(timeout: .seconds(15)) {
            $0.audio.count(of: Tones.caller) - agentBase.count(of: Tones.caller) >= Tones.heard
        }
        #expect(callerHears, "after \(step) the caller does not hear agent 1001: \(caller.probe.statistics)\n\(run.diagnostics)")
        #expect(agentHears, "after \(step) agent 1001 does not hear the caller: \(agent1001.probe.statistics)")
    }

    @Test("a transfer to an agent whose phone is not registered, then to one whose phone rings unanswered, each brings the caller back to the transferring agent with audio both ways; the event stream says each failed; both attempts are CDR legs")
    func failedTransferReturnsToAgent() async throws {
        try await withCallToAgent1001(caller: .waitsForBye(atMost: .seconds(90))) { run, api, callID, caller, agents in
            let agent1001 = try #require(agents["1001"])
            let ringing = try await run.agent("1003", .ringNoAnswer, signIn: false)
            try await ringing.register()
            let events = try await KefuEventStream.open(api)
            defer { events.close() }

            // 1002 has no registration: the attempt fails at once.
            let unreachable = try await api.post("/api/v1/calls/\(callID)/transfer", ["target": ["kind": "agent", "value": "1002"]])
            #expect(unreachable.status == 200, "\(unreachable)")
            let firstFailure = await events.event("call.transferred", details: ["to": "agent:1002", "state": "failed"])
            #expect(firstFailure != nil, "no failed-transfer event on the agent's stream: \(events.texts)")
            #expect(try await api.liveCall(phase: "talking", timeout: .seconds(10)) == callID, "the call is not back with 1001")
            await expectBackTogether(after: "the transfer to the unregistered 1002", caller, agent1001, run)

            // 1003 rings for the transfer's 30 seconds without answering.
            let unanswered = try await api.post("/api/v1/calls/\(callID)/transfer", ["target": ["kind": "agent", "value": "1003"]])
            #expect(unanswered.status == 200 && unanswered.call["phase"] as? String == "transferring", "\(unanswered)")
            #expect(try await api.post("/api/v1/calls/\(callID)/hold").status == 409, "hold is refused while the transfer rings")
            let secondFailure = await events.event("call.transferred", details: ["to": "agent:1003", "state": "failed"], timeout: .seconds(50))
            #expect(secondFailure != nil, "no failed-transfer event after 1003 rang out: \(events.texts)")
            #expect(try await api.liveCall(phase: "talking", timeout: .seconds(10)) == callID, "the call is not back with 1001")
            await expectBackTogether(after: "the unanswered transfer to 1003", caller, agent1001, run)

            #expect(try await api.post("/api/v1/calls/\(callID)/hangup").status == 200)
            let outcome = await caller.finish(timeout: .seconds(20))
            #expect(outcome.successfulCalls == 1, "\(outcome)")
            await run.stopKefu()
            try await run.records { records in
                let cdr = try #require(try await records.calls().first)
                let (second, third) = (try await records.agent(extension: "1002").id, try await records.agent(extension: "1003").id)
                let transfers = cdr.legs.filter { $0.kind == .transfer }
                #expect(transfers.map(\.agentID) == [second, third], "\(cdr.summary)")
                #expect(transfers.map(\.outcome) == [.failed, .noAnswer], "\(cdr.summary)")
                #expect(cdr.hungUpBy == .agent && cdr.disposition == .answered, "\(cdr.summary)")
            }
        }
    }

    @Test("a transfer target whose phone refuses with 486 Busy Here gives the caller back to the transferring agent with audio both ways; the event stream says failed with the reason and status; the CDR's transfer leg is busy with SIP 486")
    func busyTransferTargetReturnsToAgent() async throws {
        try await withCallToAgent1001(caller: .waitsForBye(atMost: .seconds(60))) { run, api, callID, caller, agents in
            let agent1001 = try #require(agents["1001"])
            let busy = try await run.agent("1002", .refuse(status: 486), signIn: false)
            try await busy.register()
            let events = try await KefuEventStream.open(api)
            defer { events.close() }
            let transfer = try await api.post("/api/v1/calls/\(callID)/transfer", ["target": ["kind": "agent", "value": "1002"]])
            #expect(transfer.status == 200, "\(transfer)")
            let failure = await events.event("call.transferred", details: ["to": "agent:1002", "state": "failed", "reason": "busy", "status": "486"])
            #expect(failure != nil, "no failed-transfer event saying busy 486: \(events.texts)")
            #expect(try await api.liveCall(phase: "talking", timeout: .seconds(10)) == callID, "the call is not back with 1001")
            await expectBackTogether(after: "the refused transfer to 1002", caller, agent1001, run)

            #expect(try await api.post("/api/v1/calls/\(callID)/hangup").status == 200)
            #expect(await caller.finish(timeout: .seconds(20)).successfulCalls == 1)
            #expect(await busy.stop().successfulCalls == 1, "1002's phone did not see its 486 acknowledged")
            await run.stopKefu()
            try await run.records { records in
                let cdr = try #require(try await records.calls().first)
                let target = try await records.agent(extension: "1002").id
                let legs = cdr.legs.filter { $0.kind == .transfer }
                #expect(legs.count == 1 && legs.first?.agentID == target && legs.first?.outcome == .busy && legs.first?.sipStatus == 486, "\(cdr.summary)")
                #expect(cdr.hungUpBy == .agent && cdr.disposition == .answered, "\(cdr.summary)")
            }
        }
    }
}
