// The main call path with a real softphone: baresip registers as agent 1001 with digest auth,
// signs in by dialling *1, auto-answers kefu's offer; the caller (SIPp) hears baresip's sine
// tone and baresip's own recording of what it heard holds the caller's tone.

import Foundation
import Media
import SIPTesting
import Store
import Testing

@Suite(.serialized, .timeLimit(.minutes(3)),
       .enabled(if: EndToEndRun.canRun && BaresipAgent.isInstalled, "needs sipp, baresip and a built kefu (swift build --build-tests)"))
struct BaresipAgentTests {
    @Test("a caller who presses 2 reaches agent 1001 on baresip (digest-registered, signed in with *1, auto-answering); both hear each other; CDR and agent states follow")
    func baresipAnswers() async throws {
        try await EndToEndRun.with(tenant: try TestTenant.Variant.menu.tenant()) { run in
            let phone = try await run.baresip("1001")
            let signInFiles = Set(phone.soundFiles(heard: true))
            let caller = try run.call(.hangsUp(after: .seconds(15)))
            #expect(await caller.waitForAudio(timeout: .seconds(20)), "the caller heard no menu prompt\n\(run.diagnostics)")
            #expect(await caller.press("2"))
            let heardAgent = await caller.probe.wait(timeout: .seconds(25)) { $0.audio.count(of: Tones.agent("1001")) >= Tones.heard }
            #expect(heardAgent, "the caller did not hear baresip's tone\n\(run.diagnostics)")
            let outcome = await caller.finish(timeout: .seconds(40))
            #expect(outcome.exitStatus == 0 && outcome.successfulCalls == 1, "\(outcome)")

            // baresip closes its recording when kefu hangs it up after the caller left.
            let closed = await run.kefu.waitForLog(containing: "disposition=answered", timeout: .seconds(15))
            #expect(closed, "the call never ended\n\(run.diagnostics)")
            try await Task.sleep(for: .seconds(1))
            let heardFile = try #require(phone.soundFiles(heard: true).first { !signInFiles.contains($0) }, "baresip recorded no offered call\n\(phone.logTail)")
            let file = try WAVReader.read(path: heardFile)
            let heard = ToneAnalysis.analyse(file.channel(0), frequencies: Tones.all, blockSize: file.format.sampleRate / 50, sampleRate: Double(file.format.sampleRate))
            #expect(heard.count(of: Tones.caller) >= Tones.heard, "baresip did not hear the caller: \(heard)")

            let expected = ["ready", "reserved", "busy", "wrap-up", "ready"]
            let deadline = ContinuousClock.now + .seconds(15)
            var states = try await run.agentStates("1001")
            while !states.containsInOrder(expected), ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(250))
                states = try await run.agentStates("1001")
            }
            #expect(states.containsInOrder(expected), "agent 1001 went through \(states)")
            await run.expectNothingHeld()
            await run.stopKefu()
            try await run.records { records in
                let cdr = try #require(try await records.calls().last)
                #expect(cdr.disposition == .answered, "\(cdr.summary)")
                #expect(try await records.extensionNumber(of: cdr.agentID) == "1001", "\(cdr.summary)")
                #expect(cdr.hungUpBy == .caller, "\(cdr.summary)")
                let recording = try #require(try await records.recordings(of: cdr).first, "\(cdr.summary)")
                let audio = try RecordingAudio.read(path: recording.path, dataDirectory: run.kefu.dataDirectory, tones: Tones.all)
                #expect(audio.agent.count(of: Tones.agent("1001")) >= Tones.heard, "the agent's channel lacks baresip's tone: \(audio)")
            }
        }
    }
}
