// Consulting a queue goes through the ACD: the consultation is a task in that queue, offered
// to its agent like any call; cancelling it withdraws the task and frees the ringing agent;
// a consulted queue agent who answers can take the caller over.

import Foundation
import SIPTesting
import Store
import Testing

extension CallControlTests {
    @Test("a consultation with the complaints queue is offered by the ACD to its signed-in agent; cancelled while ringing, the queue is empty and the agent ready again; a second one is answered by the queue's next agent, who takes the caller over")
    func consultQueueThroughACD() async throws {
        try await withCallToAgent1001(caller: .waitsForBye(atMost: .seconds(90))) { run, api, callID, caller, agents in
            let agent1001 = try #require(agents["1001"])
            let unanswered = try await run.agent("1003", .ringNoAnswer)
            let supervisor = try await KefuAPI.login(port: api.port, username: "supervisor", password: "demo-supervisor")
            func waiting(in queue: String) async throws -> Int? {
                let items = try await supervisor.get("/api/v1/queues").json["items"] as? [[String: Any]] ?? []
                return items.first { $0["name"] as? String == queue }?["waiting"] as? Int
            }

            let consult = try await api.post("/api/v1/calls/\(callID)/consult", ["target": ["kind": "queue", "value": "complaints"]])
            #expect(consult.status == 200 && consult.call["phase"] as? String == "consulting", "\(consult)")
            var states: [String] = []
            for _ in 0..<60 where !states.contains("reserved") {
                try await Task.sleep(for: .milliseconds(250))
                states = try await run.agentStates("1003")
            }
            #expect(states.containsInOrder(["ready", "reserved"]), "the ACD never offered the consultation to 1003: \(states)\n\(run.diagnostics)")
            let cancel = try await api.post("/api/v1/calls/\(callID)/consult/cancel")
            #expect(cancel.status == 200 && cancel.call["phase"] as? String == "talking", "\(cancel)")
            var freed: [String] = []
            for _ in 0..<40 where freed.last != "ready" {
                try await Task.sleep(for: .milliseconds(250))
                freed = try await run.agentStates("1003")
            }
            #expect(freed.containsInOrder(["ready", "reserved", "ready"]) && freed.last == "ready", "1003 is not ready after the cancel: \(freed)")
            #expect(try await waiting(in: "complaints") == 0, "the cancelled consultation still waits in the queue")
            let back = caller.probe.statistics.audio.count(of: Tones.agent("1001"))
            #expect(await caller.probe.wait(timeout: .seconds(10)) { $0.audio.count(of: Tones.agent("1001")) - back >= Tones.heard },
                    "the caller is not back with 1001 after the cancelled consultation")

            // 1003 signs out; 1002 (also in complaints) signs in and answers the next one.
            try await unanswered.dial(featureCode: "*3")
            try await run.agent("1002")
            #expect(try await api.post("/api/v1/calls/\(callID)/consult", ["target": ["kind": "queue", "value": "complaints"]]).status == 200)
            #expect(await agent1001.probe.wait(timeout: .seconds(20)) { $0.audio.count(of: Tones.agent("1002")) >= Tones.heard / 2 },
                    "the queue consultation never connected 1002\n\(run.diagnostics)")
            let complete = try await api.post("/api/v1/calls/\(callID)/consult/complete")
            #expect(complete.status == 200 && complete.call["phase"] as? String == "talking", "\(complete)")
            #expect(await caller.probe.wait(timeout: .seconds(10)) { $0.audio.count(of: Tones.agent("1002")) >= Tones.heard },
                    "the caller does not hear 1002 after the completed consultation")
            #expect(try await supervisor.post("/api/v1/calls/\(callID)/release").status == 200)
            _ = await caller.finish(timeout: .seconds(20))
            var after: [String] = []
            for _ in 0..<40 where !after.containsInOrder(["reserved", "busy", "wrap-up"]) {
                try await Task.sleep(for: .milliseconds(250))
                after = try await run.agentStates("1002")
            }
            #expect(after.containsInOrder(["ready", "reserved", "busy", "wrap-up"]), "1002 went through \(after)")
            await run.stopKefu()
            try await run.records { records in
                let cdr = try #require(try await records.calls().first)
                let (second, third) = (try await records.agent(extension: "1002").id, try await records.agent(extension: "1003").id)
                #expect(cdr.legs.contains { $0.kind == .consult && $0.agentID == third && $0.outcome == .cancelled }, "\(cdr.summary)")
                #expect(cdr.legs.contains { $0.kind == .consult && $0.agentID == second && $0.outcome == .answered }, "\(cdr.summary)")
            }
        }
    }
}
