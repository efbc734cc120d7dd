// Attended transfer from the agent's own softphone (RFC 5589 §7): a real SIP stack (pjsua2)
// holds the caller, calls a colleague's extension through kefu, and sends REFER with
// Replaces on the caller's dialog (or on the extension call, naming the caller's dialog).
// kefu joins the caller to the colleague, reports 100 then 200 in NOTIFYs, ends both of the
// phone's dialogs, and the CDR keeps both agent legs.

import Foundation
import SIPTesting
import Store
import Testing

extension CallControlTests {
    @Test("pjsua2 as agent 1001 holds the caller, calls extension 1002 and transfers with REFER/Replaces on either call: NOTIFY 100 then 200, kefu ends both of 1001's calls, the caller and 1002 hear each other, the event stream says completed, and the CDR has 1001's leg and 1002's transfer leg",
          .enabled(if: PJSUAPhone.isInstalled, "needs pjsua2 (PyPI pjsua2-python)"), arguments: [false, true])
    func attendedTransferFromSoftphone(referOnExtensionCall: Bool) async throws {
        // The phone's calls: 0 its sign-in, 1 the caller, 2 the extension call.
        let (referring, replaced) = referOnExtensionCall ? (2, 1) : (1, 2)
        let httpPort = LoopbackPort.free()
        try await EndToEndRun.with(tenant: try TestTenant.callControl(), kefuArguments: ["--http-port", String(httpPort)]) { run in
            let phone = try await run.pjsua("1001")
            let colleague = try await run.agent("1002", signIn: false)
            let caller = try run.call(.waitsForBye(atMost: .seconds(90)))
            #expect(await caller.probe.wait(timeout: .seconds(25)) { $0.audio.count(of: Tones.agent("1001")) >= Tones.heard },
                    "the caller did not reach 1001's softphone\n\(phone.logTail)\n\(run.diagnostics)")
            // Signed in only now, so the queue offered the caller to 1001.
            try await colleague.signIn()
            let supervisor = try await KefuAPI.login(port: httpPort, username: "supervisor", password: "demo-supervisor")
            let events = try await KefuEventStream.open(supervisor)
            defer { events.close() }
            let callID = try #require(try await supervisor.liveCall(), "the caller's call is not live\n\(run.diagnostics)")

            try phone.send("hold 1")
            #expect(try await supervisor.liveCall(phase: "held", timeout: .seconds(10)) == callID, "the phone's hold did not hold the caller")
            try phone.send("dial 1002")
            #expect(await phone.wait(for: "call 2 CONFIRMED", timeout: .seconds(20)), "1002 did not answer 1001's call\n\(phone.logTail)\n\(run.diagnostics)")
            #expect(await colleague.probe.wait(timeout: .seconds(15)) { $0.audio.count(of: Tones.agent("1001")) >= Tones.heard },
                    "1002 does not hear 1001 in their call")
            #expect(colleague.probe.statistics.audio.count(of: Tones.caller) < Tones.heard / 2, "1002 heard the caller before the transfer")

            try phone.send("xfer-replaces \(referring) \(replaced)")
            #expect(await phone.wait(for: "transfer \(referring) 200 final", timeout: .seconds(15)), "no final NOTIFY 200\n\(phone.logTail)\n\(run.diagnostics)")
            let notified = phone.events.filter { $0.hasPrefix("transfer \(referring) ") }
            #expect(notified.first?.hasPrefix("transfer \(referring) 100") == true, "the first NOTIFY was not 100 Trying: \(notified)")
            #expect(await phone.wait(for: "call 1 DISCONNECTED", timeout: .seconds(10)), "1001's call with the caller was not ended\n\(phone.logTail)")
            #expect(await phone.wait(for: "call 2 DISCONNECTED", timeout: .seconds(10)), "1001's call with 1002 was not ended\n\(phone.logTail)")

