// A skill (技能) agents have at a level and queues require.
import Foundation

/// What a tenant admin configures for a skill.
public struct SkillDefinition: Hashable, Sendable {
    /// Unique within the tenant (`billing`, `english`).
    public var name: String
    /// A free description for administrators.
    public var description: String

    /// Creates a value from its parts (defaults as documented on each property).
    public init(name: String, description: String = "") {
        self.name = name
        self.description = description
    }
}

/// A stored skill.
@dynamicMemberLookup
public struct Skill: Hashable, Sendable, Identifiable {
    /// The identifier the store gave it.
    public var id: SkillID
    /// The tenant that owns it.
    public var tenantID: TenantID
    /// What was configured.
    public var definition: SkillDefinition
    /// When it was created.
    public var createdAt: Date
    /// When it was last changed.
    public var updatedAt: Date

    public subscript<T>(dynamicMember keyPath: KeyPath<SkillDefinition, T>) -> T {
        definition[keyPath: keyPath]
    }
}
