// The role matrix: each role on every route of the router, allowed or refused, including
// other tenants' users reaching for the demo tenant's objects (404, never data). The table
// names every route; a route added without a row fails the test.

import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
import Server
import Store
import Testing

@Suite struct RoleMatrixTests {
    /// What a user gets on a route.
    enum Outcome: Equatable, CustomStringConvertible {
        /// Past the permission check: any answer but 401, 403, 404 or 5xx.
        case allowed
        /// Past the permission check on an object that does not exist: any answer but 401, 403 or 5xx.
        case permitted
        /// Refused (or hidden) with this status.
        case refused(HTTPResponse.Status)

        var description: String {
            switch self {
            case .allowed: "allowed"
            case .permitted: "permitted"
            case .refused(let status): "\(status.code)"
            }
        }
    }

    /// Who may use a route.
    enum Policy {
        /// No login needed.
        case open
        /// Users holding one of `roles`; `demoObject`: the path names one of the demo
        /// tenant's objects, so other tenants' permitted users get 404.
        case roles(Set<UserRole>, demoObject: Bool)
        /// Users holding one of `roles`, on an object the fixture cannot have (a live call):
        /// permitted users get past the check (404 for the missing call), others 403.
        case rolesOnLiveObject(Set<UserRole>)
        /// An explicit row per user (routes with own-data rules).
        case explicit([TestUser?: Outcome])
        /// Checked by another suite (the reason says which).
        case elsewhere(String)
    }

    static let configRead: Set<UserRole> = [.tenantAdmin, .supervisor]
    static let configWrite: Set<UserRole> = [.tenantAdmin]
    static let platform: Set<UserRole> = [.platformAdmin]
    static let desk: Set<UserRole> = [.tenantAdmin, .supervisor, .agent]
    /// Who sees a call record (agents: only their own calls; 1001 took the seeded call).
    static let callRecordRow: [TestUser?: Outcome] = [
        nil: .refused(.unauthorized), .demoAdmin: .allowed, .demoSupervisor: .allowed, .demoAgent1001: .allowed,
        .demoAgent1002: .refused(.notFound), .demoQA: .allowed, .betaAdmin: .refused(.notFound),
        .betaSupervisor: .refused(.notFound), .betaAgent: .refused(.notFound), .platformOperator: .refused(.forbidden),
        .platformReviewer: .refused(.forbidden),
    ]

    /// Who changes agent 1002's presence or queues (an agent only their own).
    static let agentPresenceRow: [TestUser?: Outcome] = [
        nil: .refused(.unauthorized), .demoAdmin: .allowed, .demoSupervisor: .allowed, .demoAgent1001: .refused(.forbidden),
        .demoAgent1002: .allowed, .demoQA: .refused(.forbidden), .betaAdmin: .refused(.notFound),
        .betaSupervisor: .refused(.notFound), .betaAgent: .refused(.notFound), .platformOperator: .refused(.forbidden),
        .platformReviewer: .refused(.forbidden),
    ]

    /// Who reads `/metrics` (its gauges name every tenant): the platform operator (and the
    /// scraper's token, EventStreamTests).
    static let platformOnlyRow: [TestUser?: Outcome] = [
        nil: .refused(.unauthorized), .demoAdmin: .refused(.forbidden), .demoSupervisor: .refused(.forbidden),
        .demoAgent1001: .refused(.forbidden), .demoAgent1002: .refused(.forbidden), .demoQA: .refused(.forbidden),
        .betaAdmin: .refused(.forbidden), .betaSupervisor: .refused(.forbidden), .betaAgent: .refused(.forbidden),
        .platformOperator: .allowed, .platformReviewer: .refused(.forbidden),
    ]

