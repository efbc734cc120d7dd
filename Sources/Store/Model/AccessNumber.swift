// An access number (接入号): a 400 or hotline number registered to a tenant, with its
// regulatory flags and inbound rule set.
import Foundation

/// What a platform operator or tenant admin configures for a number.
public struct AccessNumberDefinition: Hashable, Sendable {
    /// The number as dialled (`4001234567`); unique across the whole platform.
    public var number: String
    /// What the number is for, as registered with the regulator (`service`, `vip`, `credit-card`).
    public var purpose: String
    /// The carrier the number is registered with.
    public var carrier: String
    /// Registered for incoming calls.
    public var inbound: Bool
    /// Registered for outgoing calls; off unless explicitly enabled (MIIT rule).
    public var outbound: Bool
    /// The IVR flow calls to this number run (after the rules).
    public var flowID: FlowID?
    /// The inbound rule set (blacklist, password, count limit, schedule, split, caller
    /// area), a JSON document whose schema IVR owns.
    public var rules: JSONValue

    /// Creates a value from its parts (defaults as documented on each property).
    public init(
        number: String, purpose: String = "service", carrier: String = "", inbound: Bool = true, outbound: Bool = false,
        flowID: FlowID? = nil, rules: JSONValue = .emptyObject
    ) {
        self.number = number
        self.purpose = purpose
        self.carrier = carrier
        self.inbound = inbound
        self.outbound = outbound
        self.flowID = flowID
        self.rules = rules
    }
}

/// A stored access number.
@dynamicMemberLookup
public struct AccessNumber: Hashable, Sendable, Identifiable {
    /// The identifier the store gave it.
    public var id: AccessNumberID
    /// The tenant the number belongs to (what a lookup by dialled number finds out).
    public var tenantID: TenantID
    /// What was configured.
    public var definition: AccessNumberDefinition
    /// When it was created.
    public var createdAt: Date
    /// When it was last changed.
    public var updatedAt: Date

    public subscript<T>(dynamicMember keyPath: KeyPath<AccessNumberDefinition, T>) -> T { definition[keyPath: keyPath] }
}
