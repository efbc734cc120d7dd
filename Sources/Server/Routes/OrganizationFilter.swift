// The organization query parameters of the wallboard and the call-record lists: `team`,
// `site`, `partner`, `region` to filter and `group_by` to group. Each value is checked
// against the tenant's organization, and a bad one is a 400 naming the parameter.

import CallCenter
import Foundation
import Store

/// What a board or a list is narrowed to, by organization.
struct OrganizationFilter: Sendable {
    /// A dimension to group by.
    enum Dimension: String, Sendable, CaseIterable {
        case team, site, partner, region
    }

    var team: String?
    var site: String?
    var partner: String?
    var region: String?
    /// How rows are grouped (`nil`: not grouped).
    var groupBy: Dimension?
    /// The tenant's organization, for names and checks.
    let organization: Organization

    /// The tenant's teams, sites and partners by id.
    struct Organization: Sendable {
        var teams: [String: Team]
        var sites: [String: Site]
        var partners: [String: Partner]

        /// Every region a site is in or a partner serves.
        var regions: Set<String> {
            Set(sites.values.map(\.region).filter { !$0.isEmpty }).union(partners.values.flatMap(\.regions))
        }

        static func load(_ store: Store, tenant: TenantID) async throws -> Organization {
            Organization(
                teams: Dictionary(try await store.organization.teams(tenant).map { ($0.id.rawValue, $0) }, uniquingKeysWith: { a, _ in a }),
                sites: Dictionary(try await store.organization.sites(tenant).map { ($0.id.rawValue, $0) }, uniquingKeysWith: { a, _ in a }),
                partners: Dictionary(try await store.organization.partners(tenant).map { ($0.id.rawValue, $0) }, uniquingKeysWith: { a, _ in a }))
        }
    }

    /// The parameter names this filter reads.
    static let parameterNames: Set<String> = ["team", "site", "partner", "region", "group_by"]

    /// Reads and checks the parameters; `groupable` says whether `group_by` is accepted here.
    static func parse(_ parameters: [String: String], store: Store, tenant: TenantID, groupable: Bool = true) async throws -> OrganizationFilter {
        let organization = try await Organization.load(store, tenant: tenant)
        var filter = OrganizationFilter(organization: organization)
        func id(_ name: String, in known: [String: String]) throws -> String? {
            guard let value = parameters[name] else { return nil }
            guard known[value] != nil else {
                let listed = known.sorted { $0.value < $1.value }.prefix(20).map { "\($0.key) (\($0.value))" }
                throw APIError.invalid(name, "'\(value)' is not a \(name) of this tenant"
                    + (listed.isEmpty ? "; the tenant has none" : "; use one of: \(listed.joined(separator: ", "))"))
            }
            return value
        }
        filter.team = try id("team", in: organization.teams.mapValues(\.name))
        filter.site = try id("site", in: organization.sites.mapValues(\.name))
        filter.partner = try id("partner", in: organization.partners.mapValues(\.name))
        if let region = parameters["region"] {
            guard organization.regions.contains(region) else {
                let known = organization.regions.sorted()
                throw APIError.invalid("region", "'\(region)' is not a region of this tenant's sites or partners"
                    + (known.isEmpty ? "" : "; use one of: \(known.joined(separator: ", "))"))
            }
            filter.region = region
        }
        if let group = parameters["group_by"] {
            guard groupable else { throw APIError.invalid("group_by", "this list cannot be grouped") }
            guard let dimension = Dimension(rawValue: group) else {
                throw APIError.invalid("group_by", "must be one of \(Dimension.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            filter.groupBy = dimension
        }
        return filter
    }

    /// Whether any filter is set.
    var isFiltering: Bool { team != nil || site != nil || partner != nil || region != nil }

    /// Whether the agent passes the filter.
    func contains(_ agent: AgentRecord) -> Bool {
        if let team, agent.teamID != team { return false }
        if let site, agent.siteID != site { return false }
        if let partner, agent.partnerID != partner { return false }
        if let region, agent.region != region { return false }
        return true
    }

    /// The group key of an agent under `dimension` (`nil`: none).
    func key(of agent: AgentRecord, by dimension: Dimension) -> String? {
        switch dimension {
        case .team: agent.teamID
        case .site: agent.siteID
        case .partner: agent.partnerID
        case .region: agent.region
        }
    }

    /// A group key's name for people.
    func name(of key: String, by dimension: Dimension) -> String {
        switch dimension {
        case .team: organization.teams[key]?.name ?? key
        case .site: organization.sites[key]?.name ?? key
        case .partner: organization.partners[key]?.name ?? key
        case .region: key
        }
    }

    /// The call-record filter with this organization filter applied.
    func applied(to filter: CallDetailRecordFilter) -> CallDetailRecordFilter {
        var filter = filter
        if let team { filter.teamID = TeamID(rawValue: team) }
        if let site { filter.siteID = SiteID(rawValue: site) }
        if let partner { filter.partnerID = PartnerID(rawValue: partner) }
        if let region { filter.region = region }
        return filter
    }
}
