// Login, logout, /me and API keys through the real router.

import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Server
import Store
import Testing

@Suite struct SessionRouteTests {
    @Test("a tenant user logs in with the tenant code and gets an HttpOnly, SameSite session cookie and their identity")
    func loginSetsCookie() async throws {
        try await ServerFixture.with { fixture in
            try await fixture.application().test(.router) { client in
                let body: [String: String] = ["tenant": "demo", "username": "agent1001", "password": "demo-agent"]
                try await client.execute(uri: "/api/v1/login", method: .post, headers: [.contentType: "application/json"], body: .json(body)) { response in
                    #expect(response.status == .ok)
                    let cookie = try #require(response.headers[.setCookie])
                    #expect(cookie.hasPrefix("kefu_session="))
                    #expect(cookie.contains("HttpOnly"))
                    #expect(cookie.contains("SameSite=Strict"))
                    let json = JSONObject(response.body)
                    #expect(json["roles"].array.map(\.string) == ["agent"])
                    #expect(json["tenant"]["code"].string == "demo")
                    #expect(json["tenant"]["masking_policy"].string == "middle")
                    #expect(json["agent"]["work_number"].string == "1001")
                    #expect(json["agent"]["state"]["kind"].string == "signed_out")
                }
                let entries = try await fixture.store.auditLog.list(.tenant(fixture.demo), from: .distantPast, to: .distantFuture, action: "user.login")
                #expect(entries.map(\.actor.name) == ["agent1001"])
            }
        }
    }

    @Test("a wrong password, an unknown user and an unknown tenant all get the same 401")
    func wrongCredentials() async throws {
        try await ServerFixture.with { fixture in
            try await fixture.application().test(.router) { client in
                for body in [["tenant": "demo", "username": "admin", "password": "wrong-password"],
                             ["tenant": "demo", "username": "nobody", "password": "demo-admin"],
                             ["tenant": "nosuch", "username": "admin", "password": "demo-admin"],
                             ["tenant": "beta", "username": "agent1001", "password": "demo-agent"]] {
                    let (status, json) = try await client.call(.post, "/api/v1/login", cookie: nil, json: body)
                    #expect(status == .unauthorized, "\(body)")
                    #expect(json["error"]["code"].string == "invalid_credentials")
                }
            }
        }
    }

    @Test("login without a user name, without a body or with a body that is not JSON names what is wrong")
    func loginValidation() async throws {
        try await ServerFixture.with { fixture in
            try await fixture.application().test(.router) { client in
                var (status, json) = try await client.call(.post, "/api/v1/login", cookie: nil, json: ["tenant": "demo", "username": "", "password": "x"])
                #expect(status == .badRequest)
                #expect(json["error"]["field"].string == "username")
                (status, json) = try await client.call(.post, "/api/v1/login", cookie: nil, json: ["tenant": "demo", "username": "admin"])
                #expect(status == .badRequest)
                #expect(json["error"]["field"].string == "password")
                #expect(json["error"]["message"].string == "is required")
                try await client.execute(uri: "/api/v1/login", method: .post, headers: [.contentType: "application/json"],
                                         body: ByteBuffer(string: "{not json")) { response in
                    #expect(response.status == .badRequest)
                    #expect(JSONObject(response.body)["error"]["field"].string == "body")
                }
                try await client.execute(uri: "/api/v1/login", method: .post, headers: [.contentType: "text/plain"],
                                         body: ByteBuffer(string: "admin")) { response in
                    #expect(response.status == .unsupportedMediaType)
                }
            }
        }
    }

    @Test("a body over 64 KiB is refused with 413 before it is read")
    func bodyLimit() async throws {
        try await ServerFixture.with { fixture in
            try await fixture.application().test(.router) { client in
                let big = String(repeating: "x", count: 70 * 1024)
                let (status, json) = try await client.call(.post, "/api/v1/login", cookie: nil, json: ["tenant": "demo", "username": big, "password": "x"])
                #expect(status == .contentTooLarge)
                #expect(json["error"]["code"].string == "body_too_large")
            }
        }
    }

