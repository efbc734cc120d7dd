// Registration of the API's routes through one helper that remembers each route, so the
// OpenAPI test can compare the router with the document.

import HTTPTypes
import Hummingbird

/// One route of the API as the OpenAPI document names it (`GET /api/v1/cdrs/{id}`).
public struct APIRoute: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The method, upper case.
    public var method: String
    /// The path with `{name}` parameters.
    public var path: String

    /// A route.
    public init(method: String, path: String) {
        self.method = method
        self.path = path
    }

    public var description: String { "\(method) \(path)" }

    public static func < (lhs: APIRoute, rhs: APIRoute) -> Bool { (lhs.path, lhs.method) < (rhs.path, rhs.method) }
}

/// Adds routes to a router and keeps the list of what it added.
final class APIRouteRecorder {
    let router: Router<KefuRequestContext>
    private(set) var routes: [APIRoute] = []

    init(router: Router<KefuRequestContext>) {
        self.router = router
    }

    /// Adds `handler` for `method` on `path` (`{name}` parameters).
    func add<Output: ResponseGenerator>(
        _ method: HTTPRequest.Method, _ path: String,
        use handler: @escaping @Sendable (Request, KefuRequestContext) async throws -> Output
    ) {
        routes.append(APIRoute(method: method.rawValue, path: path))
        router.on(RouterPath(stringLiteral: path), method: method, use: handler)
    }

    /// Notes a route that another helper registered (the WebSocket upgrade).
    func note(_ method: HTTPRequest.Method, _ path: String) {
        routes.append(APIRoute(method: method.rawValue, path: path))
    }
}
