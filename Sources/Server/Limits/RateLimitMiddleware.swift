// Refuses a session's or API key's requests beyond its rate with 429, `Retry-After` and the
// API's JSON error, before any route work is done.

import Hummingbird

/// The per-caller rate limit of the API (after ``AuthenticationMiddleware``, which names
/// the caller); requests without credentials are not counted here (login has its throttle).
struct RateLimitMiddleware: RouterMiddleware {
    typealias Context = KefuRequestContext

    let services: ServerServices

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let key = context.rateLimitKey, let wait = services.rateLimiter.admit(key, at: services.now()) {
            var error = APIError(.tooManyRequests, code: "rate_limited",
                                 message: "too many requests from this session or API key; try again in a moment")
            error.headers[.retryAfter] = String(Int(wait.rounded(.up)))
            throw error
        }
        return try await next(request, context)
    }
}