    /// Every route of the router and who may use it.
    static let matrix: [APIRoute: Policy] = {
        var table: [APIRoute: Policy] = [
            .init(method: "POST", path: "/api/v1/login"): .open,
            .init(method: "POST", path: "/api/v1/logout"): .open,
            .init(method: "GET", path: "/api/v1/openapi.json"): .open,
            .init(method: "GET", path: "/healthz"): .open,
            .init(method: "GET", path: "/metrics"): .explicit(platformOnlyRow),
            .init(method: "GET", path: "/api/v1/events"): .elsewhere("the WebSocket stream's audiences are EventStreamTests'"),
            .init(method: "GET", path: "/api/v1/me"): .roles(Set(UserRole.allCases), demoObject: false),
            .init(method: "GET", path: "/api/v1/agents"): .roles([.tenantAdmin, .supervisor], demoObject: false),
            .init(method: "GET", path: "/api/v1/queues"): .roles([.tenantAdmin, .supervisor, .agent], demoObject: false),
            .init(method: "GET", path: "/api/v1/cdrs"): .roles([.tenantAdmin, .supervisor, .agent, .qaInspector], demoObject: false),
            .init(method: "GET", path: "/api/v1/cdrs/{id}"): .explicit(callRecordRow),
            .init(method: "GET", path: "/api/v1/cdrs/{id}/note"): .explicit(callRecordRow),
            .init(method: "PUT", path: "/api/v1/cdrs/{id}/note"): .explicit(callRecordRow.merging([.demoQA: .refused(.forbidden)]) { $1 }),
            .init(method: "GET", path: "/api/v1/desk"): .roles(desk, demoObject: false),
            .init(method: "GET", path: "/api/v1/wallboard"): .roles([.tenantAdmin, .supervisor], demoObject: false),
            .init(method: "GET", path: "/api/v1/screen-pop/{callId}"): .rolesOnLiveObject(desk),
            .init(method: "GET", path: "/api/v1/calls"): .roles(desk, demoObject: false),
            .init(method: "POST", path: "/api/v1/calls"): .roles(desk, demoObject: false),
            .init(method: "GET", path: "/api/v1/recordings/{id}"): .roles([.tenantAdmin, .supervisor, .qaInspector], demoObject: true),
            .init(method: "POST", path: "/api/v1/agents/{id}/state"): .explicit(agentPresenceRow),
            .init(method: "PUT", path: "/api/v1/agents/{id}/queues"): .explicit(agentPresenceRow),
            .init(method: "GET", path: "/api/v1/reports/calls"): .roles([.tenantAdmin, .supervisor, .agent, .qaInspector], demoObject: false),
            .init(method: "POST", path: "/api/v1/config/rule-trace"): .roles(configRead, demoObject: false),
        ]
        func resource(_ base: String, read: Set<UserRole>, write: Set<UserRole>, put: Bool = true) {
            table[.init(method: "GET", path: base)] = .roles(read, demoObject: false)
            table[.init(method: "POST", path: base)] = .roles(write, demoObject: false)
            table[.init(method: "GET", path: base + "/{id}")] = .roles(read, demoObject: true)
            if put { table[.init(method: "PUT", path: base + "/{id}")] = .roles(write, demoObject: true) }
            table[.init(method: "DELETE", path: base + "/{id}")] = .roles(write, demoObject: true)
        }
        for action in ["answer", "hangup", "hold", "resume", "mute", "unmute", "consult", "consult/complete", "consult/conference",
                       "consult/cancel", "survey", "transfer"] {
            table[.init(method: "POST", path: "/api/v1/calls/{id}/\(action)")] = .rolesOnLiveObject(desk)
        }
        for action in ["intercept", "release", "supervise"] {
            table[.init(method: "POST", path: "/api/v1/calls/{id}/\(action)")] = .rolesOnLiveObject([.tenantAdmin, .supervisor])
        }
        resource("/api/v1/platform/tenants", read: platform, write: platform)
        resource("/api/v1/platform/trunks", read: platform, write: platform)
        table[.init(method: "PUT", path: "/api/v1/platform/tenants/{id}/quotas")] = .roles(platform, demoObject: true)
        for name in ["numbers", "flows", "queues", "skills", "agents", "users"] {
            resource("/api/v1/config/\(name)", read: configRead, write: configWrite)
        }
        resource("/api/v1/config/prompts", read: configRead, write: configWrite, put: false)
        resource("/api/v1/notices", read: desk, write: [.tenantAdmin, .supervisor])
        table[.init(method: "GET", path: "/api/v1/config/desk-settings")] = .roles(configRead, demoObject: false)
        table[.init(method: "PUT", path: "/api/v1/config/desk-settings")] = .roles(configWrite, demoObject: false)
        resource("/api/v1/config/webhooks", read: configWrite, write: configWrite)
        table[.init(method: "GET", path: "/api/v1/config/api-keys")] = .roles(configWrite, demoObject: false)
        table[.init(method: "POST", path: "/api/v1/config/api-keys")] = .roles(configWrite, demoObject: false)
        table[.init(method: "DELETE", path: "/api/v1/config/api-keys/{id}")] = .roles(configWrite, demoObject: true)
        table[.init(method: "GET", path: "/api/v1/config/webhooks/{id}/deliveries")] = .roles(configWrite, demoObject: true)
        table[.init(method: "POST", path: "/api/v1/config/flows/{id}/versions")] = .roles(configWrite, demoObject: true)
        table[.init(method: "POST", path: "/api/v1/config/flows/{id}/validate")] = .roles(configRead, demoObject: true)
        table[.init(method: "POST", path: "/api/v1/config/flows/{id}/publish")] = .roles(configWrite, demoObject: true)
        table[.init(method: "POST", path: "/api/v1/config/flows/{id}/dry-run")] = .roles(configRead, demoObject: true)
        table[.init(method: "POST", path: "/api/v1/config/prompts/tts-preview")] = .roles(configRead, demoObject: false)
        table[.init(method: "PUT", path: "/api/v1/config/prompts/{id}/audio")] = .roles(configWrite, demoObject: true)
        table[.init(method: "POST", path: "/api/v1/config/prompts/{id}/publish")] = .roles(configWrite, demoObject: true)
        resource("/api/v1/platform/users", read: platform, write: platform)
        table[.init(method: "DELETE", path: "/api/v1/platform/users/{id}")] = nil
        table[.init(method: "POST", path: "/api/v1/platform/users/{id}/password")] = .roles(platform, demoObject: true)
        table[.init(method: "GET", path: "/api/v1/platform/audit-log")] = .roles(platform, demoObject: false)
        table[.init(method: "GET", path: "/api/v1/config/audit-log")] = .roles(configWrite, demoObject: false)
        table[.init(method: "GET", path: "/api/v1/config/calendar")] = .roles(configRead, demoObject: false)
        table[.init(method: "PUT", path: "/api/v1/config/calendar")] = .roles(configWrite, demoObject: false)
        table[.init(method: "GET", path: "/api/v1/config/queues/{id}/hours")] = .roles(configRead, demoObject: true)
        table[.init(method: "PUT", path: "/api/v1/config/queues/{id}/hours")] = .roles(configWrite, demoObject: true)
        // IVR content approval (issue 10): tenant admins submit, platform reviewers decide.
        let reviewer: Set<UserRole> = [.platformReviewer]
        table[.init(method: "POST", path: "/api/v1/config/flows/{id}/submit")] = .roles(configWrite, demoObject: true)
        table[.init(method: "POST", path: "/api/v1/config/prompts/{id}/submit")] = .roles(configWrite, demoObject: true)
        table[.init(method: "GET", path: "/api/v1/platform/reviews")] = .roles(reviewer, demoObject: false)
        for path in ["flows/{id}", "prompts/{id}", "prompts/{id}/audio"] {
            table[.init(method: "GET", path: "/api/v1/platform/reviews/\(path)")] = .roles(reviewer, demoObject: true)
        }
        for path in ["flows/{id}/approve", "flows/{id}/reject", "prompts/{id}/approve", "prompts/{id}/reject"] {
            table[.init(method: "POST", path: "/api/v1/platform/reviews/\(path)")] = .roles(reviewer, demoObject: true)
        }
        table[.init(method: "GET", path: "/api/v1/platform/settings")] = .roles(platform, demoObject: false)
        table[.init(method: "PUT", path: "/api/v1/platform/settings")] = .roles(platform, demoObject: false)
        return table
    }()

