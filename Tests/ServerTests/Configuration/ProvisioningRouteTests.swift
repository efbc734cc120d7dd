// The rest of the configuration API: numbers and their rules with the rule trace, agents
// within the seat quota, users, trunks with write-only secrets, tenants and quotas.

import CallCenter
import Foundation
import HTTPTypes
import HummingbirdTesting
import Store
import Testing

@Suite struct ProvisioningRouteTests {
    @Test("the rule trace tells what happens to a blacklisted caller and to a VIP, rule by rule")
    func ruleTrace() async throws {
        try await ServerFixture.with { fixture in
            try await fixture.application().test(.router) { client in
                let supervisor = try await client.login(.demoSupervisor)
                let (status, blocked) = try await client.send(.post, "/api/v1/config/rule-trace", cookie: supervisor,
                                                              body: ["number": "4001234567", "caller": "13900000000"])
                #expect(status == .ok)
                #expect(blocked["rules"][0]["rule"].string == "blocked")
                #expect(blocked["rules"][0]["verdict"].string == "matched")
                #expect(blocked["decision"].string?.contains("blocked") == true)
                let (_, vip) = try await client.send(.post, "/api/v1/config/rule-trace", cookie: supervisor,
                                                     body: ["number": "4001234567", "caller": "13800138000", "at": "2026-11-18T02:00:00Z"])
                #expect(vip["priority"].int == 10)
                #expect(vip["rules"].array.contains { $0["rule"].string == "vip" && $0["verdict"].string == "matched" })
                let (unknown, error) = try await client.send(.post, "/api/v1/config/rule-trace", cookie: supervisor,
                                                             body: ["number": "4009999999", "caller": "13800138000"])
                #expect(unknown == .badRequest)
                #expect(error["error"]["field"].string == "number")
            }
        }
    }

    @Test("a number with a rule that names an unknown queue is refused naming the rule; a good one is saved and routed on the next call")
    func numberRules() async throws {
        try await ServerFixture.with { fixture in
            try await fixture.application().test(.router) { client in
                let admin = try await client.login(.demoAdmin)
                func rules(queue: String) -> [String: Any] {
                    ["accessNumber": "4007654321", "rules": [], "fallback": ["destinations": [["queue": queue]]]]
                }
                let (bad, error) = try await client.send(.post, "/api/v1/config/numbers", cookie: admin,
                                                         body: ["number": "4007654321", "rules": rules(queue: "nosuchqueue")])
                #expect(bad == .badRequest)
                #expect(error["error"]["field"].string?.hasPrefix("rules") == true)
                #expect(error["error"]["message"].string?.contains("nosuchqueue") == true)
                let (created, number) = try await client.send(.post, "/api/v1/config/numbers", cookie: admin,
                                                              body: ["number": "4007654321", "rules": rules(queue: "service")])
                #expect(created == .created)
                #expect(number["rules"]["accessNumber"].string == "4007654321")
                #expect(fixture.center.directory.route(dialled: "4007654321") != nil, "the call center routes the new number at once")
                let beta = try await client.login(.betaAdmin)
                let id = try #require(number["id"].string)
                #expect(try await client.send(.get, "/api/v1/config/numbers/\(id)", cookie: beta).0 == .notFound)
                #expect(try await client.send(.delete, "/api/v1/config/numbers/\(id)", cookie: beta).0 == .notFound)
            }
        }
    }

