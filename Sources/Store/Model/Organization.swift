// The organization agents work in (issue 10): sites, outsourcing partners and teams.
import Foundation

/// A site (场地): a physical center, in a region.
public struct SiteDefinition: Hashable, Sendable {
    /// Unique within the tenant.
    public var name: String
    /// The region the site is in (`zhejiang-hangzhou`), used to group reports.
    public var region: String

    /// Creates a value from its parts (defaults as documented on each property).
    public init(name: String, region: String = "") {
        self.name = name
        self.region = region
    }
}

/// A stored site.
@dynamicMemberLookup
public struct Site: Hashable, Sendable, Identifiable {
    /// The identifier the store gave it.
    public var id: SiteID
    /// The tenant that owns it.
    public var tenantID: TenantID
    /// What was configured.
    public var definition: SiteDefinition
    /// When it was created.
    public var createdAt: Date
    /// When it was last changed.
    public var updatedAt: Date

    public subscript<T>(dynamicMember keyPath: KeyPath<SiteDefinition, T>) -> T { definition[keyPath: keyPath] }
}

/// An outsourcing partner company (外包合作公司) serving the tenant in some regions.
public struct PartnerDefinition: Hashable, Sendable {
    /// Unique within the tenant.
    public var name: String
    /// Regions the partner serves; scores and payments are per region.
    public var regions: [String]

    /// Creates a value from its parts (defaults as documented on each property).
    public init(name: String, regions: [String] = []) {
        self.name = name
        self.regions = regions
    }
}

/// A stored partner.
@dynamicMemberLookup
public struct Partner: Hashable, Sendable, Identifiable {
    /// The identifier the store gave it.
    public var id: PartnerID
    /// The tenant that owns it.
    public var tenantID: TenantID
    /// What was configured.
    public var definition: PartnerDefinition
    /// When it was created.
    public var createdAt: Date
    /// When it was last changed.
    public var updatedAt: Date

    public subscript<T>(dynamicMember keyPath: KeyPath<PartnerDefinition, T>) -> T { definition[keyPath: keyPath] }
}

/// A team (班组) of agents, at a site and possibly run by a partner.
public struct TeamDefinition: Hashable, Sendable {
    /// Unique within the tenant.
    public var name: String
    public var siteID: SiteID?
    public var partnerID: PartnerID?

    /// Creates a value from its parts (defaults as documented on each property).
    public init(name: String, siteID: SiteID? = nil, partnerID: PartnerID? = nil) {
        self.name = name
        self.siteID = siteID
        self.partnerID = partnerID
    }
}

/// A stored team.
@dynamicMemberLookup
public struct Team: Hashable, Sendable, Identifiable {
    /// The identifier the store gave it.
    public var id: TeamID
    /// The tenant that owns it.
    public var tenantID: TenantID
    /// What was configured.
    public var definition: TeamDefinition
    /// When it was created.
    public var createdAt: Date
    /// When it was last changed.
    public var updatedAt: Date

    public subscript<T>(dynamicMember keyPath: KeyPath<TeamDefinition, T>) -> T { definition[keyPath: keyPath] }
}
