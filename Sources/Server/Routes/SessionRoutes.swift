// Login, logout and "who am I": password login (bcrypt, throttled) that sets the session
// cookie, and the caller's identity, roles and agent for the consoles.

import CallCenter
import Foundation
import Hummingbird
import Logging
import Store

/// `POST /api/v1/login`, `POST /api/v1/logout`, `GET /api/v1/me`.
struct SessionRoutes {
    let services: ServerServices
    let secureCookies: Bool

    /// The login form.
    struct LoginRequest: Decodable {
        /// The tenant's code; absent or empty for platform users.
        var tenant: String?
        var username: String
        var password: String
    }

    /// What `/me` and a successful login return.
    struct Identity: Encodable, Sendable {
        struct TenantSummary: Encodable, Sendable {
            var id: String
            var code: String
            var name: String
            var maskingPolicy: String
        }

        var name: String
        var kind: String
        var roles: [String]
        var permissions: [String]
        var tenant: TenantSummary?
        var agent: AgentSummary?
    }

    func register(on routes: APIRouteRecorder) {
        routes.add(.post, "/api/v1/login") { request, context in try await login(request, context) }
        routes.add(.post, "/api/v1/logout") { request, _ in logout(request) }
        routes.add(.get, "/api/v1/me") { _, context in
            JSONResponse(try await identity(of: try context.require(.readSelf)))
        }
    }

    private func login(_ request: Request, _ context: KefuRequestContext) async throws -> Response {
        let form = try await request.decodeJSON(as: LoginRequest.self, context: context)
        let tenantCode = (form.tenant ?? "").trimmingCharacters(in: .whitespaces)
        if form.username.isEmpty { throw APIError.invalid("username", "is required") }
        if form.password.isEmpty { throw APIError.invalid("password", "is required") }
        if form.username.count > 64 { throw APIError.invalid("username", "must be at most 64 characters") }
        if form.password.count > 128 { throw APIError.invalid("password", "must be at most 128 characters") }

        let now = services.now()
        let keys = ["account:\(tenantCode)/\(form.username)", "address:\(context.remoteAddress ?? "unknown")"]
        if let wait = services.withThrottle({ throttle in keys.compactMap { throttle.retryAfter($0, at: now) }.max() }) {
            var error = APIError(.tooManyRequests, code: "too_many_attempts",
                                 message: "too many failed logins; try again in \(Int(wait.rounded(.up))) seconds")
            error.headers[.retryAfter] = String(Int(wait.rounded(.up)))
            throw error
        }

        var scope = DataScope.platform
        var tenantActive = true
        if !tenantCode.isEmpty {
            if let tenant = try await services.store.tenants.find(code: tenantCode) {
                scope = .tenant(tenant.id)
                tenantActive = tenant.status == .active
            } else {
                scope = .tenant(TenantID(rawValue: "unknown:" + tenantCode))
            }
        }
        // An unknown tenant is looked up too: no user matches, and the store spends the
        // same bcrypt time as for a wrong password.
        let user = try await services.store.users.authenticate(scope, username: form.username, password: form.password)
        guard let user else {
            services.withThrottle { throttle in for key in keys { throttle.failed(key, at: now) } }
            context.logger.notice("login failed", metadata: ["username": "\(form.username)", "tenant": "\(tenantCode)"])
            throw APIError(.unauthorized, code: "invalid_credentials", message: "the tenant code, user name or password is wrong")
        }
        guard tenantActive else {
            throw APIError.forbidden("the tenant '\(tenantCode)' is suspended")
        }
        services.withThrottle { throttle in for key in keys { throttle.succeeded(key) } }
        let principal = Principal(user: user)
        let token = services.sessions.open(principal, at: now)
        try await services.store.auditLog.record(user.scope, AuditEntry(
            occurredAt: now, actor: principal.auditActor, action: "user.login", objectKind: "user", objectID: user.id.rawValue,
            sourceAddress: context.remoteAddress))
        var response = try JSONResponse(try await identity(of: principal)).response(from: request, context: context)
        response.setCookie(SessionCookie.issue(token, maxAge: Int(services.sessions.idleTimeout), secure: secureCookies))
        return response
    }

    private func logout(_ request: Request) -> Response {
        if let token = request.cookies[SessionCookie.name]?.value { services.sessions.close(token) }
        var response = Response(status: .noContent)
        response.setCookie(SessionCookie.cleared(secure: secureCookies))
        return response
    }

    private func identity(of principal: Principal) async throws -> Identity {
        var tenantSummary: Identity.TenantSummary?
        var agent: AgentSummary?
        if let tenantID = principal.tenantID {
            let tenant = try await services.store.tenants.get(tenantID)
            tenantSummary = .init(id: tenant.id.rawValue, code: tenant.code, name: tenant.name, maskingPolicy: tenant.maskingPolicy.rawValue)
            if let agentID = principal.agentID,
               let record = services.callCenter.directory.tenant(id: tenantID.rawValue)?.agentsByID[agentID.rawValue] {
                agent = AgentSummary(record, board: services.callCenter.board, tenant: tenantID.rawValue)
            }
        }
        let kind = switch principal.credential {
        case .user: "user"
        case .apiKey: "api_key"
        }
        return Identity(
            name: principal.name, kind: kind, roles: principal.roles.map(\.rawValue).sorted(),
            permissions: Permission.allCases.filter(principal.may).map(\.rawValue), tenant: tenantSummary, agent: agent)
    }
}
