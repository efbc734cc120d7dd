// Calls no queue offered keep their agents busy in the ACD: a click-to-dial call (外呼) and
// a call between two agents' extensions. No queue call reaches a busy agent; wrap-up and
// ready follow as after an inbound call.

import Foundation
import Media
import SIPTesting
import Store
import Testing

@Suite(.serialized, .timeLimit(.minutes(3)), .enabled(if: EndToEndRun.canRun, "needs sipp and a built kefu (swift build --build-tests)"))
struct DirectCallTests {
    /// Waits until agent `number` went through `expected` (in order) according to kefu's log.
    private func states(_ run: EndToEndRun, _ number: String, reach expected: [String], within timeout: Duration) async throws -> [String] {
        let deadline = ContinuousClock.now + timeout
        var states = try await run.agentStates(number)
        while !states.containsInOrder(expected), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(250))
            states = try await run.agentStates(number)
        }
        return states
    }

    @Test("click-to-dial makes the agent busy: a caller queued meanwhile waits, and reaches the agent only after the outbound call and its wrap-up")
    func clickToDialKeepsAgentBusy() async throws {
        let gatewayPort = LoopbackPort.free()
        var tenant = try TestTenant.callControl()
        try tenant.trunk(at: gatewayPort)
        try tenant.replace("    agents:\n      - work_number: \"1001\"", with: """
                  - { number: "02150001234", purpose: outbound, carrier: China Telecom, inbound: false, outbound: true }

                agents:
                  - work_number: "1001"
            """)
        let httpPort = LoopbackPort.free()
        try await EndToEndRun.with(tenant: tenant, kefuArguments: ["--http-port", String(httpPort)]) { run in
            _ = try run.gateway(port: gatewayPort)
            let agent = try await run.agent("1001")
            let api = try await KefuAPI.login(port: httpPort, username: "agent1001", password: "demo-agent")
            let placed = try await api.post("/api/v1/calls", ["destination": "13900000009", "callerID": "02150001234"])
            #expect(placed.status == 200, "\(placed)")
            let outbound = try #require(placed.call["call_id"] as? String)
            #expect(await agent.probe.wait(timeout: .seconds(30)) { $0.audio.count(of: Tones.farEnd) >= Tones.heard },
                    "the agent never heard the called party\n\(run.diagnostics)")
            let busy = try await states(run, "1001", reach: ["ready", "busy"], within: .seconds(10))
            #expect(busy.containsInOrder(["ready", "busy"]) && busy.last == "busy", "1001 is not busy on the outbound call: \(busy)")

            let caller = try run.call(from: "13800000002", .waitsForBye(atMost: .seconds(60)))
            let supervisor = try await KefuAPI.login(port: httpPort, username: "supervisor", password: "demo-supervisor")
            #expect(try await supervisor.liveCall(phase: "queued", timeout: .seconds(15)) != nil, "the caller never queued\n\(run.diagnostics)")
            try await Task.sleep(for: .seconds(4))
            #expect(agent.probe.statistics.audio.count(of: Tones.caller) == 0, "the queued caller reached the busy agent")
            #expect(!(try await run.agentStates("1001")).contains("reserved"), "the ACD offered the busy agent a queue call")

            #expect(try await api.post("/api/v1/calls/\(outbound)/hangup").status == 200)
            let after = try await states(run, "1001", reach: ["busy", "wrap-up", "reserved", "busy"], within: .seconds(20))
            #expect(after.containsInOrder(["ready", "busy", "wrap-up", "reserved", "busy"]), "1001 went through \(after)")
            #expect(await agent.probe.wait(timeout: .seconds(20)) { $0.audio.count(of: Tones.caller) >= Tones.heard },
                    "the queued caller never reached 1001 after the outbound call\n\(run.diagnostics)")
            let inbound = try #require(try await supervisor.liveCall(), "the queued caller is not talking")
            #expect(try await supervisor.post("/api/v1/calls/\(inbound)/release").status == 200)
            _ = await caller.finish(timeout: .seconds(20))
        }
    }

    @Test("agent 1001's baresip dials 1002's extension: 1002's phone rings and both hear each other, both agents are busy then wrap up, a signed-out phone dialling the busy 1002 gets 486, an unknown extension 404; the CDR is internal",
          .enabled(if: BaresipAgent.isInstalled, "needs baresip"))
    func extensionToExtension() async throws {
        try await EndToEndRun.with(tenant: try TestTenant.Variant.straightToQueue.tenant()) { run in
            let callee = try await run.agent("1002", .answerAndHangUp(after: .seconds(8)))
            let phone = try await run.baresip("1001")
            let signedOut = try await run.agent("1003", signIn: false)
            try await signedOut.register()
            let heardBefore = Set(phone.soundFiles(heard: true))
            let dialling = Task { try await phone.dialAndWaitForEnd("1002", timeout: .seconds(45)) }

            let heard = await callee.probe.wait(timeout: .seconds(20)) { $0.audio.count(of: Tones.agent("1001")) >= Tones.heard }
            #expect(heard, "1002 does not hear 1001's baresip: \(callee.probe.statistics)\n\(run.diagnostics)")
            let calleeBusy = try await states(run, "1002", reach: ["ready", "busy"], within: .seconds(5))
            let callerBusy = try await states(run, "1001", reach: ["ready", "busy"], within: .seconds(5))
            #expect(calleeBusy.last == "busy" && callerBusy.last == "busy", "1001: \(callerBusy), 1002: \(calleeBusy)")
            let busy = try await PhoneLockdownTests.dial("1002", from: signedOut, expecting: 486)
            #expect(busy.exitStatus == 0 && busy.successfulCalls == 1, "the signed-out phone's call to busy 1002 was not answered 486: \(busy)")
            let unknown = try await PhoneLockdownTests.dial("1999", from: signedOut, expecting: 404)
            #expect(unknown.exitStatus == 0 && unknown.successfulCalls == 1, "an unknown extension was not refused with 404: \(unknown)")

            let events = try await dialling.value
            #expect(events.contains("CALL_ESTABLISHED") && events.last == "CALL_CLOSED", "\(events)")
            for number in ["1001", "1002"] {
                let after = try await states(run, number, reach: ["busy", "wrap-up", "ready"], within: .seconds(10))
                #expect(after.containsInOrder(["ready", "busy", "wrap-up", "ready"]), "\(number) went through \(after)")
            }
            try await Task.sleep(for: .seconds(1))
            let heardFile = try #require(phone.soundFiles(heard: true).first { !heardBefore.contains($0) }, "baresip recorded no call\n\(phone.logTail)")
            let file = try WAVReader.read(path: heardFile)
            let audio = ToneAnalysis.analyse(file.channel(0), frequencies: Tones.all, blockSize: file.format.sampleRate / 50, sampleRate: Double(file.format.sampleRate))
            #expect(audio.count(of: Tones.agent("1002")) >= Tones.heard, "1001 did not hear 1002: \(audio)")
            await run.expectNothingHeld()
            await run.stopKefu()
            try await run.records { records in
                let extensionCalls = try await records.calls().filter { $0.direction == .internal }
                let cdr = try #require(extensionCalls.first { $0.callerNumber == "1001" }, "\(extensionCalls.map(\.summary))")
                let agent1002 = try await records.agent(extension: "1002").id
                #expect(cdr.calledNumber == "1002" && cdr.disposition == .answered && cdr.hungUpBy == .callee, "\(cdr.summary)")
                #expect(cdr.agentID == agent1002 && cdr.legs.contains { $0.agentID == agent1002 && $0.outcome == .answered }, "\(cdr.summary)")
                #expect(extensionCalls.contains { $0.callerNumber == "1003" && $0.disposition == .notAnswered }, "\(extensionCalls.map(\.summary))")
            }
        }
    }
}
