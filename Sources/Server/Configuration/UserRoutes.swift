// A tenant's console users and their roles, and the tenant's API keys (the token is shown
// once, at creation). Passwords are write-only and every change is audited.

import Foundation
import Hummingbird
import Store

/// `/api/v1/config/users...` and `/api/v1/config/api-keys...`.
struct UserRoutes {
    let services: ServerServices

    /// A user as the API writes it; on update, missing fields keep their value.
    struct Input: Decodable {
        var username: String?
        var displayName: String?
        var roles: [String]?
        /// The agent this user is ("" for none).
        var agentId: String?
        var status: String?
        /// Write-only; required at creation.
        var password: String?

        func apply(to definition: inout UserDefinition) throws {
            if let username { definition.username = username }
            if let displayName { definition.displayName = displayName }
            if let roles {
                definition.roles = Set(try roles.enumerated().map { index, role in
                    let parsed = try enumField(role, "roles[\(index)]", as: UserRole.self)
                    guard !parsed.isPlatformRole else { throw APIError.invalid("roles[\(index)]", "a tenant's user cannot hold the platform role '\(role)'") }
                    return parsed
                })
            }
            if let agentId { definition.agentID = agentId.isEmpty ? nil : AgentID(rawValue: agentId) }
            if let status { definition.status = try enumField(status, "status", as: UserStatus.self) }
        }
    }

    struct Output: Encodable, Sendable {
        var id, username, displayName, status: String
        var roles: [String]
        var agentId: String?
        var lastLoginAt: Date?
        var createdAt, updatedAt: Date

        init(_ user: User) {
            id = user.id.rawValue
            username = user.username
            displayName = user.displayName
            status = user.status.rawValue
            roles = user.roles.sorted().map(\.rawValue)
            agentId = user.agentID?.rawValue
            lastLoginAt = user.lastLoginAt
            createdAt = user.createdAt
            updatedAt = user.updatedAt
        }
    }

    /// A new API key.
    struct KeyInput: Decodable {
        var name: String
        var scopes: [String]
        var expiresAt: Date?
    }

    struct KeyOutput: Encodable, Sendable {
        var id, name, prefix: String
        var scopes: [String]
        var createdBy: String?
        var createdAt: Date
        var expiresAt, lastUsedAt, revokedAt: Date?
        /// The bearer token: in the creation answer only, never again.
        var token: String?

        init(_ key: APIKey, token: String? = nil) {
            id = key.id.rawValue
            name = key.name
            prefix = key.prefix
            scopes = key.scopes.sorted().map(\.rawValue)
            createdBy = key.createdBy
            createdAt = key.createdAt
            expiresAt = key.expiresAt
            lastUsedAt = key.lastUsedAt
            revokedAt = key.revokedAt
            self.token = token
        }
    }

