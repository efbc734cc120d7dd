// Reads the caller's credentials on every request: the session cookie of a console user or
// a bearer API key of an integration. It only identifies; each route checks permissions.

import Foundation
import Hummingbird
import Logging
import Store

/// Sets ``KefuRequestContext/principal`` from the `kefu_session` cookie or an
/// `Authorization: Bearer` API key; a bad key is a 401 at once, no credentials leave the
/// principal empty for the route to refuse. The `/metrics` scrape token marks the request as
/// a scraper's instead.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = KefuRequestContext

    let services: ServerServices

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let authorization = request.headers[.authorization] {
            let parts = authorization.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "bearer" else {
                throw APIError(.unauthorized, code: "unauthenticated", message: "the Authorization header must be 'Bearer <API key>'", field: "Authorization")
            }
            if services.isMetricsToken(parts[1]) {
                context.isMetricsScraper = true
            } else {
                guard let key = try await services.store.apiKeys.authenticate(token: String(parts[1])) else {
                    throw APIError(.unauthorized, code: "unauthenticated", message: "the API key is unknown, revoked or expired", field: "Authorization")
                }
                context.principal = Principal(apiKey: key)
                context.rateLimitKey = .apiKey(key.id)
            }
        } else if let token = request.cookies[SessionCookie.name]?.value {
            context.principal = services.sessions.principal(for: token, at: services.now())
            if context.principal != nil { context.rateLimitKey = .session(token) }
        }
        if let principal = context.principal {
            context.logger[metadataKey: "principal"] = "\(principal.name)"
            if let tenant = principal.tenantID { context.logger[metadataKey: "tenant"] = "\(tenant)" }
        }
        return try await next(request, context)
    }
}

/// The session cookie's name and attributes.
enum SessionCookie {
    /// The cookie's name.
    static let name = "kefu_session"

    /// The cookie that carries `token`: HttpOnly, SameSite=Strict, for the whole site.
    static func issue(_ token: String, maxAge: Int, secure: Bool) -> Cookie {
        Cookie(name: name, value: token, maxAge: maxAge, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }

    /// A cookie that clears the session in the browser.
    static func cleared(secure: Bool) -> Cookie {
        Cookie(name: name, value: "", maxAge: 0, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }
}
