// Not-ready reasons (示忙原因) a tenant offers its agents, with their limits (issue 10).
import Foundation

/// What a tenant admin configures for a not-ready reason.
public struct NotReadyReasonDefinition: Hashable, Sendable {
    /// A stable code (`rest`, `meeting`), unique within the tenant; the state history keeps it.
    public var code: String
    /// The name shown on the call bar (小休).
    public var name: String
    /// Longest time an agent may stay in this state at once.
    public var maxDurationSeconds: Int?
    /// How often an agent may use it per shift.
    public var maxPerShift: Int?
    /// How many agents of one team may be in it at the same time.
    public var maxConcurrentPerTeam: Int?
    /// Whether agents can pick it.
    public var active: Bool
    /// Position on the call bar's list.
    public var sortOrder: Int

    /// Creates a value from its parts (defaults as documented on each property).
    public init(
        code: String, name: String, maxDurationSeconds: Int? = nil, maxPerShift: Int? = nil,
        maxConcurrentPerTeam: Int? = nil, active: Bool = true, sortOrder: Int = 0
    ) {
        self.code = code
        self.name = name
        self.maxDurationSeconds = maxDurationSeconds
        self.maxPerShift = maxPerShift
        self.maxConcurrentPerTeam = maxConcurrentPerTeam
        self.active = active
        self.sortOrder = sortOrder
    }
}

/// A stored not-ready reason.
@dynamicMemberLookup
public struct NotReadyReason: Hashable, Sendable, Identifiable {
    /// The identifier the store gave it.
    public var id: NotReadyReasonID
    /// The tenant that owns it.
    public var tenantID: TenantID
    /// What was configured.
    public var definition: NotReadyReasonDefinition
    /// When it was created.
    public var createdAt: Date
    /// When it was last changed.
    public var updatedAt: Date

    public subscript<T>(dynamicMember keyPath: KeyPath<NotReadyReasonDefinition, T>) -> T { definition[keyPath: keyPath] }
}