    func register(on routes: APIRouteRecorder) {
        let users = services.store.users
        routes.add(.get, "/api/v1/config/users") { _, context in
            let tenant = try context.require(.readConfiguration).requireTenant()
            return JSONResponse(ItemList(items: try await users.list(.tenant(tenant)).map(Output.init)))
        }
        routes.add(.post, "/api/v1/config/users") { request, context in
            let principal = try context.require(.configure)
            let tenant = try principal.requireTenant()
            let input = try await request.decodeJSON(as: Input.self, context: context)
            guard let username = input.username else { throw APIError.invalid("username", "is required") }
            guard let password = input.password else { throw APIError.invalid("password", "is required") }
            var definition = UserDefinition(username: username, displayName: username, roles: [])
            try input.apply(to: &definition)
            let user = try await users.create(.tenant(tenant), definition, password: .plain(password))
            try await services.configurationChanged(
                context, by: principal, scope: .tenant(tenant), action: "user.create", kind: "user", id: user.id.rawValue,
                detail: ["username": user.username, "roles": user.roles.sorted().map(\.rawValue).joined(separator: ",")])
            return JSONResponse(Output(user), status: .created)
        }
        routes.add(.get, "/api/v1/config/users/{id}") { _, context in
            let tenant = try context.require(.readConfiguration).requireTenant()
            return JSONResponse(Output(try await users.get(.tenant(tenant), UserID(rawValue: try context.pathParameter("id")))))
        }
        routes.add(.put, "/api/v1/config/users/{id}") { request, context in
            let principal = try context.require(.configure)
            let tenant = try principal.requireTenant()
            let id = UserID(rawValue: try context.pathParameter("id"))
            let before = try await users.get(.tenant(tenant), id).definition
            var definition = before
            let input = try await request.decodeJSON(as: Input.self, context: context)
            try input.apply(to: &definition)
            let user = try await users.update(.tenant(tenant), id, definition)
            if let password = input.password { try await users.setPassword(.tenant(tenant), id, .plain(password)) }
            // A user disabled, given other roles or another password logs in again.
            if input.password != nil || user.status != before.status || user.roles != before.roles || user.agentID != before.agentID {
                services.sessions.close(user: id, except: request.cookies[SessionCookie.name]?.value)
            }
            var detail = ["roles": user.roles.sorted().map(\.rawValue).joined(separator: ",")]
            if input.password != nil { detail["password"] = "changed" }
            try await services.configurationChanged(context, by: principal, scope: .tenant(tenant), action: "user.update", kind: "user",
                                                    id: id.rawValue, detail: detail)
            return JSONResponse(Output(user))
        }
        routes.add(.delete, "/api/v1/config/users/{id}") { _, context in
            let principal = try context.require(.configure)
            let tenant = try principal.requireTenant()
            let id = UserID(rawValue: try context.pathParameter("id"))
            if case .user(id) = principal.credential { throw APIError.invalid("id", "you cannot delete your own user") }
            try await users.delete(.tenant(tenant), id)
            services.sessions.close(user: id, except: nil)
            try await services.configurationChanged(context, by: principal, scope: .tenant(tenant), action: "user.delete", kind: "user", id: id.rawValue)
            return NoContent()
        }
        registerKeys(on: routes)
    }

    private func registerKeys(on routes: APIRouteRecorder) {
        let keys = services.store.apiKeys
        routes.add(.get, "/api/v1/config/api-keys") { _, context in
            let tenant = try context.require(.configure).requireTenant()
            return JSONResponse(ItemList(items: try await keys.list(tenant).map { KeyOutput($0) }))
        }
        routes.add(.post, "/api/v1/config/api-keys") { request, context in
            let principal = try context.require(.configure)
            let tenant = try principal.requireTenant()
            let input = try await request.decodeJSON(as: KeyInput.self, context: context)
            let issued = try await keys.create(tenant, name: input.name, scopes: Set(input.scopes.map(APIKeyScope.init(rawValue:))),
                                               expiresAt: input.expiresAt, createdBy: principal.name)
            try await services.store.auditLog.record(.tenant(tenant), AuditEntry(
                occurredAt: services.now(), actor: principal.auditActor, action: "api_key.create", objectKind: "api_key",
                objectID: issued.key.id.rawValue, sourceAddress: context.remoteAddress,
                detail: ["name": issued.key.name, "scopes": input.scopes.sorted().joined(separator: " ")]))
            return JSONResponse(KeyOutput(issued.key, token: issued.token), status: .created)
        }
        routes.add(.delete, "/api/v1/config/api-keys/{id}") { _, context in
            let principal = try context.require(.configure)
            let tenant = try principal.requireTenant()
            let id = APIKeyID(rawValue: try context.pathParameter("id"))
            try await keys.revoke(tenant, id)
            try await services.store.auditLog.record(.tenant(tenant), AuditEntry(
                occurredAt: services.now(), actor: principal.auditActor, action: "api_key.revoke", objectKind: "api_key",
                objectID: id.rawValue, sourceAddress: context.remoteAddress))
            return NoContent()
        }
    }
}
