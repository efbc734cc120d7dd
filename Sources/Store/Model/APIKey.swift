// API keys integrations authenticate with (bearer tokens), per tenant, with scopes.
import Foundation

/// A permission an API key carries (`cdr:read`, `calls:control`); the API defines the set.
public struct APIKeyScope: RawRepresentable, Hashable, Sendable, Comparable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let rawValue: String
    /// Creates a value from its parts (defaults as documented on each property).
    public init(rawValue: String) { self.rawValue = rawValue }
    /// Creates a value from its parts (defaults as documented on each property).
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }
    public static func < (lhs: APIKeyScope, rhs: APIKeyScope) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Whether the scope is written `resource:verb` in lowercase letters, digits and `_`.
    var isWellFormed: Bool {
        let parts = rawValue.split(separator: ":", omittingEmptySubsequences: false)
        return (1...2).contains(parts.count) && parts.allSatisfy { part in
            !part.isEmpty && part.utf8.allSatisfy { (97...122).contains($0) || (48...57).contains($0) || $0 == UInt8(ascii: "_") }
        }
    }
}

/// A stored API key (never its secret: only a SHA-256 of the token is kept).
public struct APIKey: Hashable, Sendable, Identifiable {
    /// The identifier the store gave it.
    public var id: APIKeyID
    /// The tenant that owns it.
    public var tenantID: TenantID
    /// The name, unique where the type says so.
    public var name: String
    /// The token's public prefix, shown in consoles to tell keys apart.
    public var prefix: String
    public var scopes: Set<APIKeyScope>
    public var createdBy: String?
    /// When it was created.
    public var createdAt: Date
    public var expiresAt: Date?
    public var lastUsedAt: Date?
    public var revokedAt: Date?

    /// Whether the key can be used at `now`.
    public func isUsable(at now: Date) -> Bool {
        revokedAt == nil && (expiresAt.map { now < $0 } ?? true)
    }
}

/// A newly created key with its token, which is shown once and never stored.
public struct IssuedAPIKey: Sendable {
    public var key: APIKey
    /// `kefu_<prefix>_<secret>`: give it to the integration now; it cannot be shown again.
    public var token: String
}
