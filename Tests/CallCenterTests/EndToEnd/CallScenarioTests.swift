// The call path's other scenarios from issue 7, end to end with SIPp peers and RTP probes:
// ring-no-answer, caller abandons in queue, agent hangs up first, hold/resume, blind
// transfer, overflow, blacklisted caller, after-hours voicemail.

import Foundation
import SIPTesting
import Store
import Testing

@Suite(.serialized, .timeLimit(.minutes(3)), .enabled(if: EndToEndRun.canRun, "needs sipp and a built kefu (swift build --build-tests)"))
struct CallScenarioTests {
    /// Dials, waits for the menu prompt, presses `digit`.
    private func callAndPress(_ digit: String, run: EndToEndRun, from caller: String = "13800000001", _ behaviour: SIPpCaller.Behaviour) async throws -> SIPpCaller {
        let call = try run.call(from: caller, behaviour)
        guard await call.waitForAudio(timeout: .seconds(20)) else {
            throw EndToEndError(description: "the caller heard no menu prompt")
        }
        guard await call.press(digit) else { throw EndToEndError(description: "the probe could not send \(digit)") }
        return call
    }

    @Test("an agent who lets the offer ring out goes not ready and the call goes to the next agent")
    func ringNoAnswer() async throws {
        try await EndToEndRun.with(tenant: try TestTenant.Variant.menu.tenant(), kefuArguments: ["--offer-timeout", "5"]) { run in
            // 1001 signs in first, so longest-idle offers to 1001 first.
            let silent = try await run.agent("1001", .ringNoAnswer)
            try await Task.sleep(for: .milliseconds(500))
            _ = try await run.agent("1002")
            let caller = try await callAndPress("2", run: run, .hangsUp(after: .seconds(30)))
            let heard1002 = await caller.probe.wait(timeout: .seconds(30)) { $0.audio.count(of: Tones.agent("1002")) >= Tones.heard }
            #expect(heard1002, "the caller never reached 1002 after 1001 let it ring\n\(run.diagnostics)")
            let silentStates = try await run.agentStates("1001")
            #expect(silentStates.containsInOrder(["ready", "reserved", "not ready"]), "1001 went through \(silentStates)")
            _ = await caller.party.stop()
            await run.stopKefu()
            let silentPhone = await silent.stop()
            #expect(silentPhone.successfulCalls >= 1, "1001's phone never saw the offer cancelled: \(silentPhone)")
            try await run.records { records in
                let cdr = try #require(try await records.calls().last)
                #expect(try await records.extensionNumber(of: cdr.agentID) == "1002", "\(cdr.summary)")
                #expect(cdr.legs.contains { $0.kind == .agent && $0.outcome == .noAnswer }, "\(cdr.summary)")
            }
        }
    }

    @Test("a caller who hangs up while waiting in the queue leaves an abandoned CDR with the queue and no agent")
    func callerAbandonsInQueue() async throws {
        try await EndToEndRun.with(tenant: try TestTenant.Variant.menu.tenant()) { run in
            // Signed in but not ready: the queue has a member, nobody to offer to.
            let agent = try await run.agent("1001")
            try await agent.dial(featureCode: "*2")
            let caller = try await callAndPress("2", run: run, .hangsUp(after: .seconds(8)))
            let outcome = await caller.finish(timeout: .seconds(30))
            #expect(outcome.exitStatus == 0, "\(outcome)")
            await run.expectNothingHeld()
            await run.stopKefu()
            let phone = await agent.stop()
            #expect(phone.successfulCalls == 0 && phone.failedCalls == 0, "a not-ready agent was offered the call: \(phone)")
            try await run.records { records in
                let cdr = try #require(try await records.calls().last)
                #expect(cdr.disposition == .abandoned, "\(cdr.summary)")
                #expect(cdr.hungUpBy == .caller, "\(cdr.summary)")
                #expect(try await records.queueName(cdr.queueID) == "service", "\(cdr.summary)")
                #expect(cdr.agentID == nil, "\(cdr.summary)")
                #expect(cdr.enqueuedAt != nil, "\(cdr.summary)")
            }
        }
    }

