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
        let gatewayDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("kefu-e2e-gw-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: gatewayDirectory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: gatewayDirectory) }
        let farEnd = 2600
        // The carrier's gateway: a SIPp UAS answering whatever kefu sends it (no registration).
        let gateway = try SIPpAgent(
            extension: "13900000009", password: "", domain: "carrier.loopback", kefuPort: 0, behaviour: .answer,
            tone: farEnd, listensFor: Tones.all, fixtures: TestTenant.fixtures + "/sipp", directory: gatewayDirectory)
        var tenant = try TestTenant.demo()
        try tenant.forwardEverything(to: "13900000009", trunkPort: gateway.phone.sipPort)
        do {
            try await EndToEndRun.with(tenant: tenant) { run in
                let caller = try run.call(.hangsUp(after: .seconds(12)))
                let heard = await caller.probe.wait(timeout: .seconds(30)) { $0.audio.count(of: farEnd) >= Tones.heard }
                #expect(heard, "the caller never heard the far end through the trunk\n\(run.diagnostics)")
                #expect(gateway.probe.statistics.audio.count(of: Tones.caller) >= Tones.heard, "the far end never heard the caller: \(gateway.probe.statistics)")
                let outcome = await caller.finish(timeout: .seconds(40))
                #expect(outcome.exitStatus == 0, "\(outcome)")
                await run.stopKefu()
                try await run.records { records in
                    let cdr = try #require(try await records.calls().last)
                    #expect(cdr.disposition == .forwarded, "\(cdr.summary)")
                    #expect(cdr.legs.contains { $0.kind == .external && $0.number == "13900000009" && $0.outcome == .answered }, "\(cdr.summary)")
                    #expect(cdr.recordingID != nil, "\(cdr.summary)")
                }
            }
        } catch {
            _ = await gateway.stop()
            throw error
        }
        let far = await gateway.stop()
        #expect(far.successfulCalls + far.failedCalls >= 1, "the gateway never got the INVITE: \(far)")
    }
}
