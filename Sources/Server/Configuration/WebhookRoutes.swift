// A tenant's webhooks: URLs their CRM registers for call events, the signing secret (shown
// once, at creation) and the delivery log.

import Foundation
import Hummingbird
import Store

/// `/api/v1/config/webhooks...`.
struct WebhookRoutes {
    let services: ServerServices

    /// A webhook as the API writes it; on update, missing fields keep their value.
    struct Input: Decodable {
        var url: String?
        /// Event types (`call.ended`, ...) or `*`.
        var events: [String]?
        var active: Bool?
    }

    struct Output: Encodable, Sendable {
        var id, url: String
        var events: [String]
        var active: Bool
        var createdAt, updatedAt: Date
        /// The HMAC-SHA256 signing secret: in the creation answer only.
        var secret: String?

        init(_ webhook: Webhook, secret: String? = nil) {
            id = webhook.id.rawValue
            url = webhook.url
            events = webhook.events
            active = webhook.active
            createdAt = webhook.createdAt
            updatedAt = webhook.updatedAt
            self.secret = secret
        }
    }

    struct DeliveryOutput: Encodable, Sendable {
        var id, eventType, status: String
        var attempts: Int
        var lastStatusCode: Int?
        var lastError: String?
        var nextAttemptAt, lastAttemptAt, deliveredAt: Date?
        var createdAt: Date
        var payload: String

        init(_ delivery: WebhookDelivery) {
            id = delivery.id.rawValue
            eventType = delivery.eventType
            status = delivery.status.rawValue
            attempts = delivery.attempts
            lastStatusCode = delivery.lastStatusCode
            lastError = delivery.lastError
            nextAttemptAt = delivery.nextAttemptAt
            lastAttemptAt = delivery.lastAttemptAt
            deliveredAt = delivery.deliveredAt
            createdAt = delivery.createdAt
            payload = delivery.payload
        }
    }

    func register(on routes: APIRouteRecorder) {
        let webhooks = services.store.webhooks
        routes.add(.get, "/api/v1/config/webhooks") { _, context in
            let tenant = try context.require(.configure).requireTenant()
            return JSONResponse(ItemList(items: try await webhooks.list(tenant).map { Output($0) }))
        }
        routes.add(.post, "/api/v1/config/webhooks") { request, context in
            let principal = try context.require(.configure)
            let tenant = try principal.requireTenant()
            let input = try await request.decodeJSON(as: Input.self, context: context)
            guard let url = input.url else { throw APIError.invalid("url", "is required") }
            let webhook = try await webhooks.create(tenant, WebhookDefinition(url: url, events: input.events ?? ["*"], active: input.active ?? true))
            try await services.store.auditLog.record(.tenant(tenant), AuditEntry(
                occurredAt: services.now(), actor: principal.auditActor, action: "webhook.create", objectKind: "webhook",
                objectID: webhook.id.rawValue, sourceAddress: context.remoteAddress, detail: ["url": url]))
            return JSONResponse(Output(webhook, secret: webhook.secret), status: .created)
        }
        routes.add(.get, "/api/v1/config/webhooks/{id}") { _, context in
            let tenant = try context.require(.configure).requireTenant()
            return JSONResponse(Output(try await webhooks.get(tenant, WebhookID(rawValue: try context.pathParameter("id")))))
        }
        routes.add(.put, "/api/v1/config/webhooks/{id}") { request, context in
            let principal = try context.require(.configure)
            let tenant = try principal.requireTenant()
            let id = WebhookID(rawValue: try context.pathParameter("id"))
            var definition = try await webhooks.get(tenant, id).definition
            let input = try await request.decodeJSON(as: Input.self, context: context)
            if let url = input.url { definition.url = url }
            if let events = input.events { definition.events = events }
            if let active = input.active { definition.active = active }
            let webhook = try await webhooks.update(tenant, id, definition)
            try await services.store.auditLog.record(.tenant(tenant), AuditEntry(
                occurredAt: services.now(), actor: principal.auditActor, action: "webhook.update", objectKind: "webhook",
                objectID: id.rawValue, sourceAddress: context.remoteAddress, detail: ["url": webhook.url]))
            return JSONResponse(Output(webhook))
        }
        routes.add(.delete, "/api/v1/config/webhooks/{id}") { _, context in
            let principal = try context.require(.configure)
            let tenant = try principal.requireTenant()
            let id = WebhookID(rawValue: try context.pathParameter("id"))
            try await webhooks.delete(tenant, id)
            try await services.store.auditLog.record(.tenant(tenant), AuditEntry(
                occurredAt: services.now(), actor: principal.auditActor, action: "webhook.delete", objectKind: "webhook",
                objectID: id.rawValue, sourceAddress: context.remoteAddress))
            return NoContent()
        }
        routes.add(.get, "/api/v1/config/webhooks/{id}/deliveries") { _, context in
            let tenant = try context.require(.configure).requireTenant()
            let id = WebhookID(rawValue: try context.pathParameter("id"))
            _ = try await webhooks.get(tenant, id)
            return JSONResponse(ItemList(items: try await webhooks.deliveries(tenant, id).map(DeliveryOutput.init)))
        }
    }
}
