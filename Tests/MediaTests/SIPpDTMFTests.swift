// RFC 4733 digits from SIPp's shipped capture, played by a real SIPp caller at a Kefu leg, are
// detected exactly once each.
//
// A SIPp UAS answers with an SDP whose c=/m= point at the Kefu leg; a SIPp UAC then plays
// /usr/share/sip-tester/dtmf_2833_{1,2,5,9,pound,star,0}.pcap to that address. Each capture
// holds one event with seven updates and three end packets.

import Foundation
import NIOCore
import Testing
@testable import Media

@Suite struct SIPpDTMFTests {
    @Test("digits 1 2 5 9 # * 0 from SIPp's RFC 4733 captures arrive once each, with their durations", .enabled(if: SIPp.canPlayPcap, "needs sipp and root for play_pcap_audio"))
    func pcapDigits() async throws {
        try await withEngine { engine in
            let leg = try await engine.openLeg(LegOptions(payloads: RTPPayloadMap(audio: .pcmu, telephoneEvent: 101)))
            let digits = leg.digits()
            let directory = Fixtures.temporaryDirectory("sipp-dtmf")
            defer { Fixtures.remove(directory) }
            let uasPort = SIPp.freePort()
            let uacPort = SIPp.freePort()
            let common = ["-i", "127.0.0.1", "-m", "1", "-nostdin", "-timeout", "30s", "-timeout_error"]
            let uas = try SIPp.start(
                ["-sf", Fixtures.path("sipp/uas-kefu-media.xml"), "-p", String(uasPort), "-mp", String(SIPp.freePort()), "-set", "kefu_port", String(leg.localPort)] + common,
                in: directory, log: "uas.log")
            defer { if uas.isRunning { uas.terminate() } }
            let uac = try SIPp.start(
                ["-sf", Fixtures.path("sipp/uac-dtmf-pcap.xml"), "127.0.0.1:\(uasPort)", "-p", String(uacPort), "-mp", String(SIPp.freePort())] + common,
                in: directory, log: "uac.log")
            defer { if uac.isRunning { uac.terminate() } }

            let uacStatus = await SIPp.wait(uac, seconds: 40)
            let uasStatus = await SIPp.wait(uas, seconds: 10)
            #expect(uacStatus == 0, "SIPp caller failed; see \(directory)/uac.log")
            #expect(uasStatus == 0, "SIPp answerer failed; see \(directory)/uas.log")
            // Everything has been sent; release the leg to end the digit stream.
            await leg.release()
            var received: [DetectedDigit] = []
            for await digit in digits { received.append(digit) }
            #expect(received.map(\.digit) == [.one, .two, .five, .nine, .pound, .star, .zero])
            #expect(received.allSatisfy { $0.source == .rfc4733 && $0.durationMilliseconds > 100 })
        }
    }
}
