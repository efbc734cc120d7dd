// Trunks: platform-managed carrier gateways, shared or dedicated to one tenant, and the
// call path's lookup by source address.
import Foundation
import SQLKit

/// The platform's trunks. Platform-level operations, except ``usable(by:)``, which shows a
/// tenant only the shared trunks and its own.
public struct TrunkRepository: Sendable {
    let context: DatabaseContext

    /// Creates a trunk.
    public func create(_ definition: TrunkDefinition, id: TrunkID = .generate()) async throws -> Trunk {
        try Self.validate(definition)
        return try await context.write("creating trunk \(definition.name)") { db in
            try await checkReferences(id, definition, on: db)
            let now = context.nowMilliseconds
            try await db.insert(into: "trunks")
                .columns("id", "tenant_id", "name", "transport", "inbound", "outbound", "trusted", "max_channels",
                         "allowed_prefixes", "auth_username", "auth_realm", "auth_ha1_md5", "auth_ha1_sha256",
                         "created_at", "updated_at")
                .values(SQLBind(id.rawValue), bindOrNull(definition.tenantID?.rawValue), SQLBind(definition.name),
                        SQLBind(definition.transport.rawValue), SQLBind(definition.inbound), SQLBind(definition.outbound),
                        SQLBind(definition.trusted), bindOrNull(definition.maxChannels),
                        SQLBind(Self.prefixesJSON(definition.allowedPrefixes)),
                        bindOrNull(definition.credentials?.username), bindOrNull(definition.credentials?.realm),
                        bindOrNull(definition.credentials?.md5), bindOrNull(definition.credentials?.sha256),
                        SQLBind(now), SQLBind(now))
                .run()
            try await writeAddresses(id, definition.addresses, on: db)
            return try await fetch(id, on: db)
        }
    }

    /// Replaces a trunk's definition.
    public func update(_ id: TrunkID, _ definition: TrunkDefinition) async throws -> Trunk {
        try Self.validate(definition)
        return try await context.write("updating trunk \(id)") { db in
            _ = try await fetch(id, on: db)
            try await checkReferences(id, definition, on: db)
            try await db.update("trunks")
                .set("tenant_id", to: bindOrNull(definition.tenantID?.rawValue))
                .set("name", to: SQLBind(definition.name)).set("transport", to: SQLBind(definition.transport.rawValue))
                .set("inbound", to: SQLBind(definition.inbound)).set("outbound", to: SQLBind(definition.outbound))
                .set("trusted", to: SQLBind(definition.trusted)).set("max_channels", to: bindOrNull(definition.maxChannels))
                .set("allowed_prefixes", to: SQLBind(Self.prefixesJSON(definition.allowedPrefixes)))
                .set("auth_username", to: bindOrNull(definition.credentials?.username))
                .set("auth_realm", to: bindOrNull(definition.credentials?.realm))
                .set("auth_ha1_md5", to: bindOrNull(definition.credentials?.md5))
                .set("auth_ha1_sha256", to: bindOrNull(definition.credentials?.sha256))
                .set("updated_at", to: SQLBind(context.nowMilliseconds))
                .where("id", .equal, SQLBind(id.rawValue)).run()
            try await db.delete(from: "trunk_addresses").where("trunk_id", .equal, SQLBind(id.rawValue)).run()
            try await writeAddresses(id, definition.addresses, on: db)
            return try await fetch(id, on: db)
        }
    }

    /// The trunk, or ``StoreError/notFound(kind:key:)``.
    public func get(_ id: TrunkID) async throws -> Trunk {
        try await context.read("reading trunk \(id)") { db in try await fetch(id, on: db) }
    }

    /// The trunk with this name, if any.
    public func find(name: String) async throws -> Trunk? {
        try await context.read("finding trunk \(name)") { db in
            guard let row = try await db.select().column("id").from("trunks").where("name", .equal, SQLBind(name)).first()
            else { return nil }
            return try await fetch(try row.id("id"), on: db)
        }
    }

    /// Every trunk, by name.
    public func list() async throws -> [Trunk] {
        try await context.read("listing trunks") { db in
            var trunks: [Trunk] = []
            for row in try await db.select().column("id").from("trunks").orderBy("name").all() {
                trunks.append(try await fetch(try row.id("id"), on: db))
            }
            return trunks
        }
    }

    /// The trunks a tenant may place calls through: the shared ones and its own.
    public func usable(by tenant: TenantID) async throws -> [Trunk] {
        try await list().filter { $0.tenantID == nil || $0.tenantID == tenant }
    }

    /// Deletes a trunk.
    public func delete(_ id: TrunkID) async throws {
        try await context.write("deleting trunk \(id)") { db in
            _ = try await fetch(id, on: db)
            try await db.delete(from: "trunks").where("id", .equal, SQLBind(id.rawValue)).run()
        }
    }

