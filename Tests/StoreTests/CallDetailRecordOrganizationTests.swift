// CDRs by organization (issue 10): the team, site and partner snapshots a call was handled
// in filter the list (a team lead's set of teams, a region through its sites) and group the
// report, on SQLite and PostgreSQL alike.
import Foundation
import Testing
@testable import Store

@Suite struct CallDetailRecordOrganizationTests {
    /// Three handled calls in two teams at two sites in two regions, and one nobody handled.
    static func seed(_ store: Store) async throws -> (SeededTenant, second: Team, ningbo: Site) {
        let seeded = try await SeededTenant.make(store, code: "acme", number: "4001234567")
        let t = seeded.id
        let ningbo = try await store.organization.createSite(t, SiteDefinition(name: "ningbo", region: "ningbo"))
        let second = try await store.organization.createTeam(t, TeamDefinition(name: "second", siteID: ningbo.id))
        let rows: [(String, TeamID?, SiteID?, PartnerID?, Double)] = [
            ("first-1", seeded.team.id, seeded.site.id, seeded.partner.id, 20),
            ("first-2", seeded.team.id, seeded.site.id, seeded.partner.id, 30),
            ("second-1", second.id, ningbo.id, nil, 40),
        ]
        for (callID, team, site, partner, minute) in rows {
            var record = Fixtures.cdr(callID: callID, agent: seeded.agent, queue: seeded.queue, at: minute)
            record.teamID = team
            record.siteID = site
            record.partnerID = partner
            try await store.callDetailRecords.append(t, record)
        }
        var abandoned = Fixtures.cdr(callID: "nobody", agent: seeded.agent, queue: seeded.queue, at: 50)
        abandoned.agentID = nil
        abandoned.teamID = nil
        abandoned.answeredAt = nil
        abandoned.disposition = .abandoned
        abandoned.legs = [abandoned.legs[0]]
        try await store.callDetailRecords.append(t, abandoned)
        return (seeded, second, ningbo)
    }

    @Test("team sets, sites and regions filter the list; unhandled calls only when asked for", arguments: TestBackend.all)
    func filters(backend: TestBackend) async throws {
        try await withStore(backend) { store throws in
            let (seeded, second, ningbo) = try await Self.seed(store)
            let t = seeded.id
            func calls(_ filter: CallDetailRecordFilter) async throws -> [String] {
                try await store.callDetailRecords.list(t, filter: filter).records.map(\.callID)
            }
            // The seeded tenant's own CDR has the first team too.
            #expect(try await calls(CallDetailRecordFilter(teamIDs: [second.id])) == ["second-1"])
            #expect(try await calls(CallDetailRecordFilter(teamIDs: [])) == [])
            var lead = CallDetailRecordFilter(teamIDs: [second.id])
            lead.includingUnhandled = true
            #expect(try await calls(lead) == ["nobody", "second-1"])
            #expect(try await calls(CallDetailRecordFilter(siteID: ningbo.id)) == ["second-1"])
            #expect(try await calls(CallDetailRecordFilter(region: "ningbo")) == ["second-1"])
            #expect(try await calls(CallDetailRecordFilter(region: seeded.site.region)).prefix(2) == ["first-2", "first-1"])
            #expect(try await calls(CallDetailRecordFilter(region: "mars")) == [])
            #expect(try await store.callDetailRecords.count(t, filter: CallDetailRecordFilter(partnerID: seeded.partner.id, region: "ningbo")) == 0)
        }
    }

    @Test("the report counts calls, answers, abandons and talk time per team, site, partner and region", arguments: TestBackend.all)
    func grouped(backend: TestBackend) async throws {
        try await withStore(backend) { store throws in
            let (seeded, second, ningbo) = try await Self.seed(store)
            let t = seeded.id
            let byRegion = try await store.callDetailRecords.grouped(t, by: .region)
            let region = Dictionary(uniqueKeysWithValues: byRegion.map { ($0.key ?? "-", $0) })
            #expect(region["ningbo"]?.calls == 1)
            #expect(region["ningbo"]?.talkSeconds == 234, "answered at 1.1 min, ended at 5 min")
            // No site: the seeded tenant's own call and the call nobody handled.
            #expect(region["-"].map { [$0.calls, $0.answered, $0.abandoned] } == [2, 1, 1])
            let byTeam = try await store.callDetailRecords.grouped(t, filter: CallDetailRecordFilter(region: "ningbo"), by: .team)
            #expect(byTeam.map(\.key) == [second.id.rawValue])
            let bySite = try await store.callDetailRecords.grouped(t, by: .site)
            #expect(bySite.first { $0.key == ningbo.id.rawValue }?.answered == 1)
            let byPartner = try await store.callDetailRecords.grouped(t, by: .partner)
            #expect(byPartner.first { $0.key == seeded.partner.id.rawValue }?.calls == 2)
        }
    }
}
