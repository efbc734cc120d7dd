// The pushed survey is the tenant's own when its flow has one: its question, its keys (here
// 1 to 3, so a 4 is refused and asked again), its closing words; the score goes on the CDR.
// A queue that names its own survey gives it to its callers when their agent hangs up.

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

    @Test("each queue's callers take that queue's survey when the agent hangs up: the service queue's keys are 1 to 3 (a 5 is refused, then 2 is the score), the complaints queue's 1 to 5 (the 5 is the score)")
    func surveyPerQueue() async throws {
        var tenant = try TestTenant.Variant.menu.tenant()
        try tenant.addSurveyFlow("survey-three", scale: 3)
        try tenant.addSurveyFlow("survey-five", scale: 5)
        try tenant.replace("skills: [ { skill: service, min_level: 1 } ]\n", with: "skills: [ { skill: service, min_level: 1 } ]\n        survey_flow: survey-three\n")
        try tenant.replace("skills: [ { skill: complaints, min_level: 1 } ]\n", with: "skills: [ { skill: complaints, min_level: 1 } ]\n        survey_flow: survey-five\n")
        try await EndToEndRun.with(tenant: tenant) { run in
            _ = try await run.agent("1002", .answerAndHangUp(after: .seconds(4)))

            /// A caller who picks `menuKey`, talks until the agent hangs up, then keys `keys` in
            /// the survey, each after hearing a prompt.
            func call(_ caller: String, menuKey: String, keys: [String]) async {
                guard let party = try? run.call(from: caller, .waitsForBye(atMost: .seconds(60))) else {
                    Issue.record("the caller \(caller) could not start")
                    return
                }
                #expect(await party.waitForAudio(timeout: .seconds(20)), "the caller heard no menu prompt\n\(run.diagnostics)")
                #expect(await party.press(menuKey))
                #expect(await party.probe.wait(timeout: .seconds(25)) { $0.audio.count(of: Tones.agent("1002")) >= Tones.heard },
                        "\(caller) did not reach agent 1002\n\(run.diagnostics)")
                for key in keys {
                    let before = party.probe.statistics.audio.loud
                    #expect(await party.probe.wait(timeout: .seconds(25)) { $0.audio.loud - before >= 50 },
                            "\(caller) heard no survey prompt before keying \(key)\n\(run.diagnostics)")
                    #expect(await party.press(key))
                }
                let outcome = await party.finish(timeout: .seconds(40))
                #expect(outcome.successfulCalls == 1, "\(caller) was not hung up after the survey: \(outcome)\n\(run.diagnostics)")
            }
            await call("13800000001", menuKey: "2", keys: ["5", "2"])
            await call("13800000002", menuKey: "3", keys: ["5"])
            await run.stopKefu()
            try await run.records { records in
                let calls = try await records.calls()
                let service = try #require(calls.first { $0.callerNumber == "13800000001" }, "\(calls.map(\.summary))")
                let complaints = try #require(calls.first { $0.callerNumber == "13800000002" }, "\(calls.map(\.summary))")
                #expect(try await records.queueName(service.queueID) == "service" && service.surveyScore == 2, "\(service.summary) score \(service.surveyScore.map(String.init) ?? "-")")
                #expect(try await records.queueName(complaints.queueID) == "complaints" && complaints.surveyScore == 5,
                        "\(complaints.summary) score \(complaints.surveyScore.map(String.init) ?? "-")")
            }
        }
    }
}
