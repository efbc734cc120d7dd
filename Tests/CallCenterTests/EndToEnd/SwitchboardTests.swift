// Extension dialing end to end (issue 10): the number's flow asks the caller for an
// extension (总机分机号), the caller keys it with RFC 4733 digits, and kefu puts the call
// through to that agent's registered phone, with no queue in between.

import Foundation
import SIPTesting
import Store
import Testing

@Suite(.serialized, .timeLimit(.minutes(3)), .enabled(if: EndToEndRun.canRun, "needs sipp and a built kefu (swift build --build-tests)"))
struct SwitchboardTests {
    @Test("a caller who keys 1002# is put through to agent 1002, not 1001; both hear each other; the CDR's leg names 1002")
    func keyedExtensionIsPutThrough() async throws {
        try await EndToEndRun.with(tenant: try TestTenant.Variant.switchboard.tenant()) { run in
            let other = try await run.agent("1001")
            let agent = try await run.agent("1002")
            let caller = try run.call(from: "13800000031", .hangsUp(after: .seconds(12)))
            #expect(await caller.waitForAudio(timeout: .seconds(20)), "the caller heard no switchboard prompt\n\(run.diagnostics)")
            #expect(await caller.press("1002#"), "the probe could not send the digits")
            let heard = await caller.probe.wait(timeout: .seconds(20)) { $0.audio.count(of: Tones.agent("1002")) >= Tones.heard }
            #expect(heard, "the caller did not hear agent 1002\n\(run.diagnostics)")
            let outcome = await caller.finish(timeout: .seconds(30))
            #expect(outcome.exitStatus == 0 && outcome.successfulCalls == 1, "\(outcome)")
            #expect(agent.probe.statistics.audio.count(of: Tones.caller) >= Tones.heard, "1002 did not hear the caller")
            await run.stopKefu()
            #expect(await other.stop().successfulCalls == 0, "agent 1001 was rung for a call keyed to 1002")
            _ = await agent.stop()
            try await run.records { records in
                let cdr = try #require(try await records.calls().last)
                let agentLegs = cdr.legs.filter { $0.kind == .agent }
                #expect(agentLegs.count == 1, "\(cdr.summary)")
                #expect(try await records.extensionNumber(of: agentLegs.first?.agentID) == "1002", "\(cdr.summary)")
                #expect(cdr.queueID == nil, "a switchboard call waits in no queue: \(cdr.summary)")
            }
        }
    }
}
