// Who is calling the API: a console user with roles, or an integration's API key with
// scopes; both carry the data scope (platform or one tenant) every query is limited to.

import Store

/// An authenticated caller.
public struct Principal: Sendable, Hashable {
    /// How the caller proved who they are.
    public enum Credential: Sendable, Hashable {
        /// A console user with a session cookie.
        case user(UserID)
        /// An integration with a bearer API key.
        case apiKey(APIKeyID)
    }

    /// How the caller authenticated.
    public var credential: Credential
    /// A name for logs and the audit log (user name, or the key's name).
    public var name: String
    /// The platform or the tenant the caller belongs to.
    public var scope: DataScope
    /// The user's roles (empty for API keys).
    public var roles: Set<UserRole>
    /// The agent this user is, for the agent role.
    public var agentID: AgentID?
    /// The key's scopes (empty for users).
    public var keyScopes: Set<APIKeyScope>
    /// Teams the user leads (a supervisor's default scope).
    public var teamIDs: Set<TeamID> = []
    /// The partner company the user works for (a partner manager's scope).
    public var partnerID: PartnerID?

    /// A console user.
    public init(user: User) {
        self.credential = .user(user.id)
        self.name = user.username
        self.scope = user.scope
        self.roles = user.roles
        self.agentID = user.agentID
        self.keyScopes = []
        self.teamIDs = Set(user.teamIDs)
        self.partnerID = user.partnerID
    }

    /// An integration's API key.
    public init(apiKey: APIKey) {
        self.credential = .apiKey(apiKey.id)
        self.name = apiKey.name
        self.scope = .tenant(apiKey.tenantID)
        self.roles = []
        self.agentID = nil
        self.keyScopes = apiKey.scopes
    }

    /// The tenant, when the caller belongs to one.
    public var tenantID: TenantID? { scope.tenantID }

    /// Whether the caller holds `permission` (roles for users, scopes for keys).
    public func may(_ permission: Permission) -> Bool {
        if permission == .readSelf { return true }
        switch credential {
        case .user:
            return roles.contains { permission.roles.contains($0) }
        case .apiKey:
            return permission.keyScope.map { keyScopes.contains($0) } ?? false
        }
    }

    /// Whether the caller sees customer numbers masked by the tenant's policy: agents
    /// do, unless they also hold a role that sees numbers in full.
    public var seesMaskedNumbers: Bool {
        guard roles.contains(.agent) else { return false }
        return roles.isDisjoint(with: [.tenantAdmin, .supervisor, .qaInspector])
    }

    /// Whether the caller sees other agents' work (not only their own): tenant admins,
    /// supervisors, partner managers and API keys, each within ``agentScope``.
    public var supervises: Bool {
        switch credential {
        case .apiKey: return true
        case .user: return !roles.isDisjoint(with: [.tenantAdmin, .supervisor, .partnerManager])
        }
    }

    /// Whether the caller sees every agent and call of the tenant.
    public var seesWholeTenant: Bool { supervises && agentScope.isWholeTenant }

    /// The agents the caller sees and acts on: tenant admins and keys all; a partner manager
    /// (or a partner's supervisor) their partner's; a supervisor who leads teams those teams'.
    public var agentScope: AgentScope {
        guard case .user = credential, !roles.contains(.tenantAdmin) else { return .wholeTenant }
        var scope = AgentScope.wholeTenant
        let partnerManager = roles.contains(.partnerManager)
        if partnerManager || roles.contains(.supervisor), partnerManager || partnerID != nil {
            // A partner manager without a partner sees nobody rather than everybody.
            scope.partner = partnerID?.rawValue ?? ""
        }
        if roles.contains(.supervisor), !partnerManager, !teamIDs.isEmpty {
            scope.teams = Set(teamIDs.map(\.rawValue))
        }
        return scope
    }

    /// The audit log's view of the caller.
    public var auditActor: AuditActor {
        switch credential {
        case .user(let id): AuditActor(kind: .user, id: id.rawValue, name: name)
        case .apiKey(let id): AuditActor(kind: .apiKey, id: id.rawValue, name: name)
        }
    }
}
