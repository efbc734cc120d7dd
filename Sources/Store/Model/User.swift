// Users who log in to the consoles, with their roles; platform users have no tenant.
import Foundation

/// Whose data an operation is about: the platform's own, or one tenant's.
public enum DataScope: Hashable, Sendable, CustomStringConvertible {
    case platform
    case tenant(TenantID)

    /// The tenant, or `nil` for the platform.
    public var tenantID: TenantID? {
        if case .tenant(let id) = self { return id }
        return nil
    }

    public var description: String {
        switch self {
        case .platform: "platform"
        case .tenant(let id): "tenant \(id)"
        }
    }
}

/// What a user may do; checked by the API on every route.
public enum UserRole: String, Hashable, Sendable, CaseIterable, Comparable {
    /// Runs the platform: tenants, quotas, trunks (平台运营).
    case platformAdmin = "platform_admin"
    /// Reviews tenants' IVR content before it can be published (issue 10).
    case platformReviewer = "platform_reviewer"
    /// Configures one tenant's center (企业管理员).
    case tenantAdmin = "tenant_admin"
    /// Watches and steers queues and agents (班长).
    case supervisor
    /// Takes calls (座席); linked to an agent.
    case agent
    /// Scores recorded calls (质检).
    case qaInspector = "qa_inspector"
    /// Runs a partner company's agents and sees only them (issue 10).
    case partnerManager = "partner_manager"

    /// Whether the role belongs to platform users (no tenant) rather than tenant users.
    public var isPlatformRole: Bool { self == .platformAdmin || self == .platformReviewer }

    public static func < (lhs: UserRole, rhs: UserRole) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Whether a user may log in.
public enum UserStatus: String, Hashable, Sendable, CaseIterable {
    case active
    case disabled
}

/// What an administrator configures for a user (the password is set apart).
public struct UserDefinition: Hashable, Sendable {
    /// Unique within the tenant (or among platform users).
    public var username: String
    public var displayName: String
    public var roles: Set<UserRole>
    /// The agent this user is (required for the `agent` role).
    public var agentID: AgentID?
    /// The partner company a partner manager (or a partner's supervisor) belongs to.
    public var partnerID: PartnerID?
    /// Teams a supervisor leads; their default scope on the wallboard.
    public var teamIDs: [TeamID]
    /// Where it stands.
    public var status: UserStatus

    /// Creates a value from its parts (defaults as documented on each property).
    public init(
        username: String, displayName: String, roles: Set<UserRole>, agentID: AgentID? = nil,
        partnerID: PartnerID? = nil, teamIDs: [TeamID] = [], status: UserStatus = .active
    ) {
        self.username = username
        self.displayName = displayName
        self.roles = roles
        self.agentID = agentID
        self.partnerID = partnerID
        self.teamIDs = teamIDs
        self.status = status
    }

    /// The same definition with lists in the order the store returns them.
    public func normalized() -> UserDefinition {
        var copy = self
        copy.teamIDs.sort()
        return copy
    }
}

/// A stored user (never with its password hash; see ``UserRepository/passwordHash(_:_:)``).
@dynamicMemberLookup
public struct User: Hashable, Sendable, Identifiable {
    /// The identifier the store gave it.
    public var id: UserID
    public var scope: DataScope
    /// What was configured.
    public var definition: UserDefinition
    public var lastLoginAt: Date?
    /// When it was created.
    public var createdAt: Date
    /// When it was last changed.
    public var updatedAt: Date

    public subscript<T>(dynamicMember keyPath: KeyPath<UserDefinition, T>) -> T { definition[keyPath: keyPath] }
}