    @Test("when the agent hangs up first kefu hangs up the caller and the CDR says the agent ended it")
    func agentHangsUpFirst() async throws {
        try await EndToEndRun.with(tenant: try TestTenant.Variant.menu.tenant()) { run in
            let agent = try await run.agent("1001", .answerAndHangUp(after: .seconds(5)))
            let caller = try await callAndPress("2", run: run, .waitsForBye(atMost: .seconds(45)))
            let outcome = await caller.finish(timeout: .seconds(60))
            #expect(outcome.exitStatus == 0 && outcome.successfulCalls == 1, "the caller got no BYE: \(outcome)")
            #expect(caller.probe.statistics.audio.count(of: Tones.agent("1001")) >= Tones.heard, "\(caller.probe.statistics)")
            await run.expectNothingHeld()
            await run.stopKefu()
            let phone = await agent.stop()
            #expect(phone.failedCalls == 0, "\(phone)")
            try await run.records { records in
                let cdr = try #require(try await records.calls().last)
                #expect(cdr.hungUpBy == .agent, "\(cdr.summary)")
                #expect(cdr.disposition == .answered, "\(cdr.summary)")
            }
        }
    }

    @Test("the agent holds and resumes with re-INVITEs: the caller hears music meanwhile, then the agent again; the CDR counts the hold")
    func holdAndResume() async throws {
        try await EndToEndRun.with(tenant: try TestTenant.Variant.menu.tenant()) { run in
            let agent = try await run.agent("1001", .holdAndResume(after: .seconds(4), hold: .seconds(4), talk: .seconds(4)))
            let caller = try await callAndPress("2", run: run, .waitsForBye(atMost: .seconds(60)))
            let outcome = await caller.finish(timeout: .seconds(75))
            #expect(outcome.exitStatus == 0, "\(outcome)")
            let heard = caller.probe.statistics.audio
            #expect(heard.count(of: Tones.agent("1001")) >= Tones.heard, "\(heard)")
            // Music on hold: loud blocks that are none of the parties' tones.
            let tones = Tones.all.reduce(0) { $0 + heard.count(of: $1) }
            #expect(heard.loud - tones >= Tones.heard, "the caller heard nothing but tones (no music on hold?): \(heard)")
            await run.expectNothingHeld()
            await run.stopKefu()
            let phone = await agent.stop()
            #expect(phone.failedCalls == 0 && phone.successfulCalls == 1, "\(phone)")
            try await run.records { records in
                let cdr = try #require(try await records.calls().last)
                let leg = try #require(cdr.legs.first { $0.kind == .agent && $0.outcome == .answered }, "\(cdr.summary)")
                #expect(leg.holdCount == 1, "\(cdr.summary)")
                #expect(leg.holdMilliseconds > 0, "\(cdr.summary)")
                #expect(cdr.hungUpBy == .agent, "\(cdr.summary)")
            }
        }
    }

    @Test("agent 1001 blind-transfers the caller with REFER to 1002, who answers; the caller then hears 1002")
    func blindTransfer() async throws {
        try await EndToEndRun.with(tenant: try TestTenant.Variant.menu.tenant()) { run in
            let first = try await run.agent("1001", .blindTransfer(to: "1002", after: .seconds(4)))
            try await Task.sleep(for: .milliseconds(500))
            let second = try await run.agent("1002")
            let caller = try await callAndPress("2", run: run, .hangsUp(after: .seconds(30)))
            let heard1002 = await caller.probe.wait(timeout: .seconds(35)) { $0.audio.count(of: Tones.agent("1002")) >= Tones.heard }
            #expect(heard1002, "the caller never heard 1002 after the transfer\n\(run.diagnostics)")
            #expect(caller.probe.statistics.audio.count(of: Tones.agent("1001")) >= Tones.heard / 2, "\(caller.probe.statistics)")
            let outcome = await caller.finish(timeout: .seconds(40))
            #expect(outcome.exitStatus == 0, "\(outcome)")
            await run.expectNothingHeld()
            await run.stopKefu()
            let firstPhone = await first.stop()
            let secondPhone = await second.stop()
            #expect(firstPhone.failedCalls == 0 && firstPhone.successfulCalls == 1, "\(firstPhone)")
            #expect(secondPhone.failedCalls == 0 && secondPhone.successfulCalls == 1, "\(secondPhone)")
            try await run.records { records in
                let calls = try await records.calls()
                #expect(calls.count == 1, "one call, one CDR: \(calls.map(\.summary))")
                let cdr = try #require(calls.last)
                let agent1002 = try await records.agent(extension: "1002").id
                #expect(cdr.legs.contains { $0.agentID == agent1002 && $0.outcome == .answered }, "\(cdr.summary)")
                #expect(cdr.legs.contains { $0.kind == .transfer }, "\(cdr.summary)")
                #expect(cdr.hungUpBy == .caller, "\(cdr.summary)")
            }
        }
    }