    /// The fixture's users and their roles.
    static func roles(of user: TestUser) -> Set<UserRole> {
        switch user {
        case .demoAdmin, .betaAdmin: [.tenantAdmin]
        case .demoSupervisor, .betaSupervisor: [.supervisor]
        case .demoAgent1001, .demoAgent1002, .betaAgent: [.agent]
        case .demoQA: [.qaInspector]
        case .platformOperator: [.platformAdmin]
        case .platformReviewer: [.platformReviewer]
        }
    }

    /// What `user` should get on a route under `policy`.
    static func expected(_ policy: Policy, for user: TestUser?, platformRoute: Bool) -> Outcome? {
        switch policy {
        case .open, .elsewhere: return nil
        case .explicit(let row): return row[user]
        case .rolesOnLiveObject(let allowed):
            guard let user else { return .refused(.unauthorized) }
            return roles(of: user).isDisjoint(with: allowed) ? .refused(.forbidden) : .permitted
        case .roles(let allowed, let demoObject):
            guard let user else { return .refused(.unauthorized) }
            guard !roles(of: user).isDisjoint(with: allowed) else { return .refused(.forbidden) }
            if demoObject, !platformRoute, user.tenant != "demo" { return .refused(.notFound) }
            return .allowed
        }
    }

    @Test("every route the router serves has a row in the role matrix, and every row is a served route")
    func everyRouteHasARow() async throws {
        try await ServerFixture.with { fixture in
            let (_, served) = KefuHTTPServer.makeRouter(services: fixture.services, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
            let missing = Set(served).subtracting(Self.matrix.keys).sorted()
            let stale = Set(Self.matrix.keys).subtracting(served).sorted()
            #expect(missing.isEmpty, "routes without a role-matrix row: \(missing)")
            #expect(stale.isEmpty, "rows for routes that are not served: \(stale)")
        }
    }

    @Test("each role gets exactly its allowed outcome on every route; other tenants get 404 for the demo tenant's objects",
          arguments: [TestUser?.none] + TestUser.allCases.map(Optional.some))
    func matrix(user: TestUser?) async throws {
        try await ServerFixture.with { fixture in
            let ids = try await fixture.demoObjectIDs()
            // Deletions last, so every other route still finds its object.
            let routes = Self.matrix.keys.sorted { ($0.method == "DELETE" ? 1 : 0, $0) < ($1.method == "DELETE" ? 1 : 0, $1) }
            try await fixture.application().test(.router) { client in
                var cookie: String?
                if let user { cookie = try await client.login(user) }
                for route in routes {
                    let platformRoute = route.path.hasPrefix("/api/v1/platform/")
                    guard let policy = Self.matrix[route], let expected = Self.expected(policy, for: user, platformRoute: platformRoute) else { continue }
                    let path = try ids.fill(route.path)
                    let body: Any? = route.method == "GET" || route.method == "DELETE" ? nil
                        : route.path.hasSuffix("/state") ? ["action": "sign_in"]
                        : route.path.hasSuffix("/supervise") ? ["mode": "listen"] : [String: String]()
                    let (status, json) = try await client.send(HTTPRequest.Method(route.method)!, path, cookie: cookie, body: body)
                    let who = user.map(\.rawValue) ?? "anonymous"
                    switch expected {
                    case .allowed:
                        #expect(![.unauthorized, .forbidden, .notFound].contains(status) && status.code < 500,
                                "\(who) on \(route): \(status.code) \(json["error"]["message"].string ?? "")")
                    case .permitted:
                        #expect(![.unauthorized, .forbidden].contains(status) && status.code < 500,
                                "\(who) on \(route): \(status.code) \(json["error"]["message"].string ?? "")")
                    case .refused(let refusal):
                        #expect(status == refusal, "\(who) on \(route)")
                        #expect(json["error"]["code"].string != nil, "\(who) on \(route): the refusal is a JSON error")
                    }
                }
            }
        }
    }

    /// Routes that name an agent's object, and whose agent's: 1002's presence, 1001's call.
    static let scopedObjectRoutes: [APIRoute] = matrix.keys.filter { route in
        ["/api/v1/agents/{id}/", "/api/v1/cdrs/{id}", "/api/v1/recordings/{id}"].contains { route.path.hasPrefix($0) }
    }.sorted()

    @Test("a team lead and a partner manager get 404 on every route naming another team's or partner's agent, call or recording",
          arguments: [OrganizationUser.lead2, .acmeManager])
    func scopedObjectsAreHidden(user: OrganizationUser) async throws {
        try await ServerFixture.with { fixture in
            try await fixture.organize()
            let ids = try await fixture.demoObjectIDs()
            #expect(Self.scopedObjectRoutes.count >= 6)
            try await fixture.application().test(.router) { client in
                let cookie = try await client.login(user)
                for route in Self.scopedObjectRoutes {
                    let body: Any? = route.method == "GET" ? nil : route.path.hasSuffix("/state") ? ["action": "sign_in"] : ["queues": ["x"]]
                    let (status, json) = try await client.send(HTTPRequest.Method(route.method)!, try ids.fill(route.path), cookie: cookie, body: body)
                    // A partner manager writes no notes at all (403); everything else is hidden.
                    let expected: HTTPResponse.Status = route.method == "PUT" && route.path.hasSuffix("/note") && user == .acmeManager ? .forbidden : .notFound
                    #expect(status == expected, "\(user.rawValue) on \(route): \(json["error"]["message"].string ?? "")")
                }
                // Their own agent's presence they may change.
                let own = try await client.call(.post, "/api/v1/agents/\(fixture.agent("1003"))/state", cookie: cookie, json: ["action": "sign_in"])
                #expect(own.0 == .ok)
            }
        }
    }

    @Test("a partner manager reads agents, boards, calls and recordings but configures nothing")
    func partnerManagerRights() async throws {
        try await ServerFixture.with { fixture in
            try await fixture.organize()
            try await fixture.application().test(.router) { client in
                let cookie = try await client.login(.acmeManager)
                for path in ["/api/v1/agents", "/api/v1/wallboard", "/api/v1/queues", "/api/v1/cdrs", "/api/v1/calls", "/api/v1/desk"] {
                    #expect(try await client.call(.get, path, cookie: cookie).0 == .ok, "\(path)")
                }
                for path in ["/api/v1/config/agents", "/api/v1/config/users", "/api/v1/platform/tenants"] {
                    #expect(try await client.call(.get, path, cookie: cookie).0 == .forbidden, "\(path)")
                }
            }
        }
    }

    @Test("another tenant's CDR list never includes the demo tenant's calls")
    func crossTenantList() async throws {
        try await ServerFixture.with { fixture in
            try await fixture.seedCall(agent: "1001", arrivedAt: Date(timeIntervalSince1970: 1_790_000_000))
            try await fixture.seedCall(agent: "2001", in: "beta", caller: "13911112222", arrivedAt: Date(timeIntervalSince1970: 1_790_000_100))
            try await fixture.application().test(.router) { client in
                let cookie = try await client.login(.betaAdmin)
                let (status, json) = try await client.call(.get, "/api/v1/cdrs", cookie: cookie)
                #expect(status == .ok)
                #expect(json["items"].array.map { $0["caller"].string } == ["13911112222"])
                let agents = try await client.call(.get, "/api/v1/agents", cookie: cookie).1
                #expect(agents["items"].array.map { $0["work_number"].string } == ["2001"])
                let numbers = try await client.call(.get, "/api/v1/config/numbers", cookie: cookie).1
                #expect(numbers["items"].array.isEmpty, "the beta tenant has no numbers; the demo tenant's are not listed")
            }
        }
    }
}

