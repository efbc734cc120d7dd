// A skill (技能) agents have at a level and queues require.
import Foundation

/// What a tenant admin configures for a skill.
public struct SkillDefinition: Hashable, Sendable {
    /// Unique within the tenant (`billing`, `english`).
    public var name: String
    public var description: String

    public init(name: String, description: String = "") {
        self.name = name
        self.description = description
    }
}

/// A stored skill.
@dynamicMemberLookup
public struct Skill: Hashable, Sendable, Identifiable {
    public var id: SkillID
    public var tenantID: TenantID
    public var definition: SkillDefinition
    public var createdAt: Date
    public var updatedAt: Date

    public subscript<T>(dynamicMember keyPath: KeyPath<SkillDefinition, T>) -> T {
        definition[keyPath: keyPath]
    }
}
