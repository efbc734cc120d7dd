// The pushed survey is the tenant's own when its flow has one: its question, its keys (here
// 1 to 3, so a 4 is refused and asked again), its closing words; the score goes on the CDR.

import Foundation
import SIPTesting
import Store
import Testing

extension CallControlTests {
    @Test("a pushed survey asks the flow's configured question with keys 1 to 3: a 4 is refused and asked again, the 2 that follows is the CDR's score")
    func configuredSurvey() async throws {
        var tenant = try TestTenant.demo()
        try tenant.useFlow("survey-queue")
        try tenant.dropInboundRules()
        try tenant.wrapUp(seconds: 1)
        try await withCallToAgent1001(tenant: tenant, caller: .waitsForBye(atMost: .seconds(60))) { run, api, callID, caller, _ in
            let before = caller.probe.statistics.audio.loud
            #expect(try await api.post("/api/v1/calls/\(callID)/survey").status == 200)
            #expect(await caller.probe.wait(timeout: .seconds(20)) { $0.audio.loud - before >= 50 }, "the caller heard no survey question")
            #expect(await caller.press("4"))
            let refused = caller.probe.statistics.audio.loud
            #expect(await caller.probe.wait(timeout: .seconds(20)) { $0.audio.loud - refused >= 50 },
                    "the out-of-scale key was not followed by the question again\n\(run.diagnostics)")
            #expect(await caller.press("2"))
            let outcome = await caller.finish(timeout: .seconds(40))
            #expect(outcome.successfulCalls == 1, "the caller was not hung up after the survey: \(outcome)\n\(run.diagnostics)")
            await run.stopKefu()
            try await run.records { records in
                let cdr = try #require(try await records.calls().first)
                #expect(cdr.surveyScore == 2, "\(cdr.summary)")
            }
        }
    }
}
