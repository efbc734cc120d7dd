// Early media from a carrier, end to end: SIPp plays the carrier's gateway that sends a
// reliable 183 with SDP (RFC 3262), plays an announcement and then refuses the call; the
// caller being forwarded hears the announcement through kefu.

import Foundation
import SIPTesting
import Store
import Testing

@Suite(.serialized, .timeLimit(.minutes(3)), .enabled(if: EndToEndRun.canRun, "needs sipp and a built kefu (swift build --build-tests)"))
struct EarlyMediaTests {
    @Test("a forwarded caller hears the carrier's early-media announcement (reliable 183, PRACKed) before the carrier refuses with 486")
    func callerHearsCarrierAnnouncement() async throws {
        let announcement = 2600
        let probe = try RTPProbe(toneFrequency: announcement, listensFor: Tones.all)
        let gatewayDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("kefu-e2e-gw-\(UUID().uuidString.prefix(8))").path
        defer { try? FileManager.default.removeItem(atPath: gatewayDirectory) }
        let gateway: SIPpParty
        do {
            gateway = try SIPpParty(
                name: "carrier gateway",
                scenario: try SIPpScenario.fill(TestTenant.fixtures + "/sipp/trunk-early-media.xml", values: ["announce_ms": "5000"]),
                arguments: ["-m", "1", "-set", "rtp_port", String(probe.port)], directory: gatewayDirectory, probe: probe)
        } catch {
            probe.stop()
            throw error
        }
        var tenant = try TestTenant.demo()
        try tenant.forwardEverything(to: "13900000009", trunkPort: gateway.sipPort)
        do {
            try await EndToEndRun.with(tenant: tenant) { run in
                let caller = try run.call(.waitsForBye(atMost: .seconds(40)))
                let heard = await caller.probe.wait(timeout: .seconds(30)) { $0.audio.count(of: announcement) >= Tones.heard }
                #expect(heard, "the caller never heard the carrier's announcement\n\(gateway.logTail())\n\(run.diagnostics)")
                let ended = await caller.finish(timeout: .seconds(40))
                #expect(ended.exitStatus == 0, "kefu did not hang up after the carrier refused: \(ended)")
                let carrier = await gateway.finish(timeout: .seconds(10))
                #expect(carrier.exitStatus == 0, "the gateway's scenario (183, PRACK, 486, ACK) did not complete: \(carrier)")
                await run.stopKefu()
                try await run.records { records in
                    let cdr = try #require(try await records.calls().last)
                    #expect(cdr.disposition == .notAnswered, "\(cdr.summary)")
                    #expect(cdr.legs.contains { $0.kind == .external && $0.outcome == .busy && $0.sipStatus == 486 }, "\(cdr.summary)")
                }
            }
        } catch {
            _ = await gateway.stop()
            throw error
        }
        _ = await gateway.stop()
    }
}
