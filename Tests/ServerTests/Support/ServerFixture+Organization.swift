// A second team, site and two outsourcing partners in the demo tenant, with a team lead and
// two partner managers, for the organization-scope tests:
//   team-1 (hangzhou, region zhejiang, partner bravo): 1001, 1002 — led by `supervisor`
//   team-2 (ningbo, region ningbo, partner acme):      1003       — led by `lead2`

import CallCenter
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Store
import Testing

/// The demo tenant's organization after ``ServerFixture/organize()``.
struct DemoOrganization {
    var team1: TeamID
    var team2: TeamID
    var hangzhou: SiteID
    var ningbo: SiteID
    var acme: PartnerID
    var bravo: PartnerID
}

/// The users ``ServerFixture/organize()`` adds, with their passwords.
enum OrganizationUser: String, CaseIterable, Sendable {
    case lead2, acmeManager = "acme-manager", bravoManager = "bravo-manager"

    var password: String { "\(rawValue)-pass" }
}

extension ServerFixture {
    /// Builds the organization above in the store and reloads the call center.
    @discardableResult
    func organize() async throws -> DemoOrganization {
        let org = store.organization
        let hangzhou = try #require(try await org.sites(demo).first { $0.name == "hangzhou" })
        let ningbo = try await org.createSite(demo, SiteDefinition(name: "ningbo", region: "ningbo"))
        let acme = try await org.createPartner(demo, PartnerDefinition(name: "acme", regions: ["ningbo"]))
        let bravo = try await org.createPartner(demo, PartnerDefinition(name: "bravo", regions: ["zhejiang"]))
        let team1 = try #require(try await org.teams(demo).first { $0.name == "team-1" })
        _ = try await org.updateTeam(demo, team1.id, TeamDefinition(name: "team-1", siteID: hangzhou.id, partnerID: bravo.id))
        let team2 = try await org.createTeam(demo, TeamDefinition(name: "team-2", siteID: ningbo.id, partnerID: acme.id))
        let wang = try await store.agents.get(demo, AgentID(rawValue: agent("1003")))
        var moved = wang.definition
        moved.teamID = team2.id
        moved.siteID = ningbo.id
        _ = try await store.agents.update(demo, wang.id, moved)
        let users: [(OrganizationUser, UserDefinition)] = [
            (.lead2, UserDefinition(username: "lead2", displayName: "二组班长", roles: [.supervisor], teamIDs: [team2.id])),
            (.acmeManager, UserDefinition(username: "acme-manager", displayName: "Acme 经理", roles: [.partnerManager], partnerID: acme.id)),
            (.bravoManager, UserDefinition(username: "bravo-manager", displayName: "Bravo 经理", roles: [.partnerManager], partnerID: bravo.id)),
        ]
        for (user, definition) in users {
            _ = try await store.users.create(.tenant(demo), definition, password: .plain(user.password))
        }
        _ = try await center.reload()
        return DemoOrganization(team1: team1.id, team2: team2.id, hangzhou: hangzhou.id, ningbo: ningbo.id, acme: acme.id, bravo: bravo.id)
    }
}

extension TestClientProtocol {
    /// Logs in one of the organization's users of the demo tenant.
    func login(_ user: OrganizationUser) async throws -> String {
        try await execute(
            uri: "/api/v1/login", method: .post, headers: [.contentType: "application/json"],
            body: .json(["tenant": "demo", "username": user.rawValue, "password": user.password])
        ) { response in
            #expect(response.status == .ok, "login of \(user.rawValue)")
            let setCookie = try #require(response.headers[.setCookie])
            return String(try #require(setCookie.split(separator: ";").first))
        }
    }
}
