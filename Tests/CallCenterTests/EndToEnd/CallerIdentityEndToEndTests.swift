// Caller identity end to end: a carrier's gateway (SIPp) delivers calls with
// P-Asserted-Identity, Privacy and Diversion; kefu believes the PAI of its trusted trunk only,
// never shows a hidden number to the agent, records it, and refuses a third forward.

import Foundation
import SIPTesting
import Store
import Testing

@Suite(.serialized, .timeLimit(.minutes(3)), .enabled(if: EndToEndRun.canRun, "needs sipp and a built kefu (swift build --build-tests)"))
struct CallerIdentityEndToEndTests {
    /// A call delivered by a carrier's gateway on `port` (the trunk's address when trusted),
    /// with `from` and extra `headers` as the carrier wrote them; the caller stays `talk`
    /// unless kefu hangs up first.
    static func trunkCall(
        run: EndToEndRun, port: Int = LoopbackPort.free(), from: String, headers: [String], talk: Duration
    ) throws -> SIPpParty {
        let probe = try RTPProbe(toneFrequency: Tones.caller, listensFor: Tones.all)
        do {
            let scenario = try SIPpScenario.fill(TestTenant.fixtures + "/sipp/trunk-caller.xml", values: [
                "from": from, "headers": headers.map { $0 + "\n" }.joined(), "talk_ms": String(Int(talk / .milliseconds(1))),
            ])
            return try SIPpParty(
                name: "trunk caller \(port)", scenario: scenario,
                arguments: ["127.0.0.1:\(run.kefu.sipPort)", "-s", TestTenant.accessNumber, "-m", "1", "-l", "1",
                            "-set", "domain", TestTenant.domain, "-set", "rtp_port", String(probe.port)],
                directory: run.directory + "/trunk-caller-\(port)", sipPort: port, probe: probe)
        } catch {
            probe.stop()
            throw error
        }
    }

    /// What a SIPp party received and sent so far.
    static func messages(of party: SIPpParty) -> String {
        (try? String(contentsOfFile: party.directory + "/messages.log", encoding: .utf8)) ?? ""
    }

    @Test("a hidden caller (Privacy: id) from the trusted trunk reaches the agent as anonymous; the CDR keeps the asserted number; an untrusted PAI is ignored")
    func hiddenCallerReachesAgentAnonymously() async throws {
        let trunkPort = LoopbackPort.free()
        var tenant = try TestTenant.Variant.straightToQueue.tenant()
        try tenant.replace("addresses: [\"127.0.0.1:5080\"]", with: "addresses: [\"127.0.0.1:\(trunkPort)\"]")
        try await EndToEndRun.with(tenant: tenant) { run in
            let agent = try await run.agent("1001")
            let hidden = try Self.trunkCall(
                run: run, port: trunkPort, from: "\"Anonymous\" <sip:anonymous@anonymous.invalid>",
                headers: ["P-Asserted-Identity: <sip:13800000077@carrier.loopback;user=phone>", "Privacy: id"], talk: .seconds(6))
            let heard = await hidden.probe.wait(timeout: .seconds(30)) { $0.audio.count(of: Tones.agent("1001")) >= Tones.heard }
            let first = await hidden.finish(timeout: .seconds(30))
            #expect(heard, "the hidden caller never reached 1001\n\(hidden.logTail())\n\(run.diagnostics)")
            #expect(first.exitStatus == 0, "\(first)")
            let offer = Self.messages(of: agent.phone)
            #expect(offer.contains("INVITE sip:"), "1001's phone got no offer")
            #expect(!offer.contains("13800000077"), "the agent's INVITE shows the hidden number:\n\(offer.suffix(3000))")
            #expect(offer.contains("anonymous"), "the agent's INVITE does not say the caller is anonymous:\n\(offer.suffix(3000))")

            // The same PAI from a source that is not the trunk is not believed. (1001's probe
            // keeps the first call's media peer, so this call is judged by its offer and CDR.)
            try await Task.sleep(for: .seconds(2))
            let spoofer = try Self.trunkCall(
                run: run, from: "<sip:13800000002@carrier.loopback>",
                headers: ["P-Asserted-Identity: <sip:13800000088@carrier.loopback>"], talk: .seconds(5))
            let second = await spoofer.finish(timeout: .seconds(30))
            #expect(second.exitStatus == 0, "\(second)")
            let offers = Self.messages(of: agent.phone)
            #expect(offers.contains("13800000002"), "a caller who hides nothing is not shown to the agent")
            #expect(!offers.contains("13800000088"), "the agent was shown an identity from an untrusted source")
            await run.stopKefu()
            try await run.records { records in
                let calls = try await records.calls()
                let cdr = try #require(calls.first { $0.callerNumber == "13800000077" }, "\(calls.map(\.summary))")
                #expect(cdr.callerHidden, "\(cdr.summary)")
                #expect(cdr.disposition == .answered, "\(cdr.summary)")
                let other = try #require(calls.first { $0.callerNumber == "13800000002" }, "\(calls.map(\.summary))")
                #expect(!other.callerHidden && other.disposition == .answered, "\(other.summary)")
                #expect(!calls.contains { $0.callerNumber == "13800000088" }, "an untrusted source's PAI was believed")
            }
        }
    }

