// Platform users through the API: a platform admin creates operators and reviewers (the
// password hashed, never shown), changes their roles, resets passwords and disables them,
// each change audited and taking effect on open sessions; tenant users never reach them.

import Foundation
import HTTPTypes
import HummingbirdTesting
import Store
import Testing

@Suite struct PlatformUserRouteTests {
    @Test("a platform admin creates a reviewer who can log in; the answer never carries the password and the store keeps a bcrypt hash")
    func create() async throws {
        try await ServerFixture.with { fixture in
            try await fixture.application().test(.router) { client in
                let admin = try await client.login(.platformOperator)
                let (status, user) = try await client.send(.post, "/api/v1/platform/users", cookie: admin, body: [
                    "username": "reviewer1", "display_name": "内容审核", "roles": ["platform_reviewer"], "password": "review-pass-1",
                ])
                #expect(status == .created)
                #expect(user["roles"].array.map(\.string) == ["platform_reviewer"])
                let keys = (user.value as? [String: Any]).map { Set($0.keys) } ?? []
                #expect(keys.isDisjoint(with: ["password", "password_hash"]), "the password never comes back: \(keys.sorted())")
                let id = try #require(user["id"].string)
                let hash = try await fixture.store.users.passwordHash(.platform, UserID(rawValue: id))
                #expect(hash.encoded.hasPrefix("$2") && hash.verify("review-pass-1") && !hash.encoded.contains("review-pass-1"))

                let (loggedIn, cookie) = try await client.logIn("reviewer1", "review-pass-1")
                #expect(loggedIn == .ok)
                let me = try await client.send(.get, "/api/v1/me", cookie: cookie).1
                #expect(me["username"].string == "reviewer1" || me["name"].string == "reviewer1")
                #expect(try await client.send(.get, "/api/v1/platform/users", cookie: cookie).0 == .forbidden,
                        "a reviewer is not a platform admin")

                let list = try await client.send(.get, "/api/v1/platform/users", cookie: admin).1
                // The fixture's platform users (operator, reviewer) and the new one.
                #expect(list["items"].array.compactMap { $0["username"].string } == ["operator", "reviewer", "reviewer1"])
                let audit = try await client.send(.get, "/api/v1/platform/audit-log?action=platform_user.create", cookie: admin).1
                #expect(audit["items"][0]["object_id"].string == id)
                #expect(audit["items"][0]["actor"]["name"].string == "operator")
                #expect(audit["items"][0]["detail"]["roles"].string == "platform_reviewer")
            }
        }
    }

    @Test("a role change ends the user's sessions, a password reset retires the old password, and a disabled user cannot log in")
    func changes() async throws {
        try await ServerFixture.with { fixture in
            try await fixture.application().test(.router) { client in
                let admin = try await client.login(.platformOperator)
                let created = try await client.send(.post, "/api/v1/platform/users", cookie: admin, body: [
                    "username": "ops2", "roles": ["platform_admin"], "password": "ops2-first-pass",
                ]).1
                let id = try #require(created["id"].string)
                let (_, ops2) = try await client.logIn("ops2", "ops2-first-pass")
                #expect(try await client.send(.get, "/api/v1/platform/tenants", cookie: ops2).0 == .ok)

                let (changed, user) = try await client.send(.put, "/api/v1/platform/users/\(id)", cookie: admin, body: ["roles": ["platform_reviewer"]])
                #expect(changed == .ok && user["roles"].array.map(\.string) == ["platform_reviewer"])
                #expect(try await client.send(.get, "/api/v1/platform/tenants", cookie: ops2).0 == .unauthorized,
                        "the session that held the old role is gone")
                let (_, again) = try await client.logIn("ops2", "ops2-first-pass")
                #expect(try await client.send(.get, "/api/v1/platform/tenants", cookie: again).0 == .forbidden)

                let (reset, _) = try await client.send(.post, "/api/v1/platform/users/\(id)/password", cookie: admin, body: ["password": "ops2-second-pass"])
                #expect(reset == .noContent)
                #expect(try await client.send(.get, "/api/v1/me", cookie: again).0 == .unauthorized)
                #expect(try await client.logIn("ops2", "ops2-first-pass").0 == .unauthorized)
                #expect(try await client.logIn("ops2", "ops2-second-pass").0 == .ok)

                let (disabled, body) = try await client.send(.put, "/api/v1/platform/users/\(id)", cookie: admin, body: ["status": "disabled"])
                #expect(disabled == .ok && body["status"].string == "disabled")
                #expect(try await client.logIn("ops2", "ops2-second-pass").0 == .unauthorized)

                let audit = try await client.send(.get, "/api/v1/platform/audit-log", cookie: admin).1
                let actions = audit["items"].array.filter { $0["object_id"].string == id }.compactMap { $0["action"].string }
                    .filter { $0.hasPrefix("platform_user.") }
                #expect(actions.sorted() == ["platform_user.create", "platform_user.disable", "platform_user.password_reset", "platform_user.update"])
                #expect(!audit["items"].array.contains { $0["detail"]["password"].string != nil }, "no password in the audit log")
            }
        }
    }

    /// A body and the field its refusal must name.
    static let refusals: [(method: String, target: String, body: String, field: String)] = [
        ("POST", "new", #"{"username": "x1", "roles": ["tenant_admin"], "password": "long-enough"}"#, "roles[0]"),
        ("POST", "new", #"{"username": "x1", "roles": ["platform_boss"], "password": "long-enough"}"#, "roles[0]"),
        ("POST", "new", #"{"username": "x1", "roles": [], "password": "long-enough"}"#, "roles"),
        ("POST", "new", #"{"username": "x1", "roles": ["platform_admin"], "password": "short"}"#, "password"),
        ("POST", "new", #"{"roles": ["platform_admin"], "password": "long-enough"}"#, "username"),
        ("POST", "new", #"{"username": "x1", "roles": ["platform_admin"]}"#, "password"),
        ("POST", "new", #"{"username": "operator", "roles": ["platform_admin"], "password": "long-enough"}"#, "username"),
        ("POST", "new", #"{"username": "has space", "roles": ["platform_admin"], "password": "long-enough"}"#, "username"),
        ("PUT", "self", #"{"status": "disabled"}"#, "status"),
        ("PUT", "self", #"{"roles": ["platform_reviewer"]}"#, "roles"),
        ("PUT", "self", #"{"status": "sleeping"}"#, "status"),
        ("POST", "self/password", #"{"password": "1234"}"#, "password"),
        ("POST", "self/password", "{}", "password"),
    ]

    @Test("bad input is refused with 400 naming the field, and the platform keeps its admin", arguments: refusals.indices)
    func refused(index: Int) async throws {
        let refusal = Self.refusals[index]
        try await ServerFixture.with { fixture in
            try await fixture.application().test(.router) { client in
                let admin = try await client.login(.platformOperator)
                let me = try #require(try await fixture.store.users.find(.platform, username: "operator"))
                let path = refusal.target == "new" ? "/api/v1/platform/users"
                    : "/api/v1/platform/users/\(me.id.rawValue)" + (refusal.target.hasSuffix("password") ? "/password" : "")
                let body = try JSONSerialization.jsonObject(with: Data(refusal.body.utf8))
                let usersBefore = try await client.send(.get, "/api/v1/platform/users", cookie: admin).1["items"].array.count
                let (status, error) = try await client.send(HTTPRequest.Method(refusal.method)!, path, cookie: admin, body: body)
                #expect(status == .badRequest, "\(refusal.body)")
                #expect(error["error"]["field"].string == refusal.field, "\(error["error"]["message"].string ?? "")")
                let after = try await fixture.store.users.get(.platform, me.id)
                #expect(after.status == .active && after.roles == [.platformAdmin])
                #expect(try await client.send(.get, "/api/v1/platform/users", cookie: admin).1["items"].array.count == usersBefore)
            }
        }
    }

    @Test("tenant users get 403 on platform users, and a platform user's id is 404 in every tenant's user list")
    func crossScope() async throws {
        try await ServerFixture.with { fixture in
            try await fixture.application().test(.router) { client in
                let operatorID = try #require(try await fixture.store.users.find(.platform, username: "operator")).id.rawValue
                for user in [TestUser.demoAdmin, .betaAdmin, .demoSupervisor] {
                    let cookie = try await client.login(user)
                    #expect(try await client.send(.get, "/api/v1/platform/users", cookie: cookie).0 == .forbidden)
                    #expect(try await client.send(.post, "/api/v1/platform/users", cookie: cookie,
                                                  body: ["username": "sneaky", "roles": ["platform_admin"], "password": "sneaky-pass"]).0 == .forbidden)
                    #expect(try await client.send(.put, "/api/v1/platform/users/\(operatorID)", cookie: cookie, body: ["status": "disabled"]).0 == .forbidden)
                    #expect(try await client.send(.post, "/api/v1/platform/users/\(operatorID)/password", cookie: cookie,
                                                  body: ["password": "taken-over"]).0 == .forbidden)
                }
                let demoAdmin = try await client.login(.demoAdmin)
                #expect(try await client.send(.get, "/api/v1/config/users/\(operatorID)", cookie: demoAdmin).0 == .notFound)
                #expect(try await client.send(.put, "/api/v1/config/users/\(operatorID)", cookie: demoAdmin, body: ["status": "disabled"]).0 == .notFound)
                // A tenant user's id is not a platform user.
                let tenantUser = try #require(try await fixture.store.users.find(.tenant(fixture.demo), username: "admin")).id.rawValue
                let platformAdmin = try await client.login(.platformOperator)
                #expect(try await client.send(.put, "/api/v1/platform/users/\(tenantUser)", cookie: platformAdmin, body: ["status": "disabled"]).0 == .notFound)
                #expect(try await fixture.store.users.get(.platform, UserID(rawValue: operatorID)).status == .active)
                #expect(try await client.send(.get, "/api/v1/platform/audit-log", cookie: demoAdmin).0 == .forbidden)
            }
        }
    }
}

extension TestClientProtocol {
    /// Logs in by name (no tenant: a platform user); the status and the cookie when it worked.
    func logIn(_ username: String, _ password: String, tenant: String? = nil) async throws -> (HTTPResponse.Status, String?) {
        var body = ["username": username, "password": password]
        if let tenant { body["tenant"] = tenant }
        return try await execute(uri: "/api/v1/login", method: .post, headers: [.contentType: "application/json"], body: .json(body)) { response in
            (response.status, response.headers[.setCookie].flatMap { $0.split(separator: ";").first.map(String.init) })
        }
    }
}
