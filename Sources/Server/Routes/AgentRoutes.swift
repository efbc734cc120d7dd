// Agents and their presence: the list with live states (supervisors), and the state
// change (sign in, sign out, ready, not ready with reason) from the desktop or the board.

import CallCenter
import Foundation
import Hummingbird
import Store

/// `GET /api/v1/agents`, `POST /api/v1/agents/{id}/state`, `PUT /api/v1/agents/{id}/queues`.
/// Supervisors and partner managers see and act on the agents of their scope only
/// (``Principal/agentScope``); others are 404, as another tenant's are.
struct AgentRoutes {
    let services: ServerServices

    /// A presence change.
    struct StateChange: Decodable {
        /// `sign_in`, `sign_out`, `ready` or `not_ready`.
        var action: String
        /// The not-ready reason's code (required for `not_ready`).
        var reason: String?
        /// For `sign_in`: the queues (skill groups, store ids) to sign in to; all when absent.
        var queues: [String]?
    }

    /// The queues a signed-in agent serves from now on.
    struct QueueChoice: Decodable {
        var queues: [String]?
    }

    struct QueueResult: Encodable, Sendable {
        var agentId: String
        var state: AgentStateBody
        var signedInQueues: [String]
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
            let principal = try context.require(.readAgents)
            let tenant = try principal.requireTenant()
            let runtime = services.callCenter.directory.tenant(id: tenant.rawValue)
            let scope = principal.agentScope
            let items = (runtime?.agentsByID.values.filter(scope.contains) ?? []).sorted { $0.workNumber < $1.workNumber }.map {
                AgentSummary($0, board: services.callCenter.board, tenant: tenant.rawValue)
            }
            return JSONResponse(AgentList(items: items))
        }
        routes.add(.post, "/api/v1/agents/{id}/state") { request, context in try await changeState(request, context) }
        routes.add(.put, "/api/v1/agents/{id}/queues") { request, context in try await chooseQueues(request, context) }
    }

    /// The agent `{id}` when the caller may act on it: their own agent, or one in their scope
    /// when they supervise (404 outside it); and whether it is a supervisor's change.
    private func reachableAgent(_ principal: Principal, _ context: KefuRequestContext) throws -> (TenantID, AgentRecord, bySupervisor: Bool) {
        let tenant = try principal.requireTenant()
        let agentID = try context.pathParameter("id")
        guard let record = services.callCenter.directory.tenant(id: tenant.rawValue)?.agentsByID[agentID] else {
            throw APIError.notFound("agent", agentID)
        }
        if principal.agentID?.rawValue == agentID { return (tenant, record, principal.supervises) }
        guard principal.supervises else { throw APIError.forbidden("an agent may change only their own state") }
        guard principal.agentScope.contains(record) else { throw APIError.notFound("agent", agentID) }
        return (tenant, record, true)
    }

    private func changeState(_ request: Request, _ context: KefuRequestContext) async throws -> JSONResponse<StateResult> {
        let principal = try context.require(.changeAgentState)
        let (tenant, record, bySupervisor) = try reachableAgent(principal, context)
        let agentID = record.id
        let change = try await request.decodeJSON(as: StateChange.self, context: context)
        let command = try await command(for: change, tenant: tenant)
        let state: AgentStateBody
        do {
            state = AgentStateBody(
                try await services.callCenter.apply(command, agent: agentID, tenant: tenant.rawValue, bySupervisor: bySupervisor))
        } catch let refusal as AgentPresenceRefused {
            throw APIError(.conflict, code: "presence_refused", message: refusal.description, field: change.queues == nil ? "action" : "queues")
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
        case "sign_in":
            guard let queues = change.queues else { return .signIn }
            guard !queues.isEmpty else { throw APIError.invalid("queues", "choose at least one of the agent's queues, or leave 'queues' out for all") }
            return .signInToQueues(queues)
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

    private func chooseQueues(_ request: Request, _ context: KefuRequestContext) async throws -> JSONResponse<QueueResult> {
        let principal = try context.require(.changeAgentState)
        let (tenant, record, _) = try reachableAgent(principal, context)
        let choice = try await request.decodeJSON(as: QueueChoice.self, context: context)
        guard let queues = choice.queues, !queues.isEmpty else {
            throw APIError.invalid("queues", "is required: the ids of the agent's queues to serve (at least one)")
        }
        let center = services.callCenter
        do {
            try await center.apply(.serveQueues(queues), agent: record.id, tenant: tenant.rawValue)
        } catch let refusal as AgentPresenceRefused {
            throw APIError(.conflict, code: "presence_refused", message: refusal.description, field: "queues")
        }
        let presence = await center.presence(agent: record.id, tenant: tenant.rawValue)
        return JSONResponse(QueueResult(
            agentId: record.id, state: AgentStateBody(center.state(agent: record.id, tenant: tenant.rawValue)),
            signedInQueues: presence?.signedInQueues ?? []))
    }
}