    @Test("a complaints caller nobody takes overflows to the service queue after its 3 s limit and reaches 1001")
    func overflowToService() async throws {
        try await EndToEndRun.with(tenant: try TestTenant.Variant.overflow.tenant()) { run in
            // 1003 (complaints) is signed in but not ready; 1001 (service only) is ready.
            let busy = try await run.agent("1003")
            try await busy.dial(featureCode: "*2")
            _ = try await run.agent("1001")
            let caller = try await callAndPress("3", run: run, .hangsUp(after: .seconds(15)))
            let heard = await caller.probe.wait(timeout: .seconds(30)) { $0.audio.count(of: Tones.agent("1001")) >= Tones.heard }
            #expect(heard, "the complaints call never reached 1001 through overflow\n\(run.diagnostics)")
            _ = await caller.finish(timeout: .seconds(40))
            await run.expectNothingHeld()
            await run.stopKefu()
            try await run.records { records in
                let cdr = try #require(try await records.calls().last)
                #expect(try await records.extensionNumber(of: cdr.agentID) == "1001", "\(cdr.summary)")
                #expect(cdr.disposition == .answered, "\(cdr.summary)")
            }
        }
    }

    @Test("a blacklisted caller is refused with 403 before any prompt, and the CDR says rejected")
    func blacklistedCaller() async throws {
        try await EndToEndRun.with(tenant: try TestTenant.Variant.demoRules.tenant()) { run in
            let caller = try run.call(from: "13900000000", .rejected(status: 403))
            let outcome = await caller.finish(timeout: .seconds(20))
            #expect(outcome.exitStatus == 0 && outcome.successfulCalls == 1, "\(outcome)")
            #expect(caller.probe.statistics.packetsReceived == 0, "a rejected caller got media: \(caller.probe.statistics)")
            await run.expectNothingHeld()
            await run.stopKefu()
            try await run.records { records in
                let cdr = try #require(try await records.calls().last)
                #expect(cdr.callerNumber == "13900000000")
                #expect(cdr.disposition == .rejected, "\(cdr.summary)")
                #expect(cdr.agentID == nil)
            }
        }
    }

    @Test("on a holiday the demo number greets the caller, takes a voicemail and offers no agent")
    func afterHoursVoicemail() async throws {
        try await EndToEndRun.with(tenant: try TestTenant.Variant.afterHours.tenant()) { run in
            let agent = try await run.agent("1001")
            let caller = try run.call(from: "13800000002", .hangsUp(after: .seconds(15)))
            #expect(await caller.waitForAudio(timeout: .seconds(20)), "no greeting\n\(run.diagnostics)")
            let outcome = await caller.finish(timeout: .seconds(30))
            #expect(outcome.exitStatus == 0, "\(outcome)")
            await run.expectNothingHeld()
            await run.stopKefu()
            let phone = await agent.stop()
            #expect(phone.successfulCalls == 0, "the agent was offered an after-hours call: \(phone)")
            try await run.records { records in
                let cdr = try #require(try await records.calls().last)
                #expect(cdr.disposition == .voicemail, "\(cdr.summary)")
                #expect(cdr.agentID == nil, "\(cdr.summary)")
                #expect(cdr.hungUpBy == .caller, "\(cdr.summary)")
            }
        }
    }
}
