// The organization agents work in (issue 10): sites, outsourcing partners and teams.
import Foundation

/// A site (场地): a physical center, in a region.
public struct SiteDefinition: Hashable, Sendable {
    /// Unique within the tenant.
    public var name: String
    /// The region the site is in (`zhejiang-hangzhou`), used to group reports.
    public var region: String

    public init(name: String, region: String = "") {
        self.name = name
        self.region = region
    }
}

/// A stored site.
@dynamicMemberLookup
public struct Site: Hashable, Sendable, Identifiable {
    public var id: SiteID
    public var tenantID: TenantID
    public var definition: SiteDefinition
    public var createdAt: Date
    public var updatedAt: Date

    public subscript<T>(dynamicMember keyPath: KeyPath<SiteDefinition, T>) -> T { definition[keyPath: keyPath] }
}

/// An outsourcing partner company (外包合作公司) serving the tenant in some regions.
public struct PartnerDefinition: Hashable, Sendable {
    /// Unique within the tenant.
    public var name: String
    /// Regions the partner serves; scores and payments are per region.
    public var regions: [String]

    public init(name: String, regions: [String] = []) {
        self.name = name
        self.regions = regions
    }
}

/// A stored partner.
@dynamicMemberLookup
public struct Partner: Hashable, Sendable, Identifiable {
    public var id: PartnerID
    public var tenantID: TenantID
    public var definition: PartnerDefinition
    public var createdAt: Date
    public var updatedAt: Date

    public subscript<T>(dynamicMember keyPath: KeyPath<PartnerDefinition, T>) -> T { definition[keyPath: keyPath] }
}

/// A team (班组) of agents, at a site and possibly run by a partner.
public struct TeamDefinition: Hashable, Sendable {
    /// Unique within the tenant.
    public var name: String
    public var siteID: SiteID?
    public var partnerID: PartnerID?

    public init(name: String, siteID: SiteID? = nil, partnerID: PartnerID? = nil) {
        self.name = name
        self.siteID = siteID
        self.partnerID = partnerID
    }
}

/// A stored team.
@dynamicMemberLookup
public struct Team: Hashable, Sendable, Identifiable {
    public var id: TeamID
    public var tenantID: TenantID
    public var definition: TeamDefinition
    public var createdAt: Date
    public var updatedAt: Date

    public subscript<T>(dynamicMember keyPath: KeyPath<TeamDefinition, T>) -> T { definition[keyPath: keyPath] }
}
