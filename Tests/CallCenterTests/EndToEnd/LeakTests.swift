// No call leaks a media port, a dialog or a SIP transaction: after answered, abandoned and
// feature-code calls, kefu's own gauges on /metrics come back to zero while it keeps running.

import Foundation
import SIPTesting
import Testing

@Suite(.serialized, .timeLimit(.minutes(3)), .enabled(if: EndToEndRun.canRun, "needs sipp and a built kefu (swift build --build-tests)"))
struct LeakTests {
    @Test("after an answered call, an abandoned call and feature-code calls, kefu holds no media port, dialog or SIP transaction")
    func nothingLeaks() async throws {
        // No pings: their own short transactions would keep the count above zero.
        try await EndToEndRun.with(tenant: try TestTenant.Variant.straightToQueue.tenant(), kefuArguments: ["--keepalive-interval", "0"]) { run in
            let agent = try await run.agent("1001")
            let answered = try run.call(.hangsUp(after: .seconds(5)))
            let heard = await answered.probe.wait(timeout: .seconds(20)) { $0.audio.count(of: Tones.agent("1001")) >= Tones.heard / 2 }
            #expect(heard, "the first call was not answered\n\(run.diagnostics)")
            #expect(await answered.finish(timeout: .seconds(30)).exitStatus == 0)
            // Wrap-up is 1 s; then not ready, so the next caller waits and gives up.
            try await Task.sleep(for: .seconds(2))
            try await agent.dial(featureCode: "*2")
            let abandoned = try run.call(from: "13800000002", .hangsUp(after: .seconds(3)))
            #expect(await abandoned.finish(timeout: .seconds(30)).exitStatus == 0)

            let calls = await run.leftovers(within: .seconds(10))
            #expect(calls.isEmpty, "media ports or dialogs still held after every call ended: \(calls)\n\(run.diagnostics)")
            // Server transactions over UDP linger for Timer J (64 × T1 = 32 s) after their response.
            let transactions = await run.leftovers(within: .seconds(60), transactions: true)
            #expect(transactions.isEmpty, "SIP transactions still alive a minute after the last call: \(transactions)\n\(run.diagnostics)")
        }
    }
}
