// Platform-wide switches a platform operator sets: today whether tenants' flow and prompt
// versions need a reviewer's approval before they can be published.

import Foundation
import Hummingbird
import Store

/// `/api/v1/platform/settings`, for platform operators.
struct PlatformSettingsRoutes {
    let services: ServerServices

    struct Settings: Codable, Sendable {
        /// Whether publishing needs an approved version (内容需审核).
        var contentApprovalRequired: Bool?
    }

    func register(on routes: APIRouteRecorder) {
        let settings = services.store.platformSettings
        routes.add(.get, "/api/v1/platform/settings") { _, context in
            _ = try context.require(.managePlatform)
            return JSONResponse(Settings(contentApprovalRequired: try await settings.approvalRequired()))
        }
        routes.add(.put, "/api/v1/platform/settings") { request, context in
            let principal = try context.require(.managePlatform)
            let input = try await request.decodeJSON(as: Settings.self, context: context)
            if let required = input.contentApprovalRequired {
                try await settings.setApprovalRequired(required)
                try await services.store.auditLog.record(.platform, AuditEntry(
                    occurredAt: services.now(), actor: principal.auditActor, action: "platform.settings", objectKind: "platform_settings",
                    sourceAddress: context.remoteAddress, detail: ["content_approval_required": "\(required)"]))
            }
            return JSONResponse(Settings(contentApprovalRequired: try await settings.approvalRequired()))
        }
    }
}
