// Auto-answer (AA) for agents who enabled it: kefu's offer carries `Call-Info: answer-after=0`
// and `Alert-Info` auto-answer, a real softphone set to auto-answer (baresip) connects the
// call by itself, and an agent without it gets a plain offer.

import Foundation
import SIPTesting
import Store
import Testing

@Suite(.serialized, .timeLimit(.minutes(3)), .enabled(if: EndToEndRun.canRun, "needs sipp and a built kefu (swift build --build-tests)"))
struct AutoAnswerTests {
    /// The demo tenant straight into the queue with auto-answer on for 1001.
    static func tenant() throws -> TestTenant {
        var tenant = try TestTenant.Variant.straightToQueue.tenant()
        try tenant.replace("        password: demo1001\n        auto_answer: false\n", with: "        password: demo1001\n        auto_answer: true\n")
        return tenant
    }

    @Test("an agent with auto-answer gets offers with Call-Info answer-after=0 and Alert-Info auto-answer; one without gets neither")
    func offerHeaders() async throws {
        try await EndToEndRun.with(tenant: try Self.tenant()) { run in
            let automatic = try await run.agent("1001")
            let caller = try run.call(.hangsUp(after: .seconds(4)))
            _ = await caller.finish(timeout: .seconds(30))
            let offer = CallerIdentityEndToEndTests.messages(of: automatic.phone)
            #expect(offer.contains("INVITE sip:"), "1001 got no offer")
            #expect(offer.range(of: #"Call-Info: <sip:[^>]*>;answer-after=0"#, options: .regularExpression) != nil, "\(offer.prefix(2000))")
            #expect(offer.range(of: #"Alert-Info: <[^>]*>;info=alert-autoanswer"#, options: .regularExpression) != nil, "\(offer.prefix(2000))")
            try await automatic.dial(featureCode: "*3")
            let manual = try await run.agent("1002")
            let second = try run.call(from: "13800000002", .hangsUp(after: .seconds(4)))
            _ = await second.finish(timeout: .seconds(30))
            let plain = CallerIdentityEndToEndTests.messages(of: manual.phone)
            #expect(plain.contains("INVITE sip:"), "1002 got no offer")
            #expect(!plain.contains("answer-after") && !plain.contains("alert-autoanswer"), "\(plain.prefix(2000))")
        }
    }

    @Test("baresip set to auto-answer takes the offer by itself and the caller hears its tone; the CDR names 1001", .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/baresip")))
    func baresipAnswersByItself() async throws {
        try await EndToEndRun.with(tenant: try Self.tenant()) { run in
            let directory = run.directory + "/baresip-1001"
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let sipPort = LoopbackPort.free()
            let tone = Tones.agent("1001")
            let rtp = RTPPortRange.free(count: 4)
            try """
            sip_listen\t\t127.0.0.1:\(sipPort)
            sip_transports\t\tudp
            module_path\t\t/usr/lib/baresip/modules
            module\t\t\tg711.so
            module\t\t\tausine.so
            module\t\t\taubridge.so
            module_app\t\taccount.so
            net_interface\t\t127.0.0.1
            audio_player\t\taubridge,nil
            audio_source\t\tausine,\(tone)
            ausrc_srate\t\t48000
            ausrc_channels\t\t2
            rtp_ports\t\t\(rtp.lowerBound)-\(rtp.lowerBound + 3)

            """.write(toFile: directory + "/config", atomically: true, encoding: .utf8)
            try "<sip:1001@\(TestTenant.domain)>;auth_pass=demo1001;outbound=\"sip:127.0.0.1:\(run.kefu.sipPort)\";regint=60;answermode=auto\n"
                .write(toFile: directory + "/accounts", atomically: true, encoding: .utf8)
            let baresip = try ChildProcess(executable: "/usr/bin/baresip", arguments: ["-4", "-f", directory], directory: directory, name: "baresip")
            defer { if baresip.isRunning { kill(baresip.pid, SIGKILL) } }
            // Signs 1001 in from another port (the feature-code call), leaving baresip's registration the only one.
            let signIn = try SIPpAgent(
                extension: "1001", password: "demo1001", domain: TestTenant.domain, kefuPort: run.kefu.sipPort, behaviour: .answer,
                tone: tone, listensFor: Tones.all, fixtures: TestTenant.fixtures + "/sipp", directory: run.directory + "/signin-1001")
            defer { Task { _ = await signIn.stop() } }
            var registered = false
            for _ in 0..<100 where !registered {
                registered = run.kefu.log.contains("registration changed") && run.kefu.log.contains("user=1001")
                if !registered { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(registered, "baresip never registered 1001\n\(baresip.output.suffix(2000))")
            try await signIn.dial(featureCode: "*1")
            let caller = try run.call(.hangsUp(after: .seconds(8)))
            let heard = await caller.probe.wait(timeout: .seconds(30)) { $0.audio.count(of: tone) >= Tones.heard }
            #expect(heard, "the caller never heard baresip\n\(baresip.output.suffix(2000))\n\(baresip.errorOutput.suffix(2000))\n\(run.diagnostics)")
            _ = await caller.finish(timeout: .seconds(30))
            _ = await baresip.stop(grace: .seconds(3))
            await run.stopKefu()
            try await run.records { records in
                let cdr = try #require(try await records.calls().last)
                #expect(cdr.disposition == .answered, "\(cdr.summary)")
                #expect(try await records.extensionNumber(of: cdr.agentID) == "1001", "\(cdr.summary)")
            }
        }
    }
}
