// The agent phone keep-alive end to end: a SIPp phone that dies while still registered stops
// getting calls once it misses its OPTIONS pings, and gets them again when it answers.

import Foundation
import SIPTesting
import Store
import Testing

@Suite(.serialized, .timeLimit(.minutes(3)), .enabled(if: EndToEndRun.canRun, "needs sipp and a built kefu (swift build --build-tests)"))
struct PhoneKeepAliveTests {
    @Test("a phone killed while registered leaves routing after its missed OPTIONS (the call goes to 1002), and is rung again once it answers")
    func deadPhoneLeavesRouting() async throws {
        try await EndToEndRun.with(tenant: try TestTenant.Variant.straightToQueue.tenant(), kefuArguments: ["--keepalive-interval", "2"]) { run in
            // 1001 signs in first: longest idle, so it would get the first call if kefu still rang it.
            let first = try await run.agent("1001")
            try await Task.sleep(for: .milliseconds(500))
            let second = try await run.agent("1002")
            let port = first.phone.sipPort
            _ = await first.stop()
            let noticed = await run.kefu.waitForLog(containing: "phone stopped answering OPTIONS", timeout: .seconds(30))
            #expect(noticed, "kefu never noticed the dead phone\n\(run.diagnostics)")
            #expect(await run.metric("kefu_agent_phones_not_answering", reaches: 1, within: .seconds(5)))

            let caller = try run.call(.hangsUp(after: .seconds(8)))
            let heard1002 = await caller.probe.wait(timeout: .seconds(20)) { $0.audio.count(of: Tones.agent("1002")) >= Tones.heard }
            #expect(heard1002, "the call did not reach 1002 while 1001's phone was dead\n\(run.diagnostics)")
            let outcome = await caller.finish(timeout: .seconds(30))
            #expect(outcome.exitStatus == 0, "\(outcome)")

            // The same phone answers again on the same contact, without registering anew.
            _ = try await run.agent("1001", signIn: false, sipPort: port)
            let back = await run.kefu.waitForLog(containing: "phone answers OPTIONS again", timeout: .seconds(30))
            #expect(back, "kefu never noticed the phone answering again\n\(run.diagnostics)")
            try await second.dial(featureCode: "*2")
            let again = try run.call(from: "13800000002", .hangsUp(after: .seconds(8)))
            let heard1001 = await again.probe.wait(timeout: .seconds(20)) { $0.audio.count(of: Tones.agent("1001")) >= Tones.heard }
            #expect(heard1001, "the call did not reach 1001 once its phone answered again\n\(run.diagnostics)")
            _ = await again.finish(timeout: .seconds(30))
            await run.expectNothingHeld()
            await run.stopKefu()

            try await run.records { records in
                let calls = try await records.calls()
                #expect(calls.count == 2, "\(calls.map(\.summary))")
                let agent1001 = try await records.agent(extension: "1001").id
                let whileDead = try #require(calls.first { $0.callerNumber == "13800000001" })
                #expect(try await records.extensionNumber(of: whileDead.agentID) == "1002", "\(whileDead.summary)")
                #expect(!whileDead.legs.contains { $0.agentID == agent1001 }, "the dead phone was rung: \(whileDead.summary)")
                let afterwards = try #require(calls.first { $0.callerNumber == "13800000002" })
                #expect(afterwards.agentID == agent1001, "\(afterwards.summary)")
            }
        }
    }
}
