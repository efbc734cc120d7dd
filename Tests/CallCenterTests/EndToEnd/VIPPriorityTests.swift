// Queue order end to end: a VIP caller (the number's VIP rule gives priority 10) who arrives
// after ordinary callers reaches the next free agent first.

import Foundation
import SIPTesting
import Store
import Testing

@Suite(.serialized, .timeLimit(.minutes(3)), .enabled(if: EndToEndRun.canRun, "needs sipp and a built kefu (swift build --build-tests)"))
struct VIPPriorityTests {
    static let vip = "13800138000"

    @Test("a VIP caller who arrives after two ordinary callers is answered by the next free agent before them")
    func vipJumpsTheQueue() async throws {
        var tenant = try TestTenant.demo()
        try tenant.rules(#"[{"id": "vip", "type": "vip", "numbers": ["\#(Self.vip)"], "tiers": ["vip"], "priority": 10}]"#)
        try tenant.wrapUp(seconds: 1)
        try await EndToEndRun.with(tenant: tenant) { run in
            // Signed in but not ready: everybody waits until the agent is free.
            let agent = try await run.agent("1001")
            try await agent.dial(featureCode: "*2")
            var waiting: [SIPpCaller] = []
            for (number, talk) in [("13800000001", 30), ("13800000002", 25)] {
                let caller = try run.call(from: number, .hangsUp(after: .seconds(talk)))
                #expect(await caller.waitForAudio(timeout: .seconds(20)), "\(number) was not queued\n\(run.diagnostics)")
                waiting.append(caller)
            }
            // Long enough that the agent's *0 (a prompt, then hang-up) finishes well within it on a loaded machine.
            let vip = try run.call(from: Self.vip, .hangsUp(after: .seconds(25)))
            #expect(await vip.waitForAudio(timeout: .seconds(20)), "the VIP was not queued\n\(run.diagnostics)")
            try await agent.dial(featureCode: "*0")
            let heard = await vip.probe.wait(timeout: .seconds(20)) { $0.audio.count(of: Tones.agent("1001")) >= Tones.heard }
            #expect(heard, "the VIP never reached 1001\n\(run.diagnostics)")
            for caller in waiting {
                #expect(caller.probe.statistics.audio.count(of: Tones.agent("1001")) == 0, "\(caller.caller) reached the agent before the VIP")
            }
            _ = await vip.finish(timeout: .seconds(30))
            for caller in waiting { _ = await caller.finish(timeout: .seconds(40)) }
            await run.expectNothingHeld()
            await run.stopKefu()

            try await run.records { records in
                let calls = try await records.calls()
                let vipCall = try #require(calls.first { $0.callerNumber == Self.vip }, "\(calls.map(\.summary))")
                #expect(vipCall.disposition == .answered, "\(vipCall.summary)")
                #expect(try await records.extensionNumber(of: vipCall.agentID) == "1001", "\(vipCall.summary)")
                let vipAnswered = try #require(vipCall.answeredAt)
                for other in calls where other.callerNumber != Self.vip {
                    #expect(other.arrivedAt < vipCall.arrivedAt, "\(other.summary)")
                    if let answered = other.answeredAt { #expect(vipAnswered < answered, "\(other.summary) before the VIP") }
                }
            }
        }
    }
}
