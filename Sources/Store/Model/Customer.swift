// Customers (客户) of a tenant: numbers they call from, VIP tier and notes, for the screen
// pop and VIP routing.
import Foundation

/// What an agent or admin records about a customer.
public struct CustomerDefinition: Hashable, Sendable {
    /// The name, unique where the type says so.
    public var name: String
    /// 0 for an ordinary customer; higher tiers are routed with priority.
    public var vipTier: Int
    public var notes: String
    /// Numbers the customer calls from; each belongs to one customer of the tenant.
    public var numbers: [String]

    /// Creates a value from its parts (defaults as documented on each property).
    public init(name: String, vipTier: Int = 0, notes: String = "", numbers: [String] = []) {
        self.name = name
        self.vipTier = vipTier
        self.notes = notes
        self.numbers = numbers
    }
}

/// A stored customer.
@dynamicMemberLookup
public struct Customer: Hashable, Sendable, Identifiable {
    /// The identifier the store gave it.
    public var id: CustomerID
    /// The tenant that owns it.
    public var tenantID: TenantID
    /// What was configured.
    public var definition: CustomerDefinition
    /// When it was created.
    public var createdAt: Date
    /// When it was last changed.
    public var updatedAt: Date

    public subscript<T>(dynamicMember keyPath: KeyPath<CustomerDefinition, T>) -> T { definition[keyPath: keyPath] }
}
