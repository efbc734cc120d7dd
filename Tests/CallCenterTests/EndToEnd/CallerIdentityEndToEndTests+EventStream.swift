// The agent's desktop never learns a hidden caller's number: the WebSocket event stream and
// the call list of a CLIR call (Privacy: id, PAI from the trusted trunk) say `anonymous`.

import Foundation
import SIPTesting
import Testing

extension CallerIdentityEndToEndTests {
    @Test("the agent's event stream and call list show a hidden caller (Privacy: id) as anonymous and never carry the asserted number")
    func hiddenCallerIsAnonymousOnTheDesktop() async throws {
        let trunkPort = LoopbackPort.free()
        var tenant = try TestTenant.Variant.straightToQueue.tenant()
        try tenant.trunk(at: trunkPort)
        let httpPort = LoopbackPort.free()
        try await EndToEndRun.with(tenant: tenant, kefuArguments: ["--http-port", String(httpPort)]) { run in
            _ = try await run.agent("1001")
            let api = try await KefuAPI.login(port: httpPort, username: "agent1001", password: "demo-agent")
            let stream = try await KefuEventStream.open(api)
            defer { stream.close() }
            let hidden = try Self.trunkCall(
                run: run, port: trunkPort, from: "\"Anonymous\" <sip:anonymous@anonymous.invalid>",
                headers: ["P-Asserted-Identity: <sip:13800000077@carrier.loopback;user=phone>", "Privacy: id"], talk: .seconds(8))
            let offered = await stream.event("call.offered")
            let offeredCall = offered?["call"] as? [String: Any]
            #expect(offeredCall?["caller"] as? String == "anonymous", "the screen pop's caller: \(offered ?? [:])\n\(run.diagnostics)")
            #expect(await stream.event("call.answered") != nil, "no answer event on the agent's stream: \(stream.texts)")
            let talking = try await api.get("/api/v1/calls").json["items"] as? [[String: Any]] ?? []
            #expect(talking.first?["caller"] as? String == "anonymous", "the agent's call list: \(talking)")
            _ = await hidden.finish(timeout: .seconds(30))
            #expect(await stream.event("call.ended") != nil, "no end event on the agent's stream: \(stream.texts)")
            let leaked = stream.texts.filter { $0.contains("13800000077") || $0.contains("8000077") }
            #expect(leaked.isEmpty, "the agent's stream carried the hidden number: \(leaked)")
        }
    }
}
