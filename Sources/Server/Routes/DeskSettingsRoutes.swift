// What the agent desktop loads after login (and after each presence change): the tenant's
// not-ready reasons with their limits and how much of them the agent used this shift, the
// agent's queues (skill groups) with the ones signed in to, the tenant's disposition codes for
// call notes and CRM URL template, and the numbers click-to-dial may show as caller ID.

import CallCenter
import Foundation
import Hummingbird
import Store

/// `GET /api/v1/desk`.
struct DeskSettingsRoutes {
    let services: ServerServices

    struct Reason: Encodable, Sendable {
        var code: String
        var name: String
        /// Longest time in the reason at once (seconds).
        var maxDurationSeconds: Int?
        /// Times per shift.
        var maxPerShift: Int?
        /// Agents of one team in it at once.
        var maxConcurrentPerTeam: Int?
        /// Times the caller's agent chose it this shift (agents only).
        var usedThisShift: Int?
    }

    /// One of the agent's queues (skill groups) and whether the agent is signed in to it.
    struct QueueChoice: Encodable, Sendable {
        var id: String
        var name: String
        var displayName: String
        var tier: Int
        var signedIn: Bool
    }

    struct Settings: Encodable, Sendable {
        var notReadyReasons: [Reason]
        var dispositionCodes: [DispositionCode]
        var callerIds: [String]
        /// The caller's agent's queues (empty for users who are no agent).
        var queues: [QueueChoice]
        /// The embedded CRM page's URL template; `null` when the tenant set none.
        var crmUrlTemplate: String?

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(notReadyReasons, forKey: .notReadyReasons)
            try container.encode(dispositionCodes, forKey: .dispositionCodes)
            try container.encode(callerIds, forKey: .callerIds)
            try container.encode(queues, forKey: .queues)
            try container.encode(crmUrlTemplate, forKey: .crmUrlTemplate)
        }

        private enum CodingKeys: String, CodingKey {
            case notReadyReasons, dispositionCodes, callerIds, queues, crmUrlTemplate
        }
    }

    func register(on routes: APIRouteRecorder) {
        routes.add(.get, "/api/v1/desk") { _, context in
            let principal = try context.require(.streamEvents)
            let tenant = try principal.requireTenant()
            let reasons = try await services.store.notReadyReasons.list(tenant).filter(\.active)
            let numbers = try await services.store.accessNumbers.list(tenant).filter(\.outbound)
            let desk = try await services.store.deskSettings.get(tenant)
            let runtime = services.callCenter.directory.tenant(id: tenant.rawValue)
            var presence: AgentPresenceStatus?
            var queues: [QueueChoice] = []
            if let agent = principal.agentID.flatMap({ runtime?.agentsByID[$0.rawValue] }) {
                presence = await services.callCenter.presence(agent: agent.id, tenant: tenant.rawValue)
                let signedIn = Set(presence?.signedInQueues ?? [])
                queues = agent.queues.compactMap { membership in
                    runtime?.queuesByID[membership.queue].map {
                        QueueChoice(id: $0.id, name: $0.name, displayName: $0.displayName, tier: membership.tier,
                                    signedIn: signedIn.contains($0.id))
                    }
                }.sorted { ($0.tier, $0.name) < ($1.tier, $1.name) }
            }
            return JSONResponse(Settings(
                notReadyReasons: reasons.map {
                    Reason(code: $0.code, name: $0.name, maxDurationSeconds: $0.maxDurationSeconds, maxPerShift: $0.maxPerShift,
                           maxConcurrentPerTeam: $0.maxConcurrentPerTeam,
                           usedThisShift: presence.map { [code = $0.code] in $0.notReadyCounts[code] ?? 0 })
                },
                dispositionCodes: desk.dispositionCodes, callerIds: numbers.map(\.number).sorted(), queues: queues,
                crmUrlTemplate: desk.crmURLTemplate))
        }
    }
}
