// Console users of the platform and of each tenant, their roles and bcrypt passwords.
import Foundation
import SQLKit

/// Users, scoped by ``DataScope``: `.platform` for platform operators and reviewers,
/// `.tenant(id)` for a tenant's admins, supervisors, agents, QA inspectors and partner
/// managers. A scope never sees another scope's users.
public struct UserRepository: Sendable {
    let context: DatabaseContext

    /// A bcrypt hash of a fixed string, checked when a user name is unknown so that a
    /// failed login takes as long whether or not the user exists.
    private static let decoy = PasswordHash(hashing: "kefu-decoy-password", cost: 4)

    /// Creates a user with a password (hashed with bcrypt when given in clear).
    public func create(_ scope: DataScope, _ definition: UserDefinition, password: PasswordInput, id: UserID = .generate()) async throws -> User {
        try Self.validate(definition, scope: scope)
        let hash = try hashed(password)
        return try await context.write("creating user \(definition.username)") { db in
            if let tenant = scope.tenantID { try await TenantRows.requireTenant(tenant, on: db) }
            try await checkReferences(scope, id, definition, on: db)
            let now = context.nowMilliseconds
            try await db.insert(into: "users")
                .columns("id", "tenant_id", "username", "display_name", "password_hash", "agent_id", "partner_id",
                         "status", "created_at", "updated_at")
                .values(SQLBind(id.rawValue), bindOrNull(scope.tenantID?.rawValue), SQLBind(definition.username),
                        SQLBind(definition.displayName), SQLBind(hash.encoded), bindOrNull(definition.agentID?.rawValue),
                        bindOrNull(definition.partnerID?.rawValue), SQLBind(definition.status.rawValue),
                        SQLBind(now), SQLBind(now))
                .run()
            try await writeRolesAndTeams(id, definition, on: db)
            return try await fetch(scope, id, on: db)
        }
    }

    /// Replaces a user's definition (not the password).
    public func update(_ scope: DataScope, _ id: UserID, _ definition: UserDefinition) async throws -> User {
        try Self.validate(definition, scope: scope)
        return try await context.write("updating user \(id)") { db in
            _ = try await fetch(scope, id, on: db)
            try await checkReferences(scope, id, definition, on: db)
            try await db.update("users")
                .set("username", to: SQLBind(definition.username))
                .set("display_name", to: SQLBind(definition.displayName))
                .set("agent_id", to: bindOrNull(definition.agentID?.rawValue))
                .set("partner_id", to: bindOrNull(definition.partnerID?.rawValue))
                .set("status", to: SQLBind(definition.status.rawValue))
                .set("updated_at", to: SQLBind(context.nowMilliseconds))
                .where("id", .equal, SQLBind(id.rawValue))
                .run()
            for table in ["user_roles", "user_teams"] {
                try await db.delete(from: table).where("user_id", .equal, SQLBind(id.rawValue)).run()
            }
            try await writeRolesAndTeams(id, definition, on: db)
            return try await fetch(scope, id, on: db)
        }
    }

    /// Sets a user's password.
    public func setPassword(_ scope: DataScope, _ id: UserID, _ password: PasswordInput) async throws {
        let hash = try hashed(password)
        try await context.write("setting the password of user \(id)") { db in
            _ = try await fetch(scope, id, on: db)
            try await db.update("users").set("password_hash", to: SQLBind(hash.encoded))
                .set("updated_at", to: SQLBind(context.nowMilliseconds))
                .where("id", .equal, SQLBind(id.rawValue)).run()
        }
    }

    /// The stored bcrypt hash (for export; never shown to anyone).
    public func passwordHash(_ scope: DataScope, _ id: UserID) async throws -> PasswordHash {
        try await context.read("reading the password hash of user \(id)") { db in
            _ = try await fetch(scope, id, on: db)
            let row = try await db.select().column("password_hash").from("users").where("id", .equal, SQLBind(id.rawValue)).first()
            return try PasswordHash(encoded: try row!.string("password_hash"))
        }
    }

    /// The user if `username` and `password` match an active user of the scope, else `nil`
    /// (the same answer and about the same time for an unknown user and a wrong password).
    /// Records the login time on success.
    public func authenticate(_ scope: DataScope, username: String, password: String) async throws -> User? {
        let found: (UserID, PasswordHash, Bool)? = try await context.read("looking up user \(username)") { db in
            guard let row = try await scoped(db.select().column("id").column("password_hash").column("status").from("users"), scope)
                .where("username", .equal, SQLBind(username)).first()
            else { return nil }
            return (try row.id("id"), try PasswordHash(encoded: try row.string("password_hash")),
                    try row.string("status") == UserStatus.active.rawValue)
        }
        guard let (id, hash, active) = found else {
            _ = Self.decoy.verify(password)
            return nil
        }
        guard hash.verify(password), active else { return nil }
        return try await context.write("recording a login") { db in
            try await db.update("users").set("last_login_at", to: SQLBind(context.nowMilliseconds))
                .where("id", .equal, SQLBind(id.rawValue)).run()
            return try await fetch(scope, id, on: db)
        }
    }

    /// The user, or ``StoreError/notFound(kind:key:)``.
    public func get(_ scope: DataScope, _ id: UserID) async throws -> User {
        try await context.read("reading user \(id)") { db in try await fetch(scope, id, on: db) }
    }

    /// The scope's user with this name, if any.
    public func find(_ scope: DataScope, username: String) async throws -> User? {
        try await context.read("finding user \(username)") { db in
            guard let row = try await scoped(db.select().column("id").from("users"), scope)
                .where("username", .equal, SQLBind(username)).first()
            else { return nil }
            return try await fetch(scope, try row.id("id"), on: db)
        }
    }