    @Test("after five failed logins the account is locked with 429 and Retry-After, even with the right password")
    func throttling() async throws {
        try await ServerFixture.with { fixture in
            try await fixture.application().test(.router) { client in
                for _ in 0..<5 {
                    let (status, _) = try await client.call(.post, "/api/v1/login", cookie: nil, json: ["tenant": "demo", "username": "admin", "password": "guess-guess"])
                    #expect(status == .unauthorized)
                }
                let body = ["tenant": "demo", "username": "admin", "password": "demo-admin"]
                try await client.execute(uri: "/api/v1/login", method: .post, headers: [.contentType: "application/json"], body: .json(body)) { response in
                    #expect(response.status == .tooManyRequests)
                    #expect(Int(response.headers[.retryAfter] ?? "") ?? 0 > 0)
                    #expect(JSONObject(response.body)["error"]["code"].string == "too_many_attempts")
                }
            }
        }
    }

    @Test("logout ends the session: the same cookie gets 401 afterwards")
    func logout() async throws {
        try await ServerFixture.with { fixture in
            try await fixture.application().test(.router) { client in
                let cookie = try await client.login(.demoSupervisor)
                #expect(try await client.call(.get, "/api/v1/me", cookie: cookie).0 == .ok)
                try await client.execute(uri: "/api/v1/logout", method: .post, headers: [.cookie: cookie]) { response in
                    #expect(response.status == .noContent)
                    #expect(response.headers[.setCookie]?.contains("Max-Age=0") == true)
                }
                let (status, json) = try await client.call(.get, "/api/v1/me", cookie: cookie)
                #expect(status == .unauthorized)
                #expect(json["error"]["code"].string == "unauthenticated")
            }
        }
    }

    @Test("a platform operator logs in without a tenant code and has no tenant")
    func platformLogin() async throws {
        try await ServerFixture.with { fixture in
            try await fixture.application().test(.router) { client in
                let cookie = try await client.login(.platformOperator)
                let (status, json) = try await client.call(.get, "/api/v1/me", cookie: cookie)
                #expect(status == .ok)
                #expect(json["roles"].array.map(\.string) == ["platform_admin"])
                #expect(json["tenant"].isNull)
            }
        }
    }

    @Test("an API key authenticates as its tenant with its scopes; a revoked or made-up key gets 401")
    func apiKeys() async throws {
        try await ServerFixture.with { fixture in
            let issued = try await fixture.store.apiKeys.create(fixture.demo, name: "crm", scopes: ["cdr:read", "queues:read"])
            let revoked = try await fixture.store.apiKeys.create(fixture.demo, name: "old", scopes: ["cdr:read"])
            try await fixture.store.apiKeys.revoke(fixture.demo, revoked.key.id)
            try await fixture.application().test(.router) { client in
                try await client.execute(uri: "/api/v1/me", method: .get, headers: [.authorization: "Bearer \(issued.token)"]) { response in
                    #expect(response.status == .ok)
                    let json = JSONObject(response.body)
                    #expect(json["kind"].string == "api_key")
                    #expect(json["tenant"]["code"].string == "demo")
                    #expect(Set(json["permissions"].array.compactMap(\.string)) == ["self.read", "cdr.read", "queues.read"])
                }
                try await client.execute(uri: "/api/v1/queues", method: .get, headers: [.authorization: "Bearer \(issued.token)"]) { response in
                    #expect(response.status == .ok)
                }
                try await client.execute(uri: "/api/v1/agents", method: .get, headers: [.authorization: "Bearer \(issued.token)"]) { response in
                    #expect(response.status == .forbidden)
                }
                for header in ["Bearer \(revoked.token)", "Bearer kefu_000000_0000", "Basic YWRtaW46eA=="] {
                    try await client.execute(uri: "/api/v1/me", method: .get, headers: [.authorization: header]) { response in
                        #expect(response.status == .unauthorized, "\(header)")
                        #expect(JSONObject(response.body)["error"]["field"].string == "Authorization")
                    }
                }
            }
        }
    }

    @Test("an unknown route answers a JSON 404")
    func unknownRoute() async throws {
        try await ServerFixture.with { fixture in
            try await fixture.application().test(.router) { client in
                let (status, json) = try await client.call(.get, "/api/v1/nothing-here", cookie: nil)
                #expect(status == .notFound)
                #expect(json["error"]["code"].string == "not_found")
            }
        }
    }
}
