// A single-step transfer that fails gives the caller back to the agent who transferred: the
// call bar shows the call talking again, caller and agent hear each other, the desktop's
// event stream says the transfer failed, and every attempt is a leg of the CDR.

import Foundation
import SIPTesting
import Store
import Testing

extension CallControlTests {
    @Test("a transfer to an agent whose phone is not registered, then to one whose phone rings unanswered, each brings the caller back to the transferring agent with audio both ways; the event stream says each failed; both attempts are CDR legs")
    func failedTransferReturnsToAgent() async throws {
        try await withCallToAgent1001(caller: .waitsForBye(atMost: .seconds(90))) { run, api, callID, caller, agents in
            let agent1001 = try #require(agents["1001"])
            let ringing = try await run.agent("1003", .ringNoAnswer, signIn: false)
            try await ringing.register()
            let events = try await KefuEventStream.open(api)
            defer { events.close() }

            /// Caller and agent hear each other again (from the counts at the moment of the call).
            func backTogether(_ step: String) async {
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

            // 1002 has no registration: the attempt fails at once.
            let unreachable = try await api.post("/api/v1/calls/\(callID)/transfer", ["target": ["kind": "agent", "value": "1002"]])
            #expect(unreachable.status == 200, "\(unreachable)")
            let firstFailure = await events.event("call.transferred", details: ["to": "agent:1002", "state": "failed"])
            #expect(firstFailure != nil, "no failed-transfer event on the agent's stream: \(events.texts)")
            #expect(try await api.liveCall(phase: "talking", timeout: .seconds(10)) == callID, "the call is not back with 1001")
            await backTogether("the transfer to the unregistered 1002")

            // 1003 rings for the transfer's 30 seconds without answering.
            let unanswered = try await api.post("/api/v1/calls/\(callID)/transfer", ["target": ["kind": "agent", "value": "1003"]])
            #expect(unanswered.status == 200 && unanswered.call["phase"] as? String == "transferring", "\(unanswered)")
            #expect(try await api.post("/api/v1/calls/\(callID)/hold").status == 409, "hold is refused while the transfer rings")
            let secondFailure = await events.event("call.transferred", details: ["to": "agent:1003", "state": "failed"], timeout: .seconds(50))
            #expect(secondFailure != nil, "no failed-transfer event after 1003 rang out: \(events.texts)")
            #expect(try await api.liveCall(phase: "talking", timeout: .seconds(10)) == callID, "the call is not back with 1001")
            await backTogether("the unanswered transfer to 1003")

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
}
