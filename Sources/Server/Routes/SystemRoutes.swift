// Routes for operations and tooling: `/healthz`, `/metrics`, and the OpenAPI document.

import CallCenter
import Foundation
import Hummingbird
import NIOCore
import Store

/// `GET /healthz`, `GET /metrics`, `GET /api/v1/openapi.json`.
struct SystemRoutes {
    let services: ServerServices
    let metrics: ServerMetrics

    struct Health: Encodable, Sendable {
        var status: String
        var tenants: Int
        var database: String
    }

    func register(on routes: APIRouteRecorder) {
        routes.add(.get, "/healthz") { _, _ in
            do {
                _ = try await services.store.schemaStatus()
            } catch {
                return JSONResponse(Health(status: "unavailable", tenants: services.callCenter.directory.tenants.count, database: "unreachable"),
                                    status: .serviceUnavailable)
            }
            return JSONResponse(Health(status: "ok", tenants: services.callCenter.directory.tenants.count, database: "ok"))
        }
        // Per-tenant gauges name every tenant and its traffic: a platform operator or the
        // scraper holding the token reads them, nobody else.
        routes.add(.get, "/metrics") { _, context in
            if !context.isMetricsScraper { _ = try context.require(.managePlatform) }
            let text = await metrics.scrape(services)
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(string: text)))
        }
        routes.add(.get, "/api/v1/openapi.json") { _, _ in
            guard let data = OpenAPIDocument.data else {
                throw APIError(.internalServerError, code: "internal", message: "the OpenAPI document is missing from the build or its fragments clash")
            }
            return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
    }
}
