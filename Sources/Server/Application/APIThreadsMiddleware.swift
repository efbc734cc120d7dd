// Moves each request's work (routes, store queries, encoding) onto the API's threads, off
// the cooperative pool the call path's actors share.

import Hummingbird

/// Runs the rest of the middleware chain and the route with ``APIThreads``' executor preferred:
/// the connection's own event loop, so the response needs no hop to another thread.
struct APIThreadsMiddleware: RouterMiddleware {
    typealias Context = KefuRequestContext

    let threads: APIThreads

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        try await threads.run(on: context.eventLoop) { try await next(request, context) }
    }
}
