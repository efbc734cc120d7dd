// The platform operator's tenants (虚拟中心) and their quotas.

import Foundation
import Hummingbird
import Store

/// `/api/v1/platform/tenants...` (platform admin only).
struct TenantRoutes {
    let services: ServerServices

    /// A tenant as the API writes it; on update, missing fields keep their value.
    struct Input: Decodable {
        var code: String?
        var name: String?
        var timeZone: String?
        var sipDomain: String?
        var maskingPolicy: String?
        var retentionDays: Int?
        var status: String?
        var quotas: QuotasBody?

        func apply(to definition: inout TenantDefinition) throws {
            if let code { definition.code = code }
            if let name { definition.name = name }
            if let timeZone { definition.timeZone = timeZone }
            if let sipDomain { definition.sipDomain = sipDomain }
            if let maskingPolicy { definition.maskingPolicy = try enumField(maskingPolicy, "masking_policy", as: MaskingPolicy.self) }
            try checkRange(retentionDays, "retention_days", 1...36_500)
            if let retentionDays { definition.retentionDays = retentionDays }
            if let status { definition.status = try enumField(status, "status", as: TenantStatus.self) }
            if let quotas { definition.quotas = try quotas.quotas() }
        }
    }

    /// Seats, IVR ports and the tenant's own overload limits (absent: the platform default).
    struct QuotasBody: Codable, Sendable {
        var seats: Int
        var ivrPorts: Int
        var maxConcurrentCalls: Int?
        var maxCallsPerSecond: Int?

        init(_ quotas: TenantQuotas) {
            seats = quotas.seats
            ivrPorts = quotas.ivrPorts
            maxConcurrentCalls = quotas.maxConcurrentCalls
            maxCallsPerSecond = quotas.maxCallsPerSecond
        }

        func quotas() throws -> TenantQuotas {
            try checkRange(seats, "quotas.seats", 0...100_000)
            try checkRange(ivrPorts, "quotas.ivr_ports", 0...100_000)
            if let maxConcurrentCalls { try checkRange(maxConcurrentCalls, "quotas.max_concurrent_calls", 1...1_000_000) }
            if let maxCallsPerSecond { try checkRange(maxCallsPerSecond, "quotas.max_calls_per_second", 1...100_000) }
            return TenantQuotas(seats: seats, ivrPorts: ivrPorts, maxConcurrentCalls: maxConcurrentCalls, maxCallsPerSecond: maxCallsPerSecond)
        }
    }

    struct Output: Encodable, Sendable {
        var id, code, name, timeZone, sipDomain, maskingPolicy, status: String
        var retentionDays: Int
        var quotas: QuotasBody
        var createdAt, updatedAt: Date

        init(_ tenant: Tenant) {
            id = tenant.id.rawValue
            code = tenant.code
            name = tenant.name
            timeZone = tenant.timeZone
            sipDomain = tenant.sipDomain
            maskingPolicy = tenant.maskingPolicy.rawValue
            status = tenant.status.rawValue
            retentionDays = tenant.retentionDays
            quotas = QuotasBody(tenant.quotas)
            createdAt = tenant.createdAt
            updatedAt = tenant.updatedAt
        }
    }

    func register(on routes: APIRouteRecorder) {
        routes.add(.get, "/api/v1/platform/tenants") { _, context in
            _ = try context.require(.managePlatform)
            return JSONResponse(ItemList(items: try await services.store.tenants.list().map(Output.init)))
        }
        routes.add(.post, "/api/v1/platform/tenants") { request, context in
            let principal = try context.require(.managePlatform)
            let input = try await request.decodeJSON(as: Input.self, context: context)
            for (field, value) in [("code", input.code), ("name", input.name), ("sip_domain", input.sipDomain)] where value == nil {
                throw APIError.invalid(field, "is required")
            }
            var definition = TenantDefinition(code: "", name: "", timeZone: "Asia/Shanghai", sipDomain: "")
            try input.apply(to: &definition)
            let tenant = try await services.store.tenants.create(definition)
            try await services.configurationChanged(context, by: principal, scope: .platform, action: "tenant.create", kind: "tenant",
                                                    id: tenant.id.rawValue, detail: ["code": tenant.code])
            return JSONResponse(Output(tenant), status: .created)
        }
        routes.add(.get, "/api/v1/platform/tenants/{id}") { _, context in
            _ = try context.require(.managePlatform)
            return JSONResponse(Output(try await services.store.tenants.get(TenantID(rawValue: try context.pathParameter("id")))))
        }
        routes.add(.put, "/api/v1/platform/tenants/{id}") { request, context in
            let principal = try context.require(.managePlatform)
            let id = TenantID(rawValue: try context.pathParameter("id"))
            var definition = try await services.store.tenants.get(id).definition
            try await request.decodeJSON(as: Input.self, context: context).apply(to: &definition)
            let tenant = try await services.store.tenants.update(id, definition)
            try await services.configurationChanged(context, by: principal, scope: .platform, action: "tenant.update", kind: "tenant", id: id.rawValue)
            return JSONResponse(Output(tenant))
        }
        routes.add(.put, "/api/v1/platform/tenants/{id}/quotas") { request, context in
            let principal = try context.require(.managePlatform)
            let id = TenantID(rawValue: try context.pathParameter("id"))
            var definition = try await services.store.tenants.get(id).definition
            definition.quotas = try await request.decodeJSON(as: QuotasBody.self, context: context).quotas()
            let tenant = try await services.store.tenants.update(id, definition)
            try await services.configurationChanged(
                context, by: principal, scope: .platform, action: "tenant.quotas", kind: "tenant", id: id.rawValue,
                detail: ["seats": "\(definition.quotas.seats)", "ivr_ports": "\(definition.quotas.ivrPorts)"])
            return JSONResponse(Output(tenant))
        }
        routes.add(.delete, "/api/v1/platform/tenants/{id}") { _, context in
            let principal = try context.require(.managePlatform)
            let id = TenantID(rawValue: try context.pathParameter("id"))
            guard try await services.store.tenants.get(id).status == .suspended else {
                throw APIError(.conflict, code: "conflict", message: "deleting a tenant removes all its data and records; suspend it first",
                               field: "status")
            }
            try await services.store.tenants.delete(id)
            try await services.configurationChanged(context, by: principal, scope: .platform, action: "tenant.delete", kind: "tenant", id: id.rawValue)
            return NoContent()
        }
    }
}
