// Agent phones cannot be misused (「X-lite必须结合签入后的软话条使用，不能单独直接外拨或呼入」):
// a registered phone whose agent is not signed in takes no queue calls, and no phone reaches
// the carrier trunk by dialling an external number itself, signed in or not.

import Foundation
import SIPTesting
import Store
import Testing

@Suite(.serialized, .timeLimit(.minutes(3)), .enabled(if: EndToEndRun.canRun, "needs sipp and a built kefu (swift build --build-tests)"))
struct PhoneLockdownTests {
    /// `agent`'s phone dials `number` with its digest credentials; returns SIPp's outcome
    /// (successful when kefu refused with `status`).
    static func dial(_ number: String, from agent: SIPpAgent, expecting status: Int) async throws -> SIPpProcess.Outcome {
        let credentials = "SEQUENTIAL\n\(agent.extensionNumber);[authentication username=\(agent.extensionNumber) password=\(agent.password)];\n"
        return try await SIPpProcess.run(
            ["127.0.0.1:\(agent.kefuPort)", "-sf", "{dir}/dial.xml", "-inf", "{dir}/users.csv", "-m", "1",
             "-set", "domain", agent.domain, "-set", "code", number, "-set", "rtp_port", String(RTPPortRange.free(count: 2).lowerBound),
             "-mp", String(RTPPortRange.free(count: 4).lowerBound)],
            files: ["dial.xml": try SIPpScenario.fill(TestTenant.fixtures + "/sipp/agent-dials-out.xml", values: ["status": String(status)]),
                    "users.csv": credentials],
            timeLimit: .seconds(20), traceMessages: true)
    }

    @Test("a phone whose agent is not signed in is offered no queue call; neither it nor a signed-in phone can dial out through the trunk")
    func phonesAreLockedDown() async throws {
        let gatewayDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("kefu-e2e-gw-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: gatewayDirectory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: gatewayDirectory) }
        let gateway = try SIPpAgent(
            extension: "13900000009", password: "", domain: "carrier.loopback", kefuPort: 0, behaviour: .answer,
            tone: 2600, listensFor: Tones.all, fixtures: TestTenant.fixtures + "/sipp", directory: gatewayDirectory)
        var tenant = try TestTenant.Variant.straightToQueue.tenant()
        try tenant.replace("addresses: [\"127.0.0.1:5080\"]", with: "addresses: [\"127.0.0.1:\(gateway.phone.sipPort)\"]")
        do {
            try await EndToEndRun.with(tenant: tenant) { run in
                let phone = try await run.agent("1001", signIn: false)
                try await phone.register()
                // Whether kefu keeps the caller waiting or says no agent is there, nobody rings.
                let caller = try run.call(.hangsUp(after: .seconds(6)))
                _ = await caller.finish(timeout: .seconds(30))
                #expect(!CallerIdentityEndToEndTests.messages(of: phone.phone).contains("INVITE sip:"),
                        "a phone whose agent is not signed in was offered a queue call")

                let signedOut = try await Self.dial("13900000009", from: phone, expecting: 404)
                #expect(signedOut.exitStatus == 0 && signedOut.successfulCalls == 1, "dialling out was not refused: \(signedOut)")
                try await phone.dial(featureCode: "*1")
                let signedIn = try await Self.dial("13900000009", from: phone, expecting: 404)
                #expect(signedIn.exitStatus == 0 && signedIn.successfulCalls == 1, "a signed-in phone dialled out: \(signedIn)")
                let tollFree = try await Self.dial("008613900000009", from: phone, expecting: 404)
                #expect(tollFree.exitStatus == 0, "an international form got out: \(tollFree)")
                await run.stopKefu()
                try await run.records { records in
                    let cdr = try #require(try await records.calls().last)
                    #expect(cdr.agentID == nil && cdr.answeredAt == nil && cdr.offeredAt == nil, "\(cdr.summary)")
                }
            }
        } catch {
            _ = await gateway.stop()
            throw error
        }
        let trunk = await gateway.stop()
        #expect(!CallerIdentityEndToEndTests.messages(of: gateway.phone).contains("INVITE sip:"), "a phone's call reached the trunk: \(trunk)")
    }
}
