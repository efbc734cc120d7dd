// An extension call as supervisors and the phones see it: live on the call bars and the board,
// held and resumed from a real softphone (pjsua2's own re-INVITEs), and recorded like any call.

import Foundation
import Media
import SIPTesting
import Store
import Testing

extension DirectCallTests {
    @Test("pjsua2 as agent 1001 calls extension 1002: the call is live for 1001's call bar, the supervisor's board and event stream; 1001 holds (kefu answers recvonly, 1002 hears music, the board says held) and resumes (1002 hears 1001 again); the internal CDR has a stereo recording with both agents' tones",
          .enabled(if: PJSUAPhone.isInstalled, "needs pjsua2 (PyPI pjsua2-python)"))
    func extensionCallHoldAndRecording() async throws {
        let httpPort = LoopbackPort.free()
        try await EndToEndRun.with(tenant: try TestTenant.callControl(), kefuArguments: ["--http-port", String(httpPort)]) { run in
            let callee = try await run.agent("1002")
            let phone = try await run.pjsua("1001")
            let supervisor = try await KefuAPI.login(port: httpPort, username: "supervisor", password: "demo-supervisor")
            let events = try await KefuEventStream.open(supervisor)
            defer { events.close() }
            try phone.send("dial 1002")
            #expect(await phone.wait(for: "call 1 CONFIRMED", timeout: .seconds(20)), "1002 did not answer\n\(phone.logTail)\n\(run.diagnostics)")
            #expect(await callee.probe.wait(timeout: .seconds(15)) { $0.audio.count(of: Tones.agent("1001")) >= Tones.heard },
                    "1002 does not hear 1001: \(callee.probe.statistics)")

            let agent = try await KefuAPI.login(port: httpPort, username: "agent1001", password: "demo-agent")
            let callID = try #require(try await agent.liveCall(), "1001's call bar does not show the extension call\n\(run.diagnostics)")
            #expect(await events.event("call.arrived", details: ["direction": "internal"], timeout: .seconds(5)) != nil,
                    "the supervisor's event stream did not see the extension call arrive: \(events.texts)")
            let board = try await supervisor.get("/api/v1/calls").json["items"] as? [[String: Any]] ?? []
            #expect(board.contains { $0["call_id"] as? String == callID && $0["direction"] as? String == "internal" },
                    "the supervisor's board lacks the extension call: \(board)")

            let beforeHold = callee.probe.statistics.audio
            try phone.send("hold 1")
            #expect(await phone.wait(for: "media 1 local-hold", timeout: .seconds(10)), "the phone's hold was not accepted\n\(phone.logTail)")
            #expect(phone.sipLog.contains("a=recvonly"), "kefu did not answer the sendonly re-INVITE with recvonly")
            #expect(try await supervisor.liveCall(phase: "held", timeout: .seconds(10)) == callID, "the board does not show the call held")
            let music = await callee.probe.wait(timeout: .seconds(10)) { $0.audio.loud - beforeHold.loud >= Tones.heard * 2 }
            let duringHold = callee.probe.statistics.audio
            #expect(music, "1002 heard no music on hold: \(duringHold)")
            #expect(duringHold.count(of: Tones.agent("1001")) - beforeHold.count(of: Tones.agent("1001")) < Tones.heard / 2,
                    "1002 still heard 1001 while held: \(duringHold)")

            try phone.send("resume 1")
            #expect(try await supervisor.liveCall(phase: "talking", timeout: .seconds(10)) == callID, "the board does not show the call resumed")
            let resumed = callee.probe.statistics.audio.count(of: Tones.agent("1001"))
            #expect(await callee.probe.wait(timeout: .seconds(10)) { $0.audio.count(of: Tones.agent("1001")) - resumed >= Tones.heard },
                    "1002 does not hear 1001 after the resume")
            try phone.send("hangup 1")
            #expect(await phone.wait(for: "call 1 DISCONNECTED", timeout: .seconds(10)))
            #expect(try await supervisor.liveCall(phase: "talking", timeout: .seconds(2)) == nil, "the ended call is still live")
            await run.expectNothingHeld()
            await run.stopKefu()
            try await run.records { records in
                let cdr = try #require(try await records.calls().first { $0.direction == .internal }, "no internal CDR")
                #expect(cdr.callerNumber == "1001" && cdr.calledNumber == "1002" && cdr.hungUpBy == .caller, "\(cdr.summary)")
                #expect(cdr.legs.contains { $0.holdCount == 1 }, "the hold is not on the CDR: \(cdr.summary)")
                let recording = try #require(try await records.recordings(of: cdr).first, "the extension call was not recorded: \(cdr.summary)")
                let audio = try RecordingAudio.read(path: recording.path, dataDirectory: run.kefu.dataDirectory, tones: Tones.all)
                #expect(audio.caller.count(of: Tones.agent("1001")) >= Tones.heard, "1001's channel lacks 1001's tone: \(audio)")
                #expect(audio.agent.count(of: Tones.agent("1002")) >= Tones.heard, "1002's channel lacks 1002's tone: \(audio)")
            }
        }
    }

    @Test("the called extension's phone (SIPp 1002) holds and resumes an extension call with re-INVITEs: kefu answers recvonly then sendrecv, the board shows it held, the call goes on until 1002 hangs up and the CDR counts the hold",
          .enabled(if: PJSUAPhone.isInstalled, "needs pjsua2 (PyPI pjsua2-python)"))
    func extensionCallHeldByCallee() async throws {
        let httpPort = LoopbackPort.free()
        try await EndToEndRun.with(tenant: try TestTenant.callControl(), kefuArguments: ["--http-port", String(httpPort)]) { run in
            let callee = try await run.agent("1002", .holdAndResume(after: .seconds(3), hold: .seconds(4), talk: .seconds(4)))
            let phone = try await run.pjsua("1001")
            let supervisor = try await KefuAPI.login(port: httpPort, username: "supervisor", password: "demo-supervisor")
            try phone.send("dial 1002")
            #expect(await phone.wait(for: "call 1 CONFIRMED", timeout: .seconds(20)), "1002 did not answer\n\(phone.logTail)\n\(run.diagnostics)")
            #expect(try await supervisor.liveCall(phase: "held", timeout: .seconds(10)) != nil, "the board never showed the call held by 1002")
            // kefu holds in media (music to 1001), as on customer calls: 1001's phone gets no re-INVITE.
            #expect(!phone.events.contains("media 1 remote-hold"), "kefu re-INVITEd 1001's phone")
            #expect(await phone.wait(for: "call 1 DISCONNECTED", timeout: .seconds(20)), "the call did not end when 1002 hung up\n\(phone.logTail)")
            let phone1002 = await callee.stop()
            #expect(phone1002.failedCalls == 0 && phone1002.successfulCalls == 1, "1002's hold or resume was not answered recvonly / sendrecv: \(phone1002)")
            await run.stopKefu()
            try await run.records { records in
                let cdr = try #require(try await records.calls().first { $0.direction == .internal }, "no internal CDR")
                #expect(cdr.hungUpBy == .callee && cdr.legs.contains { $0.holdCount == 1 }, "\(cdr.summary)")
            }
        }
    }
}
