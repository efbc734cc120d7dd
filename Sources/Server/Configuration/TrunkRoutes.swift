// The platform's SIP trunks to carriers; their digest credentials are write-only (stored
// as HA1 hashes, never returned).

import Foundation
import Hummingbird
import Store

/// `/api/v1/platform/trunks...` (platform admin only).
struct TrunkRoutes {
    let services: ServerServices

    /// A trunk as the API writes it; on update, missing fields keep their value.
    struct Input: Decodable {
        var name: String?
        var tenantId: String?
        var transport: String?
        var addresses: [String]?
        var inbound: Bool?
        var outbound: Bool?
        var trusted: Bool?
        var maxChannels: Int?
        var allowedPrefixes: [String]?
        /// Digest credentials for registering with the carrier: write-only.
        var username: String?
        var password: String?
        var realm: String?

        func apply(to definition: inout TrunkDefinition) throws {
            if let name { definition.name = name }
            if let tenantId { definition.tenantID = tenantId.isEmpty ? nil : TenantID(rawValue: tenantId) }
            if let transport { definition.transport = try enumField(transport, "transport", as: TrunkTransport.self) }
            if let addresses {
                definition.addresses = try addresses.enumerated().map { index, text in
                    guard let address = TrunkAddress(parsing: text) else {
                        throw APIError.invalid("addresses[\(index)]", "'\(text)' is not host, host:port or [v6]:port")
                    }
                    return address
                }
            }
            if let inbound { definition.inbound = inbound }
            if let outbound { definition.outbound = outbound }
            if let trusted { definition.trusted = trusted }
            try checkRange(maxChannels, "max_channels", 1...100_000)
            if let maxChannels { definition.maxChannels = maxChannels }
            if let allowedPrefixes { definition.allowedPrefixes = allowedPrefixes }
            if let password {
                guard let username, !username.isEmpty else { throw APIError.invalid("username", "is required with a password") }
                definition.credentials = DigestHA1(realm: realm ?? definition.name, username: username, password: password)
            }
        }
    }

    struct Output: Encodable, Sendable {
        var id, name, transport: String
        var tenantId: String?
        var addresses: [String]
        var inbound, outbound, trusted: Bool
        var maxChannels: Int?
        var allowedPrefixes: [String]
        /// The digest user name; the password is never returned.
        var username: String?
        var hasCredentials: Bool
        var createdAt, updatedAt: Date

        init(_ trunk: Trunk) {
            id = trunk.id.rawValue
            name = trunk.name
            transport = trunk.transport.rawValue
            tenantId = trunk.tenantID?.rawValue
            addresses = trunk.addresses.map(\.text)
            inbound = trunk.inbound
            outbound = trunk.outbound
            trusted = trunk.trusted
            maxChannels = trunk.maxChannels
            allowedPrefixes = trunk.allowedPrefixes
            username = trunk.credentials?.username
            hasCredentials = trunk.credentials != nil
            createdAt = trunk.createdAt
            updatedAt = trunk.updatedAt
        }
    }

    func register(on routes: APIRouteRecorder) {
        routes.add(.get, "/api/v1/platform/trunks") { _, context in
            _ = try context.require(.managePlatform)
            return JSONResponse(ItemList(items: try await services.store.trunks.list().map(Output.init)))
        }
        routes.add(.post, "/api/v1/platform/trunks") { request, context in
            let principal = try context.require(.managePlatform)
            let input = try await request.decodeJSON(as: Input.self, context: context)
            guard input.name != nil else { throw APIError.invalid("name", "is required") }
            guard input.addresses?.isEmpty == false else { throw APIError.invalid("addresses", "must name at least one address") }
            var definition = TrunkDefinition(name: "", addresses: [])
            try input.apply(to: &definition)
            let trunk = try await services.store.trunks.create(definition)
            try await services.configurationChanged(context, by: principal, scope: .platform, action: "trunk.create", kind: "trunk",
                                                    id: trunk.id.rawValue, detail: ["name": trunk.name])
            return JSONResponse(Output(trunk), status: .created)
        }
        routes.add(.get, "/api/v1/platform/trunks/{id}") { _, context in
            _ = try context.require(.managePlatform)
            return JSONResponse(Output(try await services.store.trunks.get(TrunkID(rawValue: try context.pathParameter("id")))))
        }
        routes.add(.put, "/api/v1/platform/trunks/{id}") { request, context in
            let principal = try context.require(.managePlatform)
            let id = TrunkID(rawValue: try context.pathParameter("id"))
            var definition = try await services.store.trunks.get(id).definition
            let input = try await request.decodeJSON(as: Input.self, context: context)
            try input.apply(to: &definition)
            let trunk = try await services.store.trunks.update(id, definition)
            try await services.configurationChanged(context, by: principal, scope: .platform, action: "trunk.update", kind: "trunk", id: id.rawValue,
                                                    detail: input.password != nil ? ["credentials": "changed"] : [:])
            return JSONResponse(Output(trunk))
        }
        routes.add(.delete, "/api/v1/platform/trunks/{id}") { _, context in
            let principal = try context.require(.managePlatform)
            let id = TrunkID(rawValue: try context.pathParameter("id"))
            try await services.store.trunks.delete(id)
            try await services.configurationChanged(context, by: principal, scope: .platform, action: "trunk.delete", kind: "trunk", id: id.rawValue)
            return NoContent()
        }
    }
}
