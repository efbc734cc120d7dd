// The call-control routes' role matrix and input checks: who may list calls, act on one,
// supervise one and place a call; bad targets, modes and caller IDs get precise errors.
// (Acting on real calls is checked end to end in CallCenterTests' CallControlTests.)

import Foundation
import HTTPTypes
import HummingbirdTesting
import Server
import Testing

@Suite struct CallControlRouteTests {
    enum Route: String, CaseIterable, CustomTestStringConvertible, Sendable {
        case list, hold, transfer, consultCancel, survey, supervise, intercept, release, dial

        var testDescription: String { rawValue }
    }

    /// With no live call, an allowed role reaches the lookup and gets 404 (the same answer an
    /// unknown call and another tenant's call get); a role without the permission gets 403.
    /// Click-to-dial refuses the demo number because its outbound flag is off (422).
    static let expected: [(TestUser?, [Route: HTTPResponse.Status])] = [
        (nil, Dictionary(uniqueKeysWithValues: Route.allCases.map { ($0, .unauthorized) })),
        (.demoAdmin, [.list: .ok, .hold: .notFound, .transfer: .notFound, .consultCancel: .notFound, .survey: .notFound,
                      .supervise: .notFound, .intercept: .notFound, .release: .notFound, .dial: .unprocessableContent]),
        (.demoSupervisor, [.list: .ok, .hold: .notFound, .transfer: .notFound, .consultCancel: .notFound, .survey: .notFound,
                           .supervise: .notFound, .intercept: .notFound, .release: .notFound, .dial: .unprocessableContent]),
        (.demoAgent1001, [.list: .ok, .hold: .notFound, .transfer: .notFound, .consultCancel: .notFound, .survey: .notFound,
                          .supervise: .forbidden, .intercept: .forbidden, .release: .forbidden, .dial: .unprocessableContent]),
        (.demoQA, Dictionary(uniqueKeysWithValues: Route.allCases.map { ($0, .forbidden) })),
        (.betaAgent, [.list: .ok, .hold: .notFound, .transfer: .notFound, .consultCancel: .notFound, .survey: .notFound,
                      .supervise: .forbidden, .intercept: .forbidden, .release: .forbidden, .dial: .unprocessableContent]),
        (.betaSupervisor, [.list: .ok, .hold: .notFound, .transfer: .notFound, .consultCancel: .notFound, .survey: .notFound,
                           .supervise: .notFound, .intercept: .notFound, .release: .notFound, .dial: .unprocessableContent]),
        (.platformOperator, Dictionary(uniqueKeysWithValues: Route.allCases.map { ($0, .forbidden) })),
    ]

    @Test("each role gets exactly its allowed status on every call-control route", arguments: expected.map { $0.0 })
    func matrix(user: TestUser?) async throws {
        let row = try #require(Self.expected.first { $0.0 == user }?.1)
        #expect(Set(row.keys) == Set(Route.allCases), "the table covers every route")
        try await ServerFixture.with { fixture in
            try await fixture.application().test(.router) { client in
                var cookie: String?
                if let user { cookie = try await client.login(user) }
                for route in Route.allCases {
                    let status: HTTPResponse.Status
                    switch route {
                    case .list: status = try await client.call(.get, "/api/v1/calls", cookie: cookie).0
                    case .hold: status = try await client.call(.post, "/api/v1/calls/no-such-call/hold", cookie: cookie).0
                    case .transfer:
                        status = try await client.execute(
                            uri: "/api/v1/calls/no-such-call/transfer", method: .post, headers: headers(cookie),
                            body: .json(["target": ["kind": "agent", "value": "1002"]])) { $0.status }
                    case .consultCancel: status = try await client.call(.post, "/api/v1/calls/no-such-call/consult/cancel", cookie: cookie).0
                    case .survey: status = try await client.call(.post, "/api/v1/calls/no-such-call/survey", cookie: cookie).0
                    case .supervise:
                        status = try await client.call(.post, "/api/v1/calls/no-such-call/supervise", cookie: cookie, json: ["mode": "listen"]).0
                    case .intercept: status = try await client.call(.post, "/api/v1/calls/no-such-call/intercept", cookie: cookie).0
                    case .release: status = try await client.call(.post, "/api/v1/calls/no-such-call/release", cookie: cookie).0
                    case .dial:
                        status = try await client.call(.post, "/api/v1/calls", cookie: cookie,
                                                       json: ["destination": "13900001111", "callerID": "4001234567"]).0
                    }
                    #expect(status == row[route], "\(user.map(\.rawValue) ?? "anonymous") on \(route)")
                }
            }
        }
    }

    @Test("bad input names its field: unknown target kind, malformed number, unknown mode, a caller ID that is not outbound-enabled")
    func validation() async throws {
        try await ServerFixture.with { fixture in
            try await fixture.application().test(.router) { client in
                let agent = try await client.login(.demoAgent1001)
                let kind = try await client.execute(
                    uri: "/api/v1/calls/x/transfer", method: .post, headers: headers(agent),
                    body: .json(["target": ["kind": "fax", "value": "1002"]])) { ($0.status, JSONObject($0.body)) }
                #expect(kind.0 == .unprocessableContent)
                #expect(kind.1["error"]["field"].string == "target.kind")
                let number = try await client.execute(
                    uri: "/api/v1/calls/x/consult", method: .post, headers: headers(agent),
                    body: .json(["target": ["kind": "external", "value": "13x"]])) { ($0.status, JSONObject($0.body)) }
                #expect(number.0 == .unprocessableContent)
                #expect(number.1["error"]["field"].string == "target.value")
                let missing = try await client.call(.post, "/api/v1/calls/x/transfer", cookie: agent, json: ["kind": "agent"])
                #expect(missing.0 == .badRequest)
                #expect(missing.1["error"]["field"].string == "target")

                let supervisor = try await client.login(.demoSupervisor)
                let mode = try await client.call(.post, "/api/v1/calls/x/supervise", cookie: supervisor, json: ["mode": "spy"])
                #expect(mode.0 == .badRequest)
                #expect(mode.1["error"]["field"].string == "mode")

                let callerID = try await client.call(.post, "/api/v1/calls", cookie: agent,
                                                     json: ["destination": "13900001111", "callerID": "4001234567"])
                #expect(callerID.1["error"]["field"].string == "callerID", "the demo number's outbound flag is off")
                #expect(callerID.1["error"]["message"].string?.contains("outbound-enabled") == true)
                let destination = try await client.call(.post, "/api/v1/calls", cookie: agent, json: ["destination": "call me"])
                #expect(destination.0 == .unprocessableContent)
                #expect(destination.1["error"]["field"].string == "destination")
                let list = try await client.call(.get, "/api/v1/calls", cookie: agent)
                #expect(list.1["items"].array.isEmpty)
            }
        }
    }

    private func headers(_ cookie: String?) -> HTTPFields {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let cookie { headers[.cookie] = cookie }
        return headers
    }
}
