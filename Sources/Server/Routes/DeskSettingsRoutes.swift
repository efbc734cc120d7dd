// What the agent desktop loads once after login: the tenant's not-ready reasons for the
// call bar, the tenant's disposition codes for call notes and CRM URL template, and the
// numbers click-to-dial may show as caller ID (the tenant's outbound-enabled numbers).

import Foundation
import Hummingbird
import Store

/// `GET /api/v1/desk`.
struct DeskSettingsRoutes {
    let services: ServerServices

    struct Reason: Encodable, Sendable {
        var code: String
        var name: String
    }

    struct Settings: Encodable, Sendable {
        var notReadyReasons: [Reason]
        var dispositionCodes: [DispositionCode]
        var callerIds: [String]
        /// The embedded CRM page's URL template; `null` when the tenant set none.
        var crmUrlTemplate: String?

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(notReadyReasons, forKey: .notReadyReasons)
            try container.encode(dispositionCodes, forKey: .dispositionCodes)
            try container.encode(callerIds, forKey: .callerIds)
            try container.encode(crmUrlTemplate, forKey: .crmUrlTemplate)
        }

        private enum CodingKeys: String, CodingKey {
            case notReadyReasons, dispositionCodes, callerIds, crmUrlTemplate
        }
    }

    func register(on routes: APIRouteRecorder) {
        routes.add(.get, "/api/v1/desk") { _, context in
            let tenant = try context.require(.streamEvents).requireTenant()
            let reasons = try await services.store.notReadyReasons.list(tenant).filter(\.active)
            let numbers = try await services.store.accessNumbers.list(tenant).filter(\.outbound)
            let desk = try await services.store.deskSettings.get(tenant)
            return JSONResponse(Settings(
                notReadyReasons: reasons.map { Reason(code: $0.code, name: $0.name) },
                dispositionCodes: desk.dispositionCodes, callerIds: numbers.map(\.number).sorted(),
                crmUrlTemplate: desk.crmURLTemplate))
        }
    }
}
