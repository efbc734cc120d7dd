// A call whose number's rules ask for a hang-up SMS (挂机短信), end to end: kefu serves the
// call, queues the SMS when the caller hangs up unanswered, and sends it over SMPP to the test
// SMSC, whose receipt marks it delivered in the store.

import Foundation
import SIPTesting
import Store
import Testing

@Suite(.serialized, .enabled(if: EndToEndRun.canRun)) struct HangUpSMSTests {
    @Test("a caller who hangs up unanswered gets the rule's SMS over SMPP, and the outbox records its delivery")
    func unansweredCallGetsSMS() async throws {
        let smsc = try await TestSMSC.start()
        defer { Task { await smsc.stop() } }
        var tenant = try TestTenant.demo()
        try tenant.hangUpSMS("您好，未能接通您的来电（${caller}），我们将尽快回电。", when: "unanswered")
        try await EndToEndRun.with(tenant: tenant, kefuArguments: ["--smpp", "127.0.0.1:\(smsc.port)"], environment: ["KEFU_SMPP_PASSWORD": "secret"]) { run in
            let caller = try run.call(from: "13800000077", .hangsUp(after: .seconds(3)))
            let outcome = await caller.finish(timeout: .seconds(20))
            #expect(outcome.exitStatus == 0, "\(outcome)")
            let submitted = try await smsc.waitFor(.seconds(20)) { events in
                events.contains { $0["event"] as? String == "receipt" }
            }
            #expect(submitted, "no SMS reached the SMSC\n\(smsc.process.output)\n\(run.diagnostics)")
            let submit = try #require(smsc.events("submit").first)
            #expect(submit["destination"] as? String == "13800000077")
            #expect(submit["source"] as? String == TestTenant.accessNumber)
            #expect(submit["data_coding"] as? Int == 8, "Chinese text goes as UCS-2")
            // The receipt is recorded before kefu stops.
            try await Task.sleep(for: .seconds(1))
            await run.stopKefu()
            try await run.records { records in
                let messages = try await records.store.smsOutbox.list(records.tenant.id)
                #expect(messages.count == 1)
                #expect(messages.first?.draft.body.contains("13800000077") == true)
                #expect(messages.first?.draft.purpose == "hangup")
                #expect(messages.first?.status == .delivered, "\(String(describing: messages.first))")
            }
        }
    }
}
