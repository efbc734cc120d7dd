// Turns every error a route throws into the API's JSON error body, and logs the ones that
// are the server's fault.

import Hummingbird
import Logging

/// Catches errors below it and answers with ``APIError``'s JSON body; a route that matches
/// nothing gets a JSON 404 too.
struct APIErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let apiError = APIError.from(error)
            if apiError.status.code >= 500 {
                context.logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(String(reflecting: error))"])
            }
            return try apiError.response(from: request, context: context)
        }
    }
}
