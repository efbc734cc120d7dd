// Agents and their presence: the list with live states (supervisors), and the state
// change (sign in, sign out, ready, not ready with reason) from the desktop or the board.

import CallCenter
import Foundation
import Hummingbird
import Store

/// `GET /api/v1/agents`, `POST /api/v1/agents/{id}/state`.
struct AgentRoutes {
    let services: ServerServices

    /// A presence change.
    struct StateChange: Decodable {
        /// `sign_in`, `sign_out`, `ready` or `not_ready`.
        var action: String
        /// The not-ready reason's code (required for `not_ready`).
        var reason: String?
    }

    struct AgentList: Encodable, Sendable {
        var items: [AgentSummary]
    }

    struct StateResult: Encodable, Sendable {
        var agentId: String
        var state: AgentStateBody
    }

    func register(on routes: APIRouteRecorder) {
        routes.add(.get, "/api/v1/agents") { _, context in
            let tenant = try context.require(.readAgents).requireTenant()
            let runtime = services.callCenter.directory.tenant(id: tenant.rawValue)
            let items = (runtime?.agentsByID.values.map { $0 } ?? []).sorted { $0.workNumber < $1.workNumber }.map {
                AgentSummary($0, board: services.callCenter.board, tenant: tenant.rawValue)
            }
            return JSONResponse(AgentList(items: items))
        }
        routes.add(.post, "/api/v1/agents/{id}/state") { request, context in try await changeState(request, context) }
    }

    private func changeState(_ request: Request, _ context: KefuRequestContext) async throws -> JSONResponse<StateResult> {
        let principal = try context.require(.changeAgentState)
        let tenant = try principal.requireTenant()
        let agentID = try context.pathParameter("id")
        guard services.callCenter.directory.tenant(id: tenant.rawValue)?.agentsByID[agentID] != nil else {
            throw APIError.notFound("agent", agentID)
        }
        let bySupervisor = principal.seesWholeTenant
        if !bySupervisor, principal.agentID?.rawValue != agentID {
            throw APIError.forbidden("an agent may change only their own state")
        }
        let change = try await request.decodeJSON(as: StateChange.self, context: context)
        let command = try await command(for: change, tenant: tenant)
        let state: AgentStateBody
        do {
            state = AgentStateBody(
                try await services.callCenter.apply(command, agent: agentID, tenant: tenant.rawValue, bySupervisor: bySupervisor))
        } catch let refusal as AgentPresenceRefused {
            throw APIError(.conflict, code: "presence_refused", message: refusal.description, field: "action")
        }
        if bySupervisor, principal.agentID?.rawValue != agentID {
            try await services.store.auditLog.record(.tenant(tenant), AuditEntry(
                occurredAt: services.now(), actor: principal.auditActor, action: "agent.force_state", objectKind: "agent",
                objectID: agentID, sourceAddress: context.remoteAddress,
                detail: ["action": change.action, "reason": change.reason ?? ""].filter { !$0.value.isEmpty }))
        }
        return JSONResponse(StateResult(agentId: agentID, state: state))
    }

    private func command(for change: StateChange, tenant: TenantID) async throws -> AgentPresenceCommand {
        switch change.action {
        case "sign_in": return .signIn
        case "sign_out": return .signOut
        case "ready": return .ready
        case "not_ready":
            guard let reason = change.reason, !reason.isEmpty else {
                throw APIError.invalid("reason", "not_ready needs the code of one of the tenant's not-ready reasons")
            }
            guard let known = try await services.store.notReadyReasons.find(tenant, code: reason), known.active else {
                let codes = try await services.store.notReadyReasons.list(tenant).filter(\.active).map(\.code)
                throw APIError.invalid("reason", "'\(reason)' is not one of this tenant's not-ready reasons (\(codes.joined(separator: ", ")))")
            }
            return .notReady(reason: reason)
        default:
            throw APIError.invalid("action", "must be sign_in, sign_out, ready or not_ready")
        }
    }
}