    /// The call path's lookup: the inbound trunk a request from `host` (and `port`, when
    /// several trunks share a host) came from. One indexed read.
    public func lookup(sourceHost host: String, port: Int? = nil) async throws -> Trunk? {
        try await context.read("looking up a trunk by source address") { db in
            let rows = try await db.select().column(SQLColumn("trunk_id", table: "ta")).column(SQLColumn("port", table: "ta"))
                .from(SQLAlias(SQLIdentifier("trunk_addresses"), as: SQLIdentifier("ta")))
                .join(SQLAlias(SQLIdentifier("trunks"), as: SQLIdentifier("t")), method: SQLJoinMethod.inner,
                      on: SQLColumn("id", table: "t"), .equal, SQLColumn("trunk_id", table: "ta"))
                .where(SQLColumn("host", table: "ta"), .equal, SQLBind(host))
                .where(SQLColumn("inbound", table: "t"), .equal, SQLBind(true))
                .orderBy(SQLColumn("trunk_id", table: "ta"))
                .all()
            let match = try rows.first { try port != nil && $0.int("port") == port } ?? rows.first
            guard let match else { return nil }
            return try await fetch(try match.id("trunk_id"), on: db)
        }
    }

    // MARK: Internals

    static func validate(_ definition: TrunkDefinition) throws {
        var issues = IssueCollector()
        if let reason = Validate.code(definition.name) { issues.add("name", definition.name, reason) }
        if definition.addresses.isEmpty { issues.add("addresses", nil, "must list at least one gateway address (host:port)") }
        for (index, address) in definition.addresses.enumerated() {
            if address.host.isEmpty || address.host.contains(where: \.isWhitespace) {
                issues.add("addresses[\(index)]", address.text, "is not a host or IP address")
            }
            if let reason = Validate.within(address.port, 1...65_535) { issues.add("addresses[\(index)]", address.text, "port \(reason)") }
        }
        for duplicate in Validate.duplicates(definition.addresses) {
            issues.add("addresses", duplicate.text, "is listed twice")
        }
        for (index, prefix) in definition.allowedPrefixes.enumerated()
        where prefix.isEmpty || !(prefix.hasPrefix("+") ? prefix.dropFirst() : Substring(prefix)).allSatisfy(\.isNumber) {
            issues.add("allowed_prefixes[\(index)]", prefix, "must be digits (optionally after '+')")
        }
        if let channels = definition.maxChannels, let reason = Validate.within(channels, 1...100_000) {
            issues.add("max_channels", String(channels), reason)
        }
        if !definition.inbound && !definition.outbound { issues.add("inbound", "false", "a trunk must carry inbound or outbound calls") }
        try issues.throwIfAny()
    }

    private func checkReferences(_ id: TrunkID, _ definition: TrunkDefinition, on db: any SQLDatabase) async throws {
        var issues = IssueCollector()
        if try await db.select().column("id").from("trunks").where("name", .equal, SQLBind(definition.name))
            .where("id", .notEqual, SQLBind(id.rawValue)).first() != nil {
            issues.add("name", definition.name, "another trunk has this name")
        }
        if let tenant = definition.tenantID,
           try await db.select().column("id").from("tenants").where("id", .equal, SQLBind(tenant.rawValue)).first() == nil {
            issues.add("tenant", tenant.rawValue, "no such tenant")
        }
        try issues.throwIfAny()
    }

    private func writeAddresses(_ id: TrunkID, _ addresses: [TrunkAddress], on db: any SQLDatabase) async throws {
        for address in addresses {
            try await db.insert(into: "trunk_addresses").columns("trunk_id", "host", "port")
                .values(SQLBind(id.rawValue), SQLBind(address.host), SQLBind(address.port)).run()
        }
    }

    static func prefixesJSON(_ prefixes: [String]) -> String {
        JSONValue.array(prefixes.map(JSONValue.string)).canonicalText
    }

    private func fetch(_ id: TrunkID, on db: any SQLDatabase) async throws -> Trunk {
        guard let row = try await db.select().column("*").from("trunks").where("id", .equal, SQLBind(id.rawValue)).first()
        else { throw StoreError.notFound(kind: "trunk", key: id.rawValue) }
        let addresses = try await db.select().column("*").from("trunk_addresses").where("trunk_id", .equal, SQLBind(id.rawValue))
            .all().map { TrunkAddress(host: try $0.string("host"), port: try $0.int("port")) }.sorted()
        var credentials: DigestHA1?
        if let username = try row.optionalString("auth_username"), let realm = try row.optionalString("auth_realm"),
           let md5 = try row.optionalString("auth_ha1_md5"), let sha256 = try row.optionalString("auth_ha1_sha256") {
            credentials = try DigestHA1(realm: realm, username: username, md5: md5, sha256: sha256)
        }
        let prefixes = (try? JSONValue(parsing: try row.string("allowed_prefixes")))?.arrayValue?.compactMap(\.stringValue) ?? []
        return Trunk(
            id: id,
            definition: TrunkDefinition(
                name: try row.string("name"), tenantID: try row.optionalID("tenant_id"),
                transport: TrunkTransport(rawValue: try row.string("transport")) ?? .udp, addresses: addresses,
                inbound: try row.bool("inbound"), outbound: try row.bool("outbound"), trusted: try row.bool("trusted"),
                maxChannels: try row.optionalInt("max_channels"), allowedPrefixes: prefixes, credentials: credentials),
            createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
    }
}
