// IVR flows: a named flow of a tenant and its numbered versions, each a JSON document
// whose schema IVR owns.
import Foundation

/// What a tenant admin names and describes; the content lives in versions.
public struct FlowDefinition: Hashable, Sendable {
    /// Unique within the tenant; numbers and other flows refer to it.
    public var name: String
    /// A free description for administrators.
    public var description: String

    /// Creates a value from its parts (defaults as documented on each property).
    public init(name: String, description: String = "") {
        self.name = name
        self.description = description
    }
}

/// A stored flow.
@dynamicMemberLookup
public struct Flow: Hashable, Sendable, Identifiable {
    /// The identifier the store gave it.
    public var id: FlowID
    /// The tenant that owns it.
    public var tenantID: TenantID
    /// What was configured.
    public var definition: FlowDefinition
    /// The version calls run, if one is published.
    public var publishedVersionID: FlowVersionID?
    /// When it was created.
    public var createdAt: Date
    /// When it was last changed.
    public var updatedAt: Date

    public subscript<T>(dynamicMember keyPath: KeyPath<FlowDefinition, T>) -> T { definition[keyPath: keyPath] }
}

/// Who did what to a version and when: the review trail.
public struct ContentHistory: Hashable, Sendable {
    public var createdBy: String?
    /// When it was created.
    public var createdAt: Date
    public var submittedAt: Date?
    public var reviewedBy: String?
    public var reviewedAt: Date?
    /// The reviewer's comment (required when rejecting).
    public var reviewComment: String?
    public var publishedAt: Date?
}

/// One version of a flow.
public struct FlowVersion: Hashable, Sendable, Identifiable {
    /// The identifier the store gave it.
    public var id: FlowVersionID
    /// The tenant that owns it.
    public var tenantID: TenantID
    /// The flow it is a version of.
    public var flowID: FlowID
    /// 1, 2, 3, … per flow.
    public var version: Int
    /// Where it stands.
    public var status: ContentStatus
    /// The flow definition (IVR's schema), as stored (canonical JSON).
    public var document: JSONValue
    /// SHA-256 of the canonical document text, to compare versions cheaply.
    public var documentSHA256: String
    /// Who made, submitted, reviewed and published it, and when.
    public var history: ContentHistory
}
