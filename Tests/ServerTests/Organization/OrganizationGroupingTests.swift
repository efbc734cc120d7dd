// Filtering and grouping by team, site, partner and region: the wallboard, the CDR list and
// the call report, with bad values refused naming the parameter.

import Foundation
import HTTPTypes
import HummingbirdTesting
import Server
import Store
import Testing

@Suite struct OrganizationGroupingTests {
    @Test("the wallboard filters by team, site, partner and region and counts agents per group")
    func wallboardFiltersAndGroups() async throws {
        try await ServerFixture.with { fixture in
            let org = try await fixture.organize()
            try await fixture.application().test(.router) { client in
                let admin = try await client.login(.demoAdmin)
                #expect(try await client.call(.post, "/api/v1/agents/\(fixture.agent("1003"))/state", cookie: admin, json: ["action": "sign_in"]).0 == .ok)
                let filters: [(String, [String])] = [
                    ("team=\(org.team2.rawValue)", ["1003"]), ("site=\(org.hangzhou.rawValue)", ["1001", "1002"]),
                    ("partner=\(org.acme.rawValue)", ["1003"]), ("region=zhejiang", ["1001", "1002"]),
                ]
                for (query, expected) in filters {
                    let (status, board) = try await client.call(.get, "/api/v1/wallboard?\(query)", cookie: admin)
                    #expect(status == .ok, "\(query)")
                    #expect(OrganizationScopeTests.workNumbers(board, "agents") == expected, "\(query)")
                }
                let (status, grouped) = try await client.call(.get, "/api/v1/wallboard?group_by=partner", cookie: admin)
                #expect(status == .ok)
                let groups = grouped["groups"].array.map { ($0["name"].string ?? "", $0["signed_in"].int ?? -1, $0["ready"].int ?? -1) }
                #expect(groups.map(\.0) == ["acme", "bravo"], "the group with signed-in agents first")
                #expect(groups.first.map { [$0.1, $0.2] } == [1, 1])
                #expect(groups.last.map { [$0.1, $0.2] } == [0, 0])
                // A team lead's filter cannot widen their scope.
                let lead1 = try await client.login(.demoSupervisor)
                let outside = try await client.call(.get, "/api/v1/wallboard?team=\(org.team2.rawValue)", cookie: lead1).1
                #expect(outside["agents"].array.isEmpty)
            }
        }
    }

    @Test("the CDR list filters and the call report groups by the organization the call was handled in")
    func callRecordsGroup() async throws {
        try await ServerFixture.with { fixture in
            let org = try await fixture.organize()
            let start = Date(timeIntervalSince1970: 1_790_000_000)
            try await fixture.seedCall(agent: "1001", caller: "13800000001", arrivedAt: start)
            try await fixture.seedCall(agent: "1002", caller: "13800000002", arrivedAt: start.addingTimeInterval(10))
            try await fixture.seedCall(agent: "1003", caller: "13800000003", arrivedAt: start.addingTimeInterval(20))
            try await fixture.application().test(.router) { client in
                let admin = try await client.login(.demoAdmin)
                for (query, expected) in [("region=ningbo", ["13800000003"]), ("site=\(org.hangzhou.rawValue)", ["13800000002", "13800000001"]),
                                          ("team=\(org.team1.rawValue)&limit=1", ["13800000002"])] {
                    let list = try await client.call(.get, "/api/v1/cdrs?\(query)", cookie: admin).1
                    #expect(list["items"].array.map { $0["caller"].string ?? "" } == expected, "\(query)")
                }
                let (status, report) = try await client.call(.get, "/api/v1/reports/calls?group_by=region", cookie: admin)
                #expect(status == .ok, "\(report["error"]["message"].string ?? "")")
                #expect(report["group_by"].string == "region")
                let rows = report["groups"].array.map { ($0["key"].string ?? "-", $0["calls"].int ?? 0, $0["answered"].int ?? 0) }
                #expect(rows.map(\.0) == ["zhejiang", "ningbo"])
                #expect(rows.map(\.1) == [2, 1])
                #expect(rows.map(\.2) == [2, 1])
                #expect(report["groups"][0]["talk_seconds"].int == 120, "two calls of 60 s each")
                // The partner manager's report holds their partner only.
                let acme = try await client.login(.acmeManager)
                let theirs = try await client.call(.get, "/api/v1/reports/calls?group_by=team", cookie: acme).1
                #expect(theirs["groups"].array.map { $0["name"].string } == ["team-2"])
            }
        }
    }

    @Test("a bad organization parameter is a 400 naming it", arguments: [
        ("/api/v1/wallboard?team=no-such-team", "team"),
        ("/api/v1/wallboard?site=no-such-site", "site"),
        ("/api/v1/wallboard?partner=nobody", "partner"),
        ("/api/v1/wallboard?region=mars", "region"),
        ("/api/v1/wallboard?group_by=planet", "group_by"),
        ("/api/v1/wallboard?colour=red", "colour"),
        ("/api/v1/cdrs?region=mars", "region"),
        ("/api/v1/cdrs?group_by=team", "group_by"),
        ("/api/v1/reports/calls", "group_by"),
        ("/api/v1/reports/calls?group_by=team&limit=5", "limit"),
        ("/api/v1/reports/calls?group_by=site&team=nope", "team"),
    ])
    func badParameters(uri: String, field: String) async throws {
        try await ServerFixture.with { fixture in
            try await fixture.organize()
            try await fixture.application().test(.router) { client in
                let admin = try await client.login(.demoAdmin)
                let (status, json) = try await client.call(.get, uri, cookie: admin)
                #expect(status == .badRequest)
                #expect(json["error"]["code"].string == "invalid_field")
                #expect(json["error"]["field"].string == field)
            }
        }
    }
}