    /// Every user of the scope, by user name.
    public func list(_ scope: DataScope) async throws -> [User] {
        try await context.read("listing users") { db in
            let rows = try await scoped(db.select().column("id").from("users"), scope).orderBy("username").all()
            var users: [User] = []
            for row in rows { users.append(try await fetch(scope, try row.id("id"), on: db)) }
            return users
        }
    }

    /// Deletes a user.
    public func delete(_ scope: DataScope, _ id: UserID) async throws {
        try await context.write("deleting user \(id)") { db in
            _ = try await fetch(scope, id, on: db)
            try await db.delete(from: "users").where("id", .equal, SQLBind(id.rawValue)).run()
        }
    }

    // MARK: Validation

    static func validate(_ definition: UserDefinition, scope: DataScope) throws {
        var issues = IssueCollector()
        let name = definition.username
        if name.isEmpty || name.count > 64 || name.contains(where: { $0.isWhitespace || $0 == "/" }) {
            issues.add("username", name, "must be 1-64 characters without spaces or '/'")
        }
        if let reason = Validate.name(definition.displayName, limit: 100) { issues.add("display_name", definition.displayName, reason) }
        if definition.roles.isEmpty { issues.add("roles", nil, "must name at least one role") }
        for role in definition.roles.sorted() {
            switch (scope, role.isPlatformRole) {
            case (.platform, false):
                issues.add("roles", role.rawValue, "is a tenant role; platform users can be platform_admin or platform_reviewer")
            case (.tenant, true):
                issues.add("roles", role.rawValue, "is a platform role; a tenant's users cannot have it")
            default:
                break
            }
        }
        if definition.roles.contains(.agent), definition.agentID == nil {
            issues.add("agent", nil, "a user with the agent role must be linked to an agent")
        }
        if definition.roles.contains(.partnerManager), definition.partnerID == nil {
            issues.add("partner", nil, "a partner manager must belong to a partner")
        }
        if case .platform = scope, definition.agentID != nil || definition.partnerID != nil || !definition.teamIDs.isEmpty {
            issues.add("agent", nil, "platform users belong to no tenant's agents, partners or teams")
        }
        try issues.throwIfAny()
    }

    private func hashed(_ password: PasswordInput) throws -> PasswordHash {
        switch password {
        case .hashed(let hash):
            return hash
        case .plain(let text):
            if text.count < 8 { throw StoreError.invalid("password", nil, "must be at least 8 characters") }
            return PasswordHash(hashing: text, cost: context.passwordCost)
        }
    }

    private func checkReferences(_ scope: DataScope, _ id: UserID, _ definition: UserDefinition, on db: any SQLDatabase) async throws {
        var issues = IssueCollector()
        if try await scoped(db.select().column("id").from("users"), scope)
            .where("username", .equal, SQLBind(definition.username)).where("id", .notEqual, SQLBind(id.rawValue)).first() != nil {
            issues.add("username", definition.username, "is already taken")
        }
        if let tenant = scope.tenantID {
            if let agent = definition.agentID, try await !TenantRows.exists("agents", tenant, id: agent.rawValue, on: db) {
                issues.add("agent", agent.rawValue, "no such agent in this tenant")
            }
            if let partner = definition.partnerID, try await !TenantRows.exists("partners", tenant, id: partner.rawValue, on: db) {
                issues.add("partner", partner.rawValue, "no such partner in this tenant")
            }
            let missing = try await TenantRows.missing("teams", tenant, ids: definition.teamIDs.map(\.rawValue), on: db)
            for (index, team) in definition.teamIDs.enumerated() where missing.contains(team.rawValue) {
                issues.add("teams[\(index)]", team.rawValue, "no such team in this tenant")
            }
        }
        try issues.throwIfAny()
    }

    private func writeRolesAndTeams(_ id: UserID, _ definition: UserDefinition, on db: any SQLDatabase) async throws {
        for role in definition.roles.sorted() {
            try await db.insert(into: "user_roles").columns("user_id", "role")
                .values(SQLBind(id.rawValue), SQLBind(role.rawValue)).run()
        }
        for team in Set(definition.teamIDs).sorted() {
            try await db.insert(into: "user_teams").columns("user_id", "team_id")
                .values(SQLBind(id.rawValue), SQLBind(team.rawValue)).run()
        }
    }

    private func scoped(_ query: SQLSelectBuilder, _ scope: DataScope) -> SQLSelectBuilder {
        switch scope {
        case .platform: query.where("tenant_id", .is, SQLLiteral.null)
        case .tenant(let tenant): query.where("tenant_id", .equal, SQLBind(tenant.rawValue))
        }
    }

    private func fetch(_ scope: DataScope, _ id: UserID, on db: any SQLDatabase) async throws -> User {
        guard let row = try await scoped(db.select().column("*").from("users"), scope)
            .where("id", .equal, SQLBind(id.rawValue)).first()
        else { throw StoreError.notFound(kind: "user", key: id.rawValue) }
        let roles = try await db.select().column("role").from("user_roles").where("user_id", .equal, SQLBind(id.rawValue))
            .all().compactMap { UserRole(rawValue: try $0.string("role")) }
        let teams = try await db.select().column("team_id").from("user_teams").where("user_id", .equal, SQLBind(id.rawValue))
            .orderBy("team_id").all().map { TeamID(rawValue: try $0.string("team_id")) }
        return User(
            id: id, scope: scope,
            definition: UserDefinition(
                username: try row.string("username"), displayName: try row.string("display_name"), roles: Set(roles),
                agentID: try row.optionalID("agent_id"), partnerID: try row.optionalID("partner_id"), teamIDs: teams,
                status: UserStatus(rawValue: try row.string("status")) ?? .disabled),
            lastLoginAt: try row.optionalDate("last_login_at"),
            createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
    }
}