    @Test("agents are created up to the seat quota the platform operator sets, and appear in the live directory")
    func agentsAndQuota() async throws {
        try await ServerFixture.with { fixture in
            try await fixture.application().test(.router) { client in
                let operatorCookie = try await client.login(.platformOperator)
                let (quota, tenant) = try await client.send(.put, "/api/v1/platform/tenants/\(fixture.beta.rawValue)/quotas", cookie: operatorCookie,
                                                            body: ["seats": 2, "ivr_ports": 4])
                #expect(quota == .ok)
                #expect(tenant["quotas"]["seats"].int == 2)
                #expect(tenant["quotas"]["max_concurrent_calls"].isNull, "no own call limit: the platform default")
                let (limited, limits) = try await client.send(.put, "/api/v1/platform/tenants/\(fixture.beta.rawValue)/quotas", cookie: operatorCookie,
                                                              body: ["seats": 2, "ivr_ports": 4, "max_concurrent_calls": 3, "max_calls_per_second": 1])
                #expect(limited == .ok && limits["quotas"]["max_calls_per_second"].int == 1, "\(limits)")
                #expect(fixture.center.directory.callLimits(tenant: fixture.beta.rawValue) == TenantCallLimits(maxConcurrentCalls: 3, maxCallsPerSecond: 1))
                let (refused, refusal) = try await client.send(.put, "/api/v1/platform/tenants/\(fixture.beta.rawValue)/quotas", cookie: operatorCookie,
                                                               body: ["seats": 2, "ivr_ports": 4, "max_calls_per_second": 0])
                #expect(refused == .badRequest && refusal["error"]["field"].string == "quotas.max_calls_per_second", "\(refused) \(refusal)")
                let admin = try await client.login(.betaAdmin)
                let (created, agent) = try await client.send(.post, "/api/v1/config/agents", cookie: admin, body: [
                    "work_number": "2002", "display_name": "New Agent", "extension_number": "2002", "sip_password": "secret-2002"])
                #expect(created == .created)
                #expect(agent["sip_password"].isNull, "the SIP password is write-only")
                let id = try #require(agent["id"].string)
                #expect(fixture.center.directory.tenant(id: fixture.beta.rawValue)?.agentsByID[id] != nil)
                let (full, error) = try await client.send(.post, "/api/v1/config/agents", cookie: admin, body: [
                    "work_number": "2003", "display_name": "One Too Many", "extension_number": "2003"])
                #expect(full == .conflict)
                #expect(error["error"]["code"].string == "quota_exceeded")
                let (missing, missingError) = try await client.send(.post, "/api/v1/config/agents", cookie: admin, body: ["work_number": "2004"])
                #expect(missing == .badRequest)
                #expect(missingError["error"]["field"].string == "display_name")
            }
        }
    }

    @Test("a trunk's password is never returned, and a tenant user cannot be given a platform role")
    func secretsAndRoles() async throws {
        try await ServerFixture.with { fixture in
            try await fixture.application().test(.router) { client in
                let operatorCookie = try await client.login(.platformOperator)
                let (created, trunk) = try await client.send(.post, "/api/v1/platform/trunks", cookie: operatorCookie, body: [
                    "name": "carrier-b", "addresses": ["192.0.2.10:5060"], "username": "kefu", "password": "carrier-secret"])
                #expect(created == .created)
                #expect(trunk["has_credentials"].value as? Bool == true)
                #expect(trunk["password"].isNull)
                let (_, list) = try await client.send(.get, "/api/v1/platform/trunks", cookie: operatorCookie)
                #expect(!"\(list.value ?? "")".contains("carrier-secret"))
                let (badAddress, addressError) = try await client.send(.post, "/api/v1/platform/trunks", cookie: operatorCookie, body: [
                    "name": "carrier-c", "addresses": ["192.0.2.11:port"]])
                #expect(badAddress == .badRequest)
                #expect(addressError["error"]["field"].string == "addresses[0]")

                let admin = try await client.login(.demoAdmin)
                let (refused, error) = try await client.send(.post, "/api/v1/config/users", cookie: admin, body: [
                    "username": "sneaky", "password": "sneaky-pass-1", "roles": ["platform_admin"]])
                #expect(refused == .badRequest)
                #expect(error["error"]["field"].string == "roles[0]")
                let (made, user) = try await client.send(.post, "/api/v1/config/users", cookie: admin, body: [
                    "username": "sup2", "display_name": "Second supervisor", "password": "sup2-password", "roles": ["supervisor"]])
                #expect(made == .created)
                #expect(user["password"].isNull)
                let audit = try await fixture.store.auditLog.list(.tenant(fixture.demo), from: .distantPast, to: .distantFuture)
                #expect(audit.contains { $0.action == "user.create" && $0.detail["roles"] == "supervisor" })
            }
        }
    }
}
