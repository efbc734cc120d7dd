// Calls that leave through a carrier trunk, end to end: a landing-number rule forwards the
// caller to an external number, and SIPp plays the carrier's gateway.

import Foundation
import SIPTesting
import Store
import Testing

@Suite(.serialized, .timeLimit(.minutes(3)), .enabled(if: EndToEndRun.canRun, "needs sipp and a built kefu (swift build --build-tests)"))
struct TrunkTests {
    @Test("a landing-number rule forwards the caller through the trunk; caller and far end hear each other; the CDR says forwarded with the external leg")
    func forwardsThroughTrunk() async throws {
        let farEnd = Tones.farEnd
        let gatewayPort = LoopbackPort.free()
        var tenant = try TestTenant.demo()
        try tenant.forwardEverything(to: "13900000009", trunkPort: gatewayPort)
        try await EndToEndRun.with(tenant: tenant) { run in
            // The carrier's gateway: a SIPp UAS answering whatever kefu sends it (no registration).
            let gateway = try run.gateway(port: gatewayPort)
            let caller = try run.call(.hangsUp(after: .seconds(12)))
            let heard = await caller.probe.wait(timeout: .seconds(30)) { $0.audio.count(of: farEnd) >= Tones.heard }
            #expect(heard, "the caller never heard the far end through the trunk\n\(run.diagnostics)")
            #expect(gateway.probe.statistics.audio.count(of: Tones.caller) >= Tones.heard, "the far end never heard the caller: \(gateway.probe.statistics)")
            let outcome = await caller.finish(timeout: .seconds(40))
            #expect(outcome.exitStatus == 0, "\(outcome)")
            await run.expectNothingHeld()
            await run.stopKefu()
            let far = await gateway.stop()
            #expect(far.successfulCalls + far.failedCalls >= 1, "the gateway never got the INVITE: \(far)")
            try await run.records { records in
                let cdr = try #require(try await records.calls().last)
                #expect(cdr.disposition == .forwarded, "\(cdr.summary)")
                #expect(cdr.legs.contains { $0.kind == .external && $0.number == "13900000009" && $0.outcome == .answered }, "\(cdr.summary)")
                #expect(cdr.recordingID != nil, "\(cdr.summary)")
            }
        }
    }
}

@Suite(.serialized, .timeLimit(.minutes(3)), .enabled(if: EndToEndRun.canRun, "needs sipp and a built kefu (swift build --build-tests)"))
struct PasswordAccessTests {
    @Test("password access (密码接入): a wrong password is hung up without an agent; the right one reaches the agent")
    func passwordAccess() async throws {
        var tenant = try TestTenant.demo()
        try tenant.passwordProtected("2468")
        try await EndToEndRun.with(tenant: tenant) { run in
            _ = try await run.agent("1001")
            let intruder = try run.call(from: "13800000002", .waitsForBye(atMost: .seconds(60)))
            guard await intruder.waitForAudio(timeout: .seconds(20)) else {
                throw EndToEndError(description: "the caller heard no password prompt")
            }
            #expect(await intruder.press("1111#"))
            let refused = await intruder.finish(timeout: .seconds(70))
            #expect(refused.exitStatus == 0, "kefu never hung up on the wrong password: \(refused)")
            #expect(intruder.probe.statistics.audio.count(of: Tones.agent("1001")) == 0, "a wrong password reached the agent")
            let caller = try run.call(.hangsUp(after: .seconds(14)))
            guard await caller.waitForAudio(timeout: .seconds(20)) else {
                throw EndToEndError(description: "the caller heard no password prompt")
            }
            #expect(await caller.press("2468#"))
            let heard = await caller.probe.wait(timeout: .seconds(30)) { $0.audio.count(of: Tones.agent("1001")) >= Tones.heard }
            #expect(heard, "the caller with the right password never reached 1001\n\(run.diagnostics)")
            _ = await caller.finish(timeout: .seconds(40))
            await run.expectNothingHeld()
            await run.stopKefu()
            try await run.records { records in
                let calls = try await records.calls()
                let wrong = try #require(calls.first { $0.callerNumber == "13800000002" })
                #expect(wrong.disposition != .answered && wrong.agentID == nil, "\(wrong.summary)")
                let cdr = try #require(calls.first { $0.callerNumber == "13800000001" })
                #expect(cdr.disposition == .answered, "\(cdr.summary)")
                #expect(try await records.extensionNumber(of: cdr.agentID) == "1001", "\(cdr.summary)")
            }
        }
    }
}
