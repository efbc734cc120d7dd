// API keys of a tenant, and the API's lookup of a bearer token.
import Crypto
import Foundation
import SQLKit

/// A tenant's API keys.
public struct APIKeyRepository: Sendable {
    let context: DatabaseContext

    /// Issues a key; the returned token is the only copy of its secret.
    public func create(
        _ tenant: TenantID, name: String, scopes: Set<APIKeyScope>, expiresAt: Date? = nil, createdBy: String? = nil
    ) async throws -> IssuedAPIKey {
        var issues = IssueCollector()
        if let reason = Validate.name(name, limit: 100) { issues.add("name", name, reason) }
        if scopes.isEmpty { issues.add("scopes", nil, "must grant at least one scope") }
        for scope in scopes.sorted() where !scope.isWellFormed {
            issues.add("scopes", scope.rawValue, "must be written resource:verb in lowercase letters, digits and '_'")
        }
        try issues.throwIfAny()
        var generator = SystemRandomNumberGenerator()
        let prefix = Self.randomHex(6, using: &generator)
        let token = "kefu_\(prefix)_\(Self.randomHex(20, using: &generator))"
        let id = APIKeyID.generate()
        try await context.write("creating API key \(name)") { db in
            try await TenantRows.requireTenant(tenant, on: db)
            try await db.insert(into: "api_keys")
                .columns("id", "tenant_id", "name", "prefix", "secret_sha256", "scopes", "created_by", "created_at", "expires_at")
                .values(SQLBind(id.rawValue), SQLBind(tenant.rawValue), SQLBind(name), SQLBind(prefix),
                        SQLBind(Self.digest(token)), SQLBind(Self.scopesText(scopes)), bindOrNull(createdBy),
                        SQLBind(context.nowMilliseconds), bindOrNull(expiresAt.milliseconds))
                .run()
        }
        return IssuedAPIKey(key: try await get(tenant, id), token: token)
    }

    /// The key, or ``StoreError/notFound(kind:key:)``.
    public func get(_ tenant: TenantID, _ id: APIKeyID) async throws -> APIKey {
        try await context.read("reading API key \(id)") { db in
            guard let row = try await db.select().column("*").from("api_keys")
                .where("tenant_id", .equal, SQLBind(tenant.rawValue)).where("id", .equal, SQLBind(id.rawValue)).first()
            else { throw StoreError.notFound(kind: "API key", key: id.rawValue) }
            return try Self.key(row)
        }
    }

    /// Every key of the tenant, newest first.
    public func list(_ tenant: TenantID) async throws -> [APIKey] {
        try await context.read("listing API keys") { db in
            try await db.select().column("*").from("api_keys").where("tenant_id", .equal, SQLBind(tenant.rawValue))
                .orderBy("created_at", .descending).all().map(Self.key)
        }
    }

    /// Revokes a key at once; it stays listed.
    public func revoke(_ tenant: TenantID, _ id: APIKeyID) async throws {
        try await context.write("revoking API key \(id)") { db in
            try await TenantRows.require("api_keys", tenant, id: id.rawValue, kind: "API key", on: db)
            try await db.update("api_keys").set("revoked_at", to: SQLBind(context.nowMilliseconds))
                .where("tenant_id", .equal, SQLBind(tenant.rawValue)).where("id", .equal, SQLBind(id.rawValue))
                .where("revoked_at", .is, SQLLiteral.null).run()
        }
    }

    /// How stale `last_used_at` may get before a use is written down: a busy integration
    /// must not turn every API request into a write.
    static let lastUsedResolution: TimeInterval = 60

    /// The API's lookup of a bearer token (platform level: the key tells the tenant). Returns
    /// the key when the token is genuine, not revoked and not expired, and notes its use
    /// (at most once a minute).
    public func authenticate(token: String) async throws -> APIKey? {
        let parts = token.split(separator: "_")
        guard parts.count == 3, parts[0] == "kefu" else { return nil }
        let prefix = String(parts[1])
        let now = context.clock()
        let found: (APIKey, String)? = try await context.read("authenticating an API key") { db in
            guard let row = try await db.select().column("*").from("api_keys").where("prefix", .equal, SQLBind(prefix)).first()
            else { return nil }
            return (try Self.key(row), try row.string("secret_sha256"))
        }
        guard let (key, digest) = found, Self.constantTimeEqual(digest, Self.digest(token)), key.isUsable(at: now) else {
            return nil
        }
        if let last = key.lastUsedAt, now.timeIntervalSince(last) < Self.lastUsedResolution { return key }
        try await context.write("noting an API key's use") { db in
            try await db.update("api_keys").set("last_used_at", to: SQLBind(now.millisecondsSince1970))
                .where("id", .equal, SQLBind(key.id.rawValue)).run()
        }
        var used = key
        used.lastUsedAt = Date(millisecondsSince1970: now.millisecondsSince1970)
        return used
    }

    static func digest(_ token: String) -> String {
        DigestHA1.hex(SHA256.hash(data: Array(token.utf8)))
    }

    static func scopesText(_ scopes: Set<APIKeyScope>) -> String {
        scopes.map(\.rawValue).sorted().joined(separator: " ")
    }

    static func randomHex(_ bytes: Int, using generator: inout some RandomNumberGenerator) -> String {
        DigestHA1.hex((0..<bytes).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    static func constantTimeEqual(_ lhs: String, _ rhs: String) -> Bool {
        let a = Array(lhs.utf8), b = Array(rhs.utf8)
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    static func key(_ row: any SQLRow) throws -> APIKey {
        APIKey(
            id: try row.id("id"), tenantID: try row.id("tenant_id"), name: try row.string("name"),
            prefix: try row.string("prefix"),
            scopes: Set(try row.string("scopes").split(separator: " ").map { APIKeyScope(rawValue: String($0)) }),
            createdBy: try row.optionalString("created_by"), createdAt: try row.date("created_at"),
            expiresAt: try row.optionalDate("expires_at"), lastUsedAt: try row.optionalDate("last_used_at"),
            revokedAt: try row.optionalDate("revoked_at"))
    }
}
