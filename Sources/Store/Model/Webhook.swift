// Webhooks: URLs a tenant registers for call events, and the log of each delivery.
import Foundation

/// A tenant's subscription to events.
public struct WebhookDefinition: Hashable, Sendable {
    /// Where events are POSTed (http or https).
    public var url: String
    /// Event types sent (`call.ended`, `agent.state_changed`); `*` for all.
    public var events: [String]
    public var active: Bool

    /// Creates a value from its parts (defaults as documented on each property).
    public init(url: String, events: [String], active: Bool = true) {
        self.url = url
        self.events = events
        self.active = active
    }

    /// Whether an event of `type` goes to this webhook.
    public func wants(_ type: String) -> Bool {
        active && (events.contains("*") || events.contains(type))
    }
}

/// A stored webhook with its signing secret.
///
/// The secret is kept as given, unlike passwords: the platform must sign every delivery
/// with it (HMAC), so a hash would not do.
@dynamicMemberLookup
public struct Webhook: Hashable, Sendable, Identifiable {
    /// The identifier the store gave it.
    public var id: WebhookID
    /// The tenant that owns it.
    public var tenantID: TenantID
    /// What was configured.
    public var definition: WebhookDefinition
    public var secret: String
    /// When it was created.
    public var createdAt: Date
    /// When it was last changed.
    public var updatedAt: Date

    public subscript<T>(dynamicMember keyPath: KeyPath<WebhookDefinition, T>) -> T { definition[keyPath: keyPath] }
}

/// Where a delivery stands.
public enum DeliveryStatus: String, Hashable, Sendable, CaseIterable {
    /// Waiting for its (next) attempt.
    case pending
    /// Claimed by a sender; reclaimed if the sender does not report back before its lease ends.
    case delivering
    case delivered
    /// Given up after the last attempt.
    case failed
}

/// One event to one webhook, with its attempts: the delivery log.
public struct WebhookDelivery: Hashable, Sendable, Identifiable {
    /// The identifier the store gave it.
    public var id: WebhookDeliveryID
    /// The tenant that owns it.
    public var tenantID: TenantID
    public var webhookID: WebhookID
    public var eventType: String
    /// The JSON body to POST.
    public var payload: String
    /// Where it stands.
    public var status: DeliveryStatus
    public var attempts: Int
    public var nextAttemptAt: Date?
    public var lastAttemptAt: Date?
    public var lastStatusCode: Int?
    public var lastError: String?
    /// When it was created.
    public var createdAt: Date
    public var deliveredAt: Date?
}
