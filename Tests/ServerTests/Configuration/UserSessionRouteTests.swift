// A tenant admin's change to a user reaches the user's open sessions: disabled, deleted or
// with other roles, the user must log in again (and a disabled one cannot).

import Foundation
import HTTPTypes
import HummingbirdTesting
import Store
import Testing

@Suite struct UserSessionRouteTests {
    @Test("a supervisor disabled by the tenant admin loses the open session at once and cannot log in again")
    func disabledUserLosesSession() async throws {
        try await ServerFixture.with { fixture in
            try await fixture.application().test(.router) { client in
                let supervisor = try await client.login(.demoSupervisor)
                #expect(try await client.send(.get, "/api/v1/wallboard", cookie: supervisor).0 == .ok)
                let admin = try await client.login(.demoAdmin)
                let id = try #require(try await fixture.store.users.find(.tenant(fixture.demo), username: "supervisor")).id.rawValue
                #expect(try await client.send(.put, "/api/v1/config/users/\(id)", cookie: admin, body: ["display_name": "班长"]).0 == .ok)
                #expect(try await client.send(.get, "/api/v1/wallboard", cookie: supervisor).0 == .ok, "a new name changes no rights")
                #expect(try await client.send(.put, "/api/v1/config/users/\(id)", cookie: admin, body: ["status": "disabled"]).0 == .ok)
                #expect(try await client.send(.get, "/api/v1/wallboard", cookie: supervisor).0 == .unauthorized)
                #expect(try await client.logIn("supervisor", "demo-supervisor", tenant: "demo").0 == .unauthorized)
                #expect(try await client.send(.get, "/api/v1/me", cookie: admin).0 == .ok, "the admin's own session stays")
            }
        }
    }
}