/// Ids of the demo tenant's objects, for the `{id}` of each route.
struct DemoObjectIDs {
    var byPrefix: [String: String]

    /// `path` with `{id}` replaced by the demo object its prefix names.
    func fill(_ path: String) throws -> String {
        let path = path.replacingOccurrences(of: "{callId}", with: "no-such-call")
        guard path.contains("{id}") else { return path }
        let prefix = String(path[..<path.range(of: "/{id}")!.lowerBound])
        let id = try #require(byPrefix[prefix], "no demo object for \(prefix)")
        return path.replacingOccurrences(of: "{id}", with: id)
    }
}

extension ServerFixture {
    /// One object of each kind in the demo tenant (creating an API key, a webhook and a
    /// call with its recording, which the example has not).
    func demoObjectIDs() async throws -> DemoObjectIDs {
        let seeded = try await seedCall(agent: "1001", arrivedAt: Date(timeIntervalSince1970: 1_790_000_000))
        let key = try await store.apiKeys.create(demo, name: "crm", scopes: ["cdr:read"])
        let webhook = try await store.webhooks.create(demo, WebhookDefinition(url: "http://127.0.0.1:9/hook", events: ["*"]))
        let qa = try #require(try await store.users.find(.tenant(demo), username: "qa"))
        let notice = try await store.notices.create(demo, NoticeDefinition(title: "通知", body: "x"), author: "admin")
        let flow = try #require(try await store.flows.list(demo).first)
        let prompt = try #require(try await store.prompts.list(demo).first)
        return DemoObjectIDs(byPrefix: [
            "/api/v1/cdrs": seeded.record.rawValue,
            "/api/v1/calls": "no-such-call",
            "/api/v1/recordings": seeded.recording.rawValue,
            "/api/v1/agents": agent("1002"),
            "/api/v1/platform/tenants": demo.rawValue,
            "/api/v1/platform/trunks": try #require(try await store.trunks.find(name: "loopback")).id.rawValue,
            "/api/v1/platform/users": try #require(try await store.users.find(.platform, username: "operator")).id.rawValue,
            "/api/v1/config/numbers": try #require(try await store.accessNumbers.list(demo).first).id.rawValue,
            "/api/v1/config/flows": flow.id.rawValue,
            "/api/v1/config/prompts": prompt.id.rawValue,
            "/api/v1/config/queues": try #require(try await store.queues.list(demo).first).id.rawValue,
            "/api/v1/config/skills": try #require(try await store.skills.list(demo).first).id.rawValue,
            "/api/v1/config/agents": agent("1003"),
            "/api/v1/config/users": qa.id.rawValue,
            "/api/v1/config/api-keys": key.key.id.rawValue,
            "/api/v1/config/webhooks": webhook.id.rawValue,
            "/api/v1/notices": notice.id.rawValue,
            "/api/v1/platform/reviews/flows": try #require(try await store.flows.publishedVersion(demo, flow.id)).id.rawValue,
            "/api/v1/platform/reviews/prompts": try #require(try await store.prompts.publishedVersion(demo, prompt.id)).id.rawValue,
        ])
    }
}
