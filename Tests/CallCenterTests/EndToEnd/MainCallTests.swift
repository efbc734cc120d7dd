// The main call path end to end (issue 7): a SIPp caller dials the demo access number, presses
// 2 in the menu, waits in the service queue, agent 1001 (a SIPp phone registered with digest
// auth and signed in with *1) answers; each side hears the other's tone; the caller hangs up;
// kefu writes one CDR and a stereo recording, and the agent goes through wrap-up back to ready
// (states from kefu's log: the call path does not fill the store's state history).
//
// Real peers only: the built `kefu serve` as a child process on free loopback ports, SIPp for
// signalling, RTP probes (SIPTesting.RTPProbe) for media, the SQLite database and WAV files
// kefu leaves.

import Foundation
import Media
import SIPTesting
import Store
import Testing

@Suite(.serialized, .timeLimit(.minutes(3)), .enabled(if: EndToEndRun.canRun, "needs sipp and a built kefu (swift build --build-tests)"))
struct MainCallTests {
    @Test("kefu serve --provision starts on free loopback ports, prints `kefu ready`, and stops cleanly on SIGTERM")
    func startsAndStops() async throws {
        try await EndToEndRun.with(tenant: try TestTenant.Variant.menu.tenant()) { run in
            let status = await run.stopKefu()
            #expect(status == 0, "kefu exited with \(status) on SIGTERM\n\(run.diagnostics)")
            let tenant = try await run.records { $0.tenant }
            #expect(tenant.sipDomain == TestTenant.domain)
        }
    }

    @Test("a caller who presses 2 reaches agent 1001 in the service queue; both hear each other; CDR, stereo recording and agent states follow")
    func pressTwoReachesServiceAgent() async throws {
        try await EndToEndRun.with(tenant: try TestTenant.Variant.menu.tenant()) { run in
            let agent = try await run.agent("1001")
            let caller = try run.call(from: "13800000001", .hangsUp(after: .seconds(15)))
            #expect(await caller.waitForAudio(timeout: .seconds(20)), "the caller heard no menu prompt\n\(run.diagnostics)")
            #expect(await caller.press("2"), "the probe could not send the digit")
            let heardAgent = await caller.probe.wait(timeout: .seconds(25)) { $0.audio.count(of: Tones.agent("1001")) >= Tones.heard }
            #expect(heardAgent, "the caller did not hear agent 1001's tone\n\(run.diagnostics)")
            let outcome = await caller.finish(timeout: .seconds(40))
            #expect(outcome.exitStatus == 0 && outcome.successfulCalls == 1, "\(outcome)")
            #expect(agent.probe.statistics.audio.count(of: Tones.caller) >= Tones.heard, "agent 1001 did not hear the caller: \(agent.probe.statistics)")

            // Wrap-up (2 s in this tenant), then ready again: seen in the database while kefu runs.
            let expected = ["ready", "reserved", "busy", "wrap-up", "ready"]
            let deadline = ContinuousClock.now + .seconds(20)
            var states = try await run.agentStates("1001")
            while !states.containsInOrder(expected), ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(250))
                states = try await run.agentStates("1001")
            }
            #expect(states.containsInOrder(expected), "agent 1001 went through \(states)\n\(run.diagnostics)")
            // Stopping cleanly is startsAndStops' concern; here SIGTERM (or the kill after it) only ends the run.
            await run.expectNothingHeld()
            await run.stopKefu()
            let phone = await agent.stop()
            #expect(phone.failedCalls == 0 && phone.successfulCalls == 1, "\(phone)")

            try await run.records { records in
                let calls = try await records.calls()
                #expect(calls.count == 1, "\(calls.map(\.summary))")
                let cdr = try #require(calls.first)
                #expect(cdr.direction == .inbound)
                #expect(cdr.callerNumber == "13800000001")
                #expect(cdr.calledNumber == TestTenant.accessNumber)
                #expect(try await records.queueName(cdr.queueID) == "service", "\(cdr.summary)")
                #expect(try await records.extensionNumber(of: cdr.agentID) == "1001", "\(cdr.summary)")
                #expect(cdr.agentWorkNumber == "1001")
                #expect(cdr.hungUpBy == .caller, "\(cdr.summary)")
                #expect(cdr.disposition == .answered, "\(cdr.summary)")
                let answered = try #require(cdr.answeredAt, "\(cdr.summary)")
                #expect(cdr.arrivedAt <= answered && answered <= cdr.endedAt, "\(cdr.summary)")
                #expect(cdr.legs.contains { $0.kind == .agent && $0.outcome == .answered }, "\(cdr.summary)")

                let recordings = try await records.recordings(of: cdr)
                #expect(recordings.count == 1 && cdr.recordingID == recordings.first?.id, "\(cdr.summary) \(recordings)")
                let recording = try #require(recordings.first)
                #expect(recording.channels == 2)
                let audio = try RecordingAudio.read(path: recording.path, dataDirectory: run.kefu.dataDirectory, tones: Tones.all)
                #expect(audio.format.channels == 2, "\(audio)")
                #expect(audio.caller.count(of: Tones.caller) >= Tones.heard, "the caller's channel lacks the caller's tone: \(audio)")
                #expect(audio.agent.count(of: Tones.agent("1001")) >= Tones.heard, "the agent's channel lacks the agent's tone: \(audio)")
                #expect(audio.caller.count(of: Tones.agent("1001")) < Tones.heard / 5, "the agent is heard on the caller's channel: \(audio)")
                #expect(audio.agent.count(of: Tones.caller) < Tones.heard / 5, "the caller is heard on the agent's channel: \(audio)")

            }
        }
    }
}