            let (callerBase, colleagueBase) = (caller.probe.statistics.audio, colleague.probe.statistics.audio)
            #expect(await caller.probe.wait(timeout: .seconds(15)) { $0.audio.count(of: Tones.agent("1002")) - callerBase.count(of: Tones.agent("1002")) >= Tones.heard },
                    "the caller does not hear 1002 after the transfer: \(caller.probe.statistics)\n\(run.diagnostics)")
            #expect(await colleague.probe.wait(timeout: .seconds(15)) { $0.audio.count(of: Tones.caller) - colleagueBase.count(of: Tones.caller) >= Tones.heard },
                    "1002 does not hear the caller after the transfer: \(colleague.probe.statistics)")
            let completed = await events.event("call.transferred", details: ["to": "agent:1002", "state": "completed", "after": "attended"], timeout: .seconds(5))
            #expect(completed != nil, "no completed attended transfer on the event stream: \(events.texts)")
            #expect(try await supervisor.liveCall(phase: "talking", timeout: .seconds(5)) == callID)

            #expect(try await supervisor.post("/api/v1/calls/\(callID)/release").status == 200)
            let outcome = await caller.finish(timeout: .seconds(20))
            #expect(outcome.successfulCalls == 1, "\(outcome)")
            await run.expectNothingHeld()
            await run.stopKefu()
            try await run.records { records in
                let (first, second) = (try await records.agent(extension: "1001").id, try await records.agent(extension: "1002").id)
                let calls = try await records.calls()
                let cdr = try #require(calls.first { $0.direction == .inbound }, "\(calls.map(\.summary))")
                #expect(cdr.legs.contains { $0.kind == .agent && $0.agentID == first && $0.outcome == .answered && $0.holdCount >= 1 }, "\(cdr.summary)")
                #expect(cdr.legs.contains { $0.kind == .transfer && $0.agentID == second && $0.outcome == .answered }, "\(cdr.summary)")
                #expect(cdr.hungUpBy == .supervisor, "\(cdr.summary)")
                let consultation = try #require(calls.first { $0.direction == .internal }, "the extension call has no CDR: \(calls.map(\.summary))")
                #expect(consultation.callerNumber == "1001" && consultation.calledNumber == "1002" && consultation.callData["transferred_into"] == cdr.callID,
                        "\(consultation.summary) \(consultation.callData)")
            }
        }
    }

    @Test("a REFER whose Replaces names a dialog kefu does not have is accepted, then NOTIFYs 100 and 481; the caller stays with the agent; an INVITE whose Replaces names no dialog gets 481")
    func unknownReplacesRefused() async throws {
        try await withCallToAgent1001(
            caller: .waitsForBye(atMost: .seconds(60)), agent: .attendedTransferToUnknownDialog(target: "1002", after: .seconds(6))
        ) { run, api, callID, caller, agents in
            let agent1001 = try #require(agents["1001"])
            let events = try await KefuEventStream.open(api)
            defer { events.close() }
            let refused = await events.event("call.transferred", details: ["state": "failed", "reason": "481"], timeout: .seconds(20))
            #expect(refused != nil, "no failed transfer on the stream after the REFER: \(events.texts)\n\(run.diagnostics)")
            #expect(try await api.liveCall(phase: "talking", timeout: .seconds(5)) == callID)
            await expectBackTogether(after: "the REFER naming an unknown dialog", caller, agent1001, run)

            let invite = try await SIPpProcess.run(
                ["127.0.0.1:\(run.kefu.sipPort)", "-sf", "{dir}/invite.xml", "-m", "1", "-set", "domain", TestTenant.domain, "-set", "code", "1001",
                 "-set", "rtp_port", String(RTPPortRange.free(count: 2).lowerBound), "-mp", String(RTPPortRange.free(count: 4).lowerBound)],
                files: ["invite.xml": try SIPpScenario.fill(TestTenant.fixtures + "/sipp/invite-unknown-replaces.xml")],
                timeLimit: .seconds(20), traceMessages: true)
            #expect(invite.exitStatus == 0 && invite.successfulCalls == 1, "the INVITE with an unknown Replaces was not answered 481: \(invite)")

            #expect(try await api.post("/api/v1/calls/\(callID)/hangup").status == 200)
            #expect(await caller.finish(timeout: .seconds(20)).successfulCalls == 1)
            let phone = await agent1001.stop()
            #expect(phone.successfulCalls == 1, "the phone did not get 202, NOTIFY 100 and NOTIFY 481 (terminated): \(phone)")
        }
    }

    @Test("the agent takes the caller to another of their phones with an INVITE carrying Replaces: the caller hears the new phone, the old phone's dialog ends, the call stays live and the CDR has both of the agent's legs",
          .enabled(if: PJSUAPhone.isInstalled, "needs pjsua2 (PyPI pjsua2-python)"))
    func agentMovesCallToAnotherPhone() async throws {
        let httpPort = LoopbackPort.free()
        try await EndToEndRun.with(tenant: try TestTenant.callControl(), kefuArguments: ["--http-port", String(httpPort)]) { run in
            let desk = try await run.pjsua("1001")
            let caller = try run.call(.waitsForBye(atMost: .seconds(60)))
            #expect(await caller.probe.wait(timeout: .seconds(25)) { $0.audio.count(of: Tones.agent("1001")) >= Tones.heard },
                    "the caller did not reach 1001's desk phone\n\(desk.logTail)\n\(run.diagnostics)")
            let supervisor = try await KefuAPI.login(port: httpPort, username: "supervisor", password: "demo-supervisor")
            let callID = try #require(try await supervisor.liveCall(), "the caller's call is not live")
            let replaces = try #require(desk.replacesValue(ofCall: 1), "the desk phone reported no dialog: \(desk.logTail)")

            // The agent's second phone (another registration of 1001) sends its own tone.
            let mobile = try await run.pjsua("1001", tone: Tones.farEnd, signIn: false)
            try mobile.send("dial-replacing 1001 \(replaces)")
            #expect(await mobile.wait(for: "call 0 CONFIRMED", timeout: .seconds(15)), "kefu did not answer the INVITE with Replaces\n\(mobile.logTail)\n\(run.diagnostics)")
            #expect(await desk.wait(for: "call 1 DISCONNECTED", timeout: .seconds(10)), "the desk phone's dialog was not ended\n\(desk.logTail)")
            let base = caller.probe.statistics.audio.count(of: Tones.farEnd)
            #expect(await caller.probe.wait(timeout: .seconds(15)) { $0.audio.count(of: Tones.farEnd) - base >= Tones.heard },
                    "the caller does not hear the agent's other phone: \(caller.probe.statistics)")
            #expect(try await supervisor.liveCall(phase: "talking", timeout: .seconds(5)) == callID)

            #expect(try await supervisor.post("/api/v1/calls/\(callID)/release").status == 200)
            #expect(await caller.finish(timeout: .seconds(20)).successfulCalls == 1)
            #expect(await mobile.wait(for: "call 0 DISCONNECTED", timeout: .seconds(10)), "the release did not end the new phone's dialog")
            await run.stopKefu()
            try await run.records { records in
                let agent = try await records.agent(extension: "1001").id
                let cdr = try #require(try await records.calls().first)
                let legs = cdr.legs.filter { $0.kind == .agent && $0.agentID == agent && $0.outcome == .answered }
                #expect(legs.count == 2, "\(cdr.summary)")
                #expect(cdr.hungUpBy == .supervisor, "\(cdr.summary)")
            }
        }
    }
}
