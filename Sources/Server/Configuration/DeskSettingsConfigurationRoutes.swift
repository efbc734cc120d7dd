// The tenant admin's side of the desk settings: the embedded CRM page's URL template and
// the disposition codes call notes offer, read by admins and supervisors, changed by the
// tenant admin, audited, and announced on the tenant's event streams so open desktops
// reload them.

import Foundation
import Hummingbird
import Store

/// `GET` and `PUT /api/v1/config/desk-settings`.
struct DeskSettingsConfigurationRoutes {
    let services: ServerServices

    /// The settings as the API shows them.
    struct Output: Encodable, Sendable {
        var crmUrlTemplate: String?
        /// The codes call notes offer (the tenant's own or the standard list).
        var dispositionCodes: [DispositionCode]
        /// Whether the tenant uses the built-in list (it defined no codes of its own).
        var standardDispositionCodes: Bool

        init(_ settings: DeskSettings) {
            crmUrlTemplate = settings.crmURLTemplate
            dispositionCodes = settings.dispositionCodes
            standardDispositionCodes = settings.customDispositionCodes == nil
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(crmUrlTemplate, forKey: .crmUrlTemplate)
            try container.encode(dispositionCodes, forKey: .dispositionCodes)
            try container.encode(standardDispositionCodes, forKey: .standardDispositionCodes)
        }

        private enum CodingKeys: String, CodingKey {
            case crmUrlTemplate, dispositionCodes, standardDispositionCodes
        }
    }

    /// The body of `PUT`: the whole settings. A missing or null (or empty) template means
    /// no CRM page; missing or null codes mean the standard list.
    struct Input: Decodable {
        struct Code: Decodable {
            var code: String?
            var nameZh: String?
            var nameEn: String?
        }

        var crmUrlTemplate: String?
        var dispositionCodes: [Code]?

        var settings: DeskSettings {
            let template = crmUrlTemplate?.trimmingCharacters(in: .whitespaces)
            return DeskSettings(
                crmURLTemplate: template?.isEmpty == false ? template : nil,
                customDispositionCodes: dispositionCodes?.map {
                    DispositionCode(code: $0.code ?? "", nameZh: $0.nameZh ?? "", nameEn: $0.nameEn ?? "")
                })
        }
    }

    func register(on routes: APIRouteRecorder) {
        routes.add(.get, "/api/v1/config/desk-settings") { _, context in
            let tenant = try context.require(.readConfiguration).requireTenant()
            return JSONResponse(Output(try await services.store.deskSettings.get(tenant)))
        }
        routes.add(.put, "/api/v1/config/desk-settings") { request, context in
            let principal = try context.require(.configure)
            let tenant = try principal.requireTenant()
            let settings = try await request.decodeJSON(as: Input.self, context: context).settings
            try await services.store.deskSettings.save(tenant, settings)
            try await services.store.auditLog.record(.tenant(tenant), AuditEntry(
                occurredAt: services.now(), actor: principal.auditActor, action: "desk_settings.update", objectKind: "desk_settings",
                objectID: tenant.rawValue, sourceAddress: context.remoteAddress,
                detail: ["crm_url_template": settings.crmURLTemplate ?? "",
                         "disposition_codes": settings.dispositionCodes.map(\.code).joined(separator: ",")]))
            services.noticeBoard.deskSettingsChanged(at: services.now(), for: tenant)
            return JSONResponse(Output(settings))
        }
    }
}
