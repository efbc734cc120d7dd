// The role matrix: each role on each route, allowed or refused, including other tenants'
// users reaching for the demo tenant's agent, call record and recording (404, never data).

import Foundation
import HTTPTypes
import HummingbirdTesting
import Server
import Testing

@Suite struct RoleMatrixTests {
    /// A route the matrix checks, with the demo tenant's objects filled in.
    enum Route: String, CaseIterable, CustomTestStringConvertible, Sendable {
        case me, agents, queues, cdrs, cdr, recording, stateOfAgent1002

        var testDescription: String { rawValue }
    }

    /// Who may do what: the status each user gets on each route.
    static let expected: [(TestUser?, [Route: HTTPResponse.Status])] = [
        (nil, [.me: .unauthorized, .agents: .unauthorized, .queues: .unauthorized, .cdrs: .unauthorized, .cdr: .unauthorized,
               .recording: .unauthorized, .stateOfAgent1002: .unauthorized]),
        (.demoAdmin, [.me: .ok, .agents: .ok, .queues: .ok, .cdrs: .ok, .cdr: .ok, .recording: .ok, .stateOfAgent1002: .ok]),
        (.demoSupervisor, [.me: .ok, .agents: .ok, .queues: .ok, .cdrs: .ok, .cdr: .ok, .recording: .ok, .stateOfAgent1002: .ok]),
        (.demoAgent1001, [.me: .ok, .agents: .forbidden, .queues: .ok, .cdrs: .ok, .cdr: .ok, .recording: .forbidden,
                          .stateOfAgent1002: .forbidden]),
        (.demoAgent1002, [.me: .ok, .agents: .forbidden, .queues: .ok, .cdrs: .ok, .cdr: .notFound, .recording: .forbidden,
                          .stateOfAgent1002: .ok]),
        (.demoQA, [.me: .ok, .agents: .forbidden, .queues: .forbidden, .cdrs: .ok, .cdr: .ok, .recording: .ok,
                   .stateOfAgent1002: .forbidden]),
        (.betaAdmin, [.me: .ok, .agents: .ok, .queues: .ok, .cdrs: .ok, .cdr: .notFound, .recording: .notFound,
                      .stateOfAgent1002: .notFound]),
        (.betaSupervisor, [.me: .ok, .agents: .ok, .queues: .ok, .cdrs: .ok, .cdr: .notFound, .recording: .notFound,
                           .stateOfAgent1002: .notFound]),
        (.betaAgent, [.me: .ok, .agents: .forbidden, .queues: .ok, .cdrs: .ok, .cdr: .notFound, .recording: .forbidden,
                      .stateOfAgent1002: .notFound]),
        (.platformOperator, [.me: .ok, .agents: .forbidden, .queues: .forbidden, .cdrs: .forbidden, .cdr: .forbidden,
                             .recording: .forbidden, .stateOfAgent1002: .forbidden]),
    ]

    @Test("each role gets exactly its allowed statuses on every route; other tenants get 404 for the demo tenant's objects",
          arguments: expected.map { $0.0 })
    func matrix(user: TestUser?) async throws {
        let row = try #require(Self.expected.first { $0.0 == user }?.1)
        #expect(Set(row.keys) == Set(Route.allCases), "the table covers every route")
        try await ServerFixture.with { fixture in
            let seeded = try await fixture.seedCall(agent: "1001", arrivedAt: Date(timeIntervalSince1970: 1_790_000_000))
            try await fixture.application().test(.router) { client in
                var cookie: String?
                if let user { cookie = try await client.login(user) }
                for route in Route.allCases {
                    let status: HTTPResponse.Status
                    switch route {
                    case .me: status = try await client.call(.get, "/api/v1/me", cookie: cookie).0
                    case .agents: status = try await client.call(.get, "/api/v1/agents", cookie: cookie).0
                    case .queues: status = try await client.call(.get, "/api/v1/queues", cookie: cookie).0
                    case .cdrs: status = try await client.call(.get, "/api/v1/cdrs", cookie: cookie).0
                    case .cdr: status = try await client.call(.get, "/api/v1/cdrs/\(seeded.record)", cookie: cookie).0
                    case .recording: status = try await client.call(.get, "/api/v1/recordings/\(seeded.recording)", cookie: cookie).0
                    case .stateOfAgent1002:
                        status = try await client.call(.post, "/api/v1/agents/\(fixture.agent("1002"))/state", cookie: cookie,
                                                       json: ["action": "sign_in"]).0
                    }
                    #expect(status == row[route], "\(user.map(\.rawValue) ?? "anonymous") on \(route)")
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
            }
        }
    }
}