    @Test("a call that arrives forwarded twice is refused with a prompt before any leg leaves; one forwarded once goes out, and the CDR keeps the Diversion steps")
    func thirdForwardIsRefused() async throws {
        let gatewayDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("kefu-e2e-gw-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: gatewayDirectory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: gatewayDirectory) }
        let gateway = try SIPpAgent(
            extension: "13900000009", password: "", domain: "carrier.loopback", kefuPort: 0, behaviour: .answer,
            tone: 2600, listensFor: Tones.all, fixtures: TestTenant.fixtures + "/sipp", directory: gatewayDirectory)
        var tenant = try TestTenant.demo()
        try tenant.forwardEverything(to: "13900000009", trunkPort: gateway.phone.sipPort)
        do {
            try await EndToEndRun.with(tenant: tenant) { run in
                let twice = try Self.trunkCall(
                    run: run, from: "<sip:13800000003@carrier.loopback>",
                    headers: ["Diversion: <sip:02188880002@carrier.loopback>;reason=no-answer;counter=1",
                              "Diversion: <sip:02188880001@carrier.loopback>;reason=unconditional;counter=1"],
                    talk: .seconds(40))
                let prompted = await twice.probe.wait(timeout: .seconds(30)) { $0.audio.loud > 0 }
                let refused = await twice.finish(timeout: .seconds(40))
                #expect(prompted, "the caller heard no refusal prompt\n\(run.diagnostics)")
                #expect(refused.exitStatus == 0, "kefu did not hang up after the prompt: \(refused)")
                #expect(!Self.messages(of: gateway.phone).contains("INVITE sip:"), "a third forward reached the trunk")

                let once = try Self.trunkCall(
                    run: run, from: "<sip:13800000004@carrier.loopback>",
                    headers: ["Diversion: <sip:02188880001@carrier.loopback>;reason=busy"], talk: .seconds(6))
                let heard = await once.probe.wait(timeout: .seconds(30)) { $0.audio.count(of: 2600) >= Tones.heard }
                _ = await once.finish(timeout: .seconds(30))
                #expect(heard, "a call forwarded once was not forwarded again\n\(run.diagnostics)")
                await run.stopKefu()
                try await run.records { records in
                    let calls = try await records.calls()
                    let blocked = try #require(calls.first { $0.callerNumber == "13800000003" }, "\(calls.map(\.summary))")
                    #expect(blocked.disposition == .rejected, "\(blocked.summary)")
                    #expect(blocked.forwardCount == 2)
                    #expect(blocked.diversions.map(\.number) == ["02188880001", "02188880002"])
                    #expect(blocked.diversions.map(\.reason) == ["unconditional", "no-answer"])
                    #expect(!blocked.legs.contains { $0.kind == .external }, "\(blocked.summary)")
                    let forwarded = try #require(calls.first { $0.callerNumber == "13800000004" }, "\(calls.map(\.summary))")
                    #expect(forwarded.disposition == .forwarded, "\(forwarded.summary)")
                    #expect(forwarded.forwardCount == 2)
                    #expect(forwarded.diversions == [DiversionEntry(number: "02188880001", reason: "busy", source: .diversion)])
                }
            }
        } catch {
            _ = await gateway.stop()
            throw error
        }
        _ = await gateway.stop()
    }
}
