// Agents reached through the carrier trunk, end to end with SIPp as the carrier's gateway: a
// PC+Phone agent (座席 on a mobile) rung on their number, and a callback (预约回电) that
// rings an agent first and then the customer.

import Foundation
import SIPTesting
import Store
import Testing

@Suite(.serialized, .timeLimit(.minutes(3)), .enabled(if: EndToEndRun.canRun, "needs sipp and a built kefu (swift build --build-tests)"))
struct TrunkAgentTests {
    /// The demo tenant, every call straight to the service queue, the trunk at `gatewayPort`.
    private func tenant(gatewayPort: Int) throws -> TestTenant {
        var tenant = try TestTenant.demo()
        try tenant.useFlow("straight-to-queue")
        try tenant.dropInboundRules()
        try tenant.wrapUp(seconds: 1)
        try tenant.trunk(at: gatewayPort)
        return tenant
    }

    @Test("a PC+Phone agent without a softphone is rung on their mobile through the trunk; caller and agent hear each other")
    func pcPhoneAgent() async throws {
        let port = LoopbackPort.free()
        var tenant = try tenant(gatewayPort: port)
        try tenant.pcPhone(agent: "1001", number: "13700000001")
        try await EndToEndRun.with(tenant: tenant) { run in
            let mobile = try run.gateway(port: port)
            // Signs in with *1 (digest-authenticated INVITE) but registers no softphone.
            let desk = try await run.agent("1001", signIn: false)
            try await desk.dial(featureCode: "*1")
            let caller = try run.call(.hangsUp(after: .seconds(10)))
            let heard = await caller.probe.wait(timeout: .seconds(25)) { $0.audio.count(of: Tones.farEnd) >= Tones.heard }
            #expect(heard, "the caller never heard the agent's mobile\n\(run.diagnostics)")
            let outcome = await caller.finish(timeout: .seconds(30))
            #expect(outcome.exitStatus == 0, "\(outcome)")
            #expect(mobile.probe.statistics.audio.count(of: Tones.caller) >= Tones.heard, "the mobile never heard the caller: \(mobile.probe.statistics)")
            #expect(desk.probe.statistics.packetsReceived == 0, "the unregistered softphone got media")
            await run.expectNothingHeld()
            await run.stopKefu()
            let far = await mobile.stop()
            #expect(far.successfulCalls == 1 && far.failedCalls == 0, "\(far)")
            try await run.records { records in
                let cdr = try #require(try await records.calls().last)
                #expect(cdr.disposition == .answered, "\(cdr.summary)")
                #expect(try await records.extensionNumber(of: cdr.agentID) == "1001", "\(cdr.summary)")
                #expect(cdr.hungUpBy == .caller, "\(cdr.summary)")
            }
        }
    }

    @Test("a caller presses 1 for a callback and is hung up; when the agent is free kefu rings the agent, then the customer through the trunk; CDRs and the callback record show it")
    func callback() async throws {
        let port = LoopbackPort.free()
        try await EndToEndRun.with(tenant: try tenant(gatewayPort: port)) { run in
            let customer = try run.gateway(port: port)
            let agent = try await run.agent("1001", .answerAndHangUp(after: .seconds(12)))
            try await agent.dial(featureCode: "*2")
            let caller = try run.call(.waitsForBye(atMost: .seconds(40)))
            #expect(await caller.waitForAudio(timeout: .seconds(20)), "the caller was not queued\n\(run.diagnostics)")
            #expect(await caller.press("1"))
            let left = await caller.finish(timeout: .seconds(40))
            #expect(left.exitStatus == 0, "kefu did not hang up after taking the callback request: \(left)")

            try await agent.dial(featureCode: "*0")
            let talked = await customer.probe.wait(timeout: .seconds(30)) { $0.audio.count(of: Tones.agent("1001")) >= Tones.heard }
            #expect(talked, "the customer never heard the agent on the callback\n\(run.diagnostics)")
            let agentHeard = await agent.probe.wait(timeout: .seconds(10)) { $0.audio.count(of: Tones.farEnd) >= Tones.heard }
            #expect(agentHeard, "the agent never heard the customer: \(agent.probe.statistics)")
            let ended = await run.kefu.waitForLog(containing: "callback ended", timeout: .seconds(30))
            #expect(ended, "the callback never ended\n\(run.diagnostics)")
            await run.expectNothingHeld()
            await run.stopKefu()
            let phone = await agent.stop()
            #expect(phone.successfulCalls == 1 && phone.failedCalls == 0, "\(phone)")

            try await run.records { records in
                let calls = try await records.calls()
                let asked = try #require(calls.first { $0.direction == .inbound }, "\(calls.map(\.summary))")
                #expect(asked.disposition == .callbackRequested, "\(asked.summary)")
                #expect(asked.agentID == nil, "\(asked.summary)")
                let back = try #require(calls.first { $0.direction == .outbound }, "\(calls.map(\.summary))")
                #expect(back.disposition == .answered, "\(back.summary)")
                #expect(try await records.extensionNumber(of: back.agentID) == "1001", "\(back.summary)")
                #expect(back.hungUpBy == .agent, "\(back.summary)")
                let requests = try await records.store.callbacks.list(records.tenant.id)
                let request = try #require(requests.first, "no callback request stored")
                #expect(requests.count == 1)
                #expect(request.number == "13800000001")
                #expect(request.status == .completed, "\(request)")
                #expect(request.agentID?.rawValue == back.agentID?.rawValue, "\(request)")
            }
        }
    }
}
