// The platform's own console users (platform operators and IVR content reviewers): listed,
// created, given other roles, disabled and their passwords reset by a platform admin. The
// password is write-only (bcrypt in the store), every change is in the platform's audit log,
// and a change that takes rights away ends the user's open sessions at once.

import Foundation
import Hummingbird
import Store

/// `/api/v1/platform/users...` (platform admin only).
struct PlatformUserRoutes {
    let services: ServerServices

    /// A new platform user.
    struct CreateInput: Decodable {
        var username: String?
        var displayName: String?
        var roles: [String]?
        /// Write-only; at least 8 characters.
        var password: String?
    }

    /// A change; missing fields keep their value.
    struct UpdateInput: Decodable {
        var displayName: String?
        var roles: [String]?
        /// `active` or `disabled`.
        var status: String?
    }

    /// A password reset.
    struct PasswordReset: Decodable {
        var password: String?
    }

    func register(on routes: APIRouteRecorder) {
        let users = services.store.users
        routes.add(.get, "/api/v1/platform/users") { _, context in
            _ = try context.require(.managePlatform)
            return JSONResponse(ItemList(items: try await users.list(.platform).map(UserRoutes.Output.init)))
        }
        routes.add(.post, "/api/v1/platform/users") { request, context in
            let principal = try context.require(.managePlatform)
            let input = try await request.decodeJSON(as: CreateInput.self, context: context)
            guard let username = input.username else { throw APIError.invalid("username", "is required") }
            guard let roles = input.roles else { throw APIError.invalid("roles", "is required (platform_admin, platform_reviewer)") }
            guard let password = input.password else { throw APIError.invalid("password", "is required") }
            let definition = UserDefinition(username: username, displayName: input.displayName ?? username, roles: try Self.platformRoles(roles))
            let user = try await users.create(.platform, definition, password: .plain(password))
            try await audit(context, by: principal, action: "platform_user.create", user: user.id,
                            detail: ["username": user.username, "roles": Self.text(user.roles)])
            return JSONResponse(UserRoutes.Output(user), status: .created)
        }
        routes.add(.get, "/api/v1/platform/users/{id}") { _, context in
            _ = try context.require(.managePlatform)
            return JSONResponse(UserRoutes.Output(try await users.get(.platform, UserID(rawValue: try context.pathParameter("id")))))
        }
        routes.add(.put, "/api/v1/platform/users/{id}") { request, context in try await update(request, context) }
        routes.add(.post, "/api/v1/platform/users/{id}/password") { request, context in
            let principal = try context.require(.managePlatform)
            let id = UserID(rawValue: try context.pathParameter("id"))
            let input = try await request.decodeJSON(as: PasswordReset.self, context: context)
            guard let password = input.password else { throw APIError.invalid("password", "is required") }
            try await users.setPassword(.platform, id, .plain(password))
            // Everyone logged in as this user logs in again with the new password, except the
            // admin who changed their own.
            services.sessions.close(user: id, except: request.cookies[SessionCookie.name]?.value)
            try await audit(context, by: principal, action: "platform_user.password_reset", user: id)
            return NoContent()
        }
    }

    private func update(_ request: Request, _ context: KefuRequestContext) async throws -> JSONResponse<UserRoutes.Output> {
        let principal = try context.require(.managePlatform)
        let users = services.store.users
        let id = UserID(rawValue: try context.pathParameter("id"))
        let before = try await users.get(.platform, id)
        var definition = before.definition
        let input = try await request.decodeJSON(as: UpdateInput.self, context: context)
        if let displayName = input.displayName { definition.displayName = displayName }
        if let roles = input.roles { definition.roles = try Self.platformRoles(roles) }
        if let status = input.status { definition.status = try enumField(status, "status", as: UserStatus.self) }
        if case .user(id) = principal.credential {
            // The platform must keep an admin who can undo mistakes: the caller is one.
            if definition.status != .active { throw APIError.invalid("status", "you cannot disable your own user") }
            if !definition.roles.contains(.platformAdmin) {
                throw APIError.invalid("roles", "you cannot take the platform_admin role from yourself; ask another platform admin")
            }
        }
        let user = try await users.update(.platform, id, definition)
        if user.status != before.status || user.roles != before.roles {
            services.sessions.close(user: id, except: nil)
        }
        var detail: [String: String] = [:]
        if user.roles != before.roles { detail["roles"] = Self.text(user.roles) }
        if user.status != before.status { detail["status"] = user.status.rawValue }
        if user.displayName != before.displayName { detail["display_name"] = user.displayName }
        let action = user.status == .disabled && before.status == .active ? "platform_user.disable" : "platform_user.update"
        try await audit(context, by: principal, action: action, user: id, detail: detail)
        return JSONResponse(UserRoutes.Output(user))
    }

    private func audit(_ context: KefuRequestContext, by principal: Principal, action: String, user: UserID, detail: [String: String] = [:]) async throws {
        try await services.store.auditLog.record(.platform, AuditEntry(
            occurredAt: services.now(), actor: principal.auditActor, action: action, objectKind: "user", objectID: user.rawValue,
            sourceAddress: context.remoteAddress, detail: detail))
    }

    /// Parses platform roles; a tenant role is refused naming its index.
    static func platformRoles(_ names: [String]) throws -> Set<UserRole> {
        guard !names.isEmpty else { throw APIError.invalid("roles", "must name at least one role (platform_admin, platform_reviewer)") }
        return Set(try names.enumerated().map { index, name in
            let role = try enumField(name, "roles[\(index)]", as: UserRole.self)
            guard role.isPlatformRole else {
                throw APIError.invalid("roles[\(index)]", "'\(name)' is a tenant role; platform users are platform_admin or platform_reviewer")
            }
            return role
        })
    }

    static func text(_ roles: Set<UserRole>) -> String { roles.sorted().map(\.rawValue).joined(separator: ",") }
}
