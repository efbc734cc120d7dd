// The audit log: who did what to which object, from where.
import Foundation

/// Who acted.
public struct AuditActor: Hashable, Sendable {
    /// What kind of actor.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case user
        case apiKey = "api_key"
        case system
    }

    /// What kind it is.
    public var kind: Kind
    /// The user's or API key's id.
    public var id: String?
    /// A readable name at the time (user name, key name, `provisioning`).
    public var name: String

    /// Creates a value from its parts (defaults as documented on each property).
    public init(kind: Kind, id: String? = nil, name: String) {
        self.kind = kind
        self.id = id
        self.name = name
    }
}

/// One audited action.
public struct AuditEntry: Hashable, Sendable, Identifiable {
    /// The identifier the store gave it.
    public var id: AuditEntryID
    public var occurredAt: Date
    public var actor: AuditActor
    /// Dotted verb: `flow.publish`, `recording.play`, `supervisor.barge`, `agent.force_sign_out`.
    public var action: String
    /// The kind of object acted on (`flow_version`, `recording`, `agent`).
    public var objectKind: String
    public var objectID: String?
    /// The client's address (IP) when the action came over the network.
    public var sourceAddress: String?
    /// Extra facts (never passwords or full card numbers).
    public var detail: [String: String]

    /// Creates a value from its parts (defaults as documented on each property).
    public init(
        id: AuditEntryID = .generate(), occurredAt: Date, actor: AuditActor, action: String, objectKind: String,
        objectID: String? = nil, sourceAddress: String? = nil, detail: [String: String] = [:]
    ) {
        self.id = id
        self.occurredAt = occurredAt
        self.actor = actor
        self.action = action
        self.objectKind = objectKind
        self.objectID = objectID
        self.sourceAddress = sourceAddress
        self.detail = detail
    }
}
