// Calls no queue offered keep their agents busy in the ACD: a click-to-dial call (外呼) and
// a call between two agents' extensions. No queue call reaches a busy agent; wrap-up and
// ready follow as after an inbound call.

import Foundation
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
}
