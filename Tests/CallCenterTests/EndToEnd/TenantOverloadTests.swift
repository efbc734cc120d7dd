// Overload control per tenant from its quota: a tenant whose quota allows one call at a time
// gets 503 with Retry-After for a burst beyond it, while another tenant on the same kefu
// (without a quota of its own and no node limit) still gets its call answered.

import Foundation
import SIPTesting
import Testing

extension TestTenant {
    /// The demo tenant limited to `calls` concurrent calls by its quota, plus a second tenant
    /// `other` (a copy with its own domain and access number `4009876543`) without limits.
    static func withCallQuota(_ calls: Int) throws -> TestTenant {
        var tenant = try TestTenant.Variant.straightToQueue.tenant()
        let limit = "      max_concurrent_calls: \(calls)\n"
        try tenant.replace("      ivr_ports: 20\n    masking: middle", with: "      ivr_ports: 20\n" + limit + "    masking: middle")
        let yaml = tenant.yaml
        guard let start = yaml.range(of: "  - code: demo\n"), let end = yaml.range(of: "\ntrunks:") else {
            throw TestTenantError(description: "examples/demo.yaml no longer has a `tenants:` entry before `trunks:`")
        }
        let other = String(yaml[start.lowerBound..<end.lowerBound])
            .replacingOccurrences(of: "code: demo", with: "code: other")
            .replacingOccurrences(of: "sip_domain: demo.kefu.local", with: "sip_domain: other.kefu.local")
            .replacingOccurrences(of: accessNumber, with: otherAccessNumber)
            .replacingOccurrences(of: limit, with: "")
        try tenant.replace("\ntrunks:", with: "\n" + other + "\ntrunks:")
        return tenant
    }

    /// The second tenant's access number.
    static let otherAccessNumber = "4009876543"
}

@Suite(.serialized, .timeLimit(.minutes(3)), .enabled(if: EndToEndRun.canRun, "needs sipp and a built kefu (swift build --build-tests)"))
struct TenantOverloadTests {
    @Test("a tenant at its quota of one call refuses a burst of five callers with 503 and Retry-After, while another tenant's caller is answered")
    func tenantQuotaRefusesBurst() async throws {
        let tenant = try TestTenant.withCallQuota(1)
        #expect(tenant.yaml.components(separatedBy: "max_concurrent_calls: 1").count == 2, "only the demo tenant is limited")
        try await EndToEndRun.with(tenant: tenant) { run in
            _ = try await run.agent("1001")
            let first = try run.call(from: "13800000001", .hangsUp(after: .seconds(20)))
            #expect(await first.probe.wait(timeout: .seconds(20)) { $0.audio.count(of: Tones.agent("1001")) >= Tones.heard / 2 },
                    "the demo tenant's first call never reached 1001\n\(run.diagnostics)")

            let burst = try (0..<5).map { index in try run.call(from: "1380000010\(index)", .rejected(status: 503)) }
            var refusals: [SIPpParty.Outcome] = []
            for caller in burst { refusals.append(await caller.finish(timeout: .seconds(20))) }
            #expect(refusals.allSatisfy { $0.exitStatus == 0 && $0.successfulCalls == 1 }, "not every caller beyond the quota got 503: \(refusals)")
            for caller in burst {
                let trace = (try? String(contentsOfFile: caller.party.directory + "/messages.log", encoding: .utf8)) ?? ""
                #expect(trace.contains("SIP/2.0 503") && trace.contains("Retry-After:"), "a 503 without Retry-After:\n\(trace.suffix(1500))")
            }

            let other = try SIPpCaller(
                number: TestTenant.otherAccessNumber, caller: "13900000002", domain: "other.kefu.local", kefuPort: run.kefu.sipPort,
                behaviour: .hangsUp(after: .seconds(3)), tone: Tones.caller, listensFor: Tones.all,
                fixtures: TestTenant.fixtures + "/sipp", directory: run.directory)
            let answered = await other.waitForAudio(timeout: .seconds(15))
            let outcome = await other.finish(timeout: .seconds(20))
            #expect(answered && outcome.exitStatus == 0 && outcome.successfulCalls == 1,
                    "the other tenant's caller did not get through: \(outcome)\n\(other.party.logTail(characters: 2000))\n\(run.diagnostics)")
            #expect(await first.finish(timeout: .seconds(30)).successfulCalls == 1, "the admitted call did not complete")
        }
    }
}
