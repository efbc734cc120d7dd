// Call control from the agent's call bar and the supervisor's board: live calls, hang up,
// hold, resume, mute, transfer, consult, survey push, listen/whisper/barge, intercept, force
// release, and click-to-dial. Agents act on their own calls; supervisors on any call of their
// tenant, and every supervisor action is written to the audit log.

import CallCenter
import Foundation
import Hummingbird
import Store

/// `GET/POST /api/v1/calls` and `POST /api/v1/calls/{id}/…`.
struct CallControlRoutes {
    let services: ServerServices

    /// A transfer or consultation target.
    struct Target: Decodable {
        /// `agent`, `queue`, `external` or `ivr`.
        var kind: String?
        /// Work number or extension, queue id or name, phone number, `flow` or `flow#node`.
        var value: String?
    }

    struct TargetBody: Decodable {
        var target: Target?
    }

    struct SuperviseBody: Decodable {
        /// `listen`, `whisper` or `barge`.
        var mode: String?
    }

    struct DialBody: Decodable {
        var destination: String?
        /// One of the tenant's outbound-enabled numbers (the first one when absent).
        var callerID: String?
    }

    /// A live call as the call bar shows it (the caller masked for agents by tenant policy).
    struct CallView: Encodable, Sendable {
        var callID: String
        var direction: String
        var caller: String
        var called: String
        var phase: String
        var agentID: String?
        var held: Bool
        var muted: Bool
        var consultTarget: String?
        var consultState: String?
        var supervisorAgentID: String?
        var supervisionMode: String?
        var arrivedAt: Date
        var answeredAt: Date?

        init(_ call: LiveCallView, masking: MaskingPolicy?) {
            callID = call.callID
            direction = call.direction
            // An extension call's parties are colleagues' extensions, not customer numbers.
            caller = call.direction == "internal" ? call.caller : masking.map { $0.mask(call.caller) } ?? call.caller
            called = call.called
            phase = call.phase
            agentID = call.agentID
            held = call.held
            muted = call.muted
            consultTarget = call.consultTarget
            consultState = call.consultState
            supervisorAgentID = call.supervisorAgentID
            supervisionMode = call.supervisionMode
            arrivedAt = call.arrivedAt
            answeredAt = call.answeredAt
        }
    }

    struct CallBody: Encodable, Sendable {
        var call: CallView
    }

    struct CallList: Encodable, Sendable {
        var items: [CallView]
    }

    func register(on routes: APIRouteRecorder) {
        routes.add(.get, "/api/v1/calls") { _, context in
            let principal = try context.require(.controlCalls)
            let tenant = try principal.requireTenant()
            let masking = try await masking(for: principal, tenant: tenant)
            let calls = await services.callCenter.liveCalls(tenant: tenant.rawValue, requester: requester(principal, tenant: tenant))
            return JSONResponse(CallList(items: calls.map { CallView($0, masking: masking) }))
        }
        routes.add(.post, "/api/v1/calls") { request, context in try await dial(request, context) }
        let simple: [(String, CallControlCommand)] = [
            ("answer", .answer), ("hangup", .hangUp), ("hold", .hold), ("resume", .resume), ("mute", .mute), ("unmute", .unmute),
            ("consult/complete", .consultComplete), ("consult/conference", .consultConference), ("consult/cancel", .consultCancel),
            ("survey", .survey), ("intercept", .intercept), ("release", .release),
        ]
        for (path, command) in simple {
            routes.add(.post, "/api/v1/calls/{id}/\(path)") { _, context in try await act(command, context) }
        }
        routes.add(.post, "/api/v1/calls/{id}/transfer") { request, context in
            try await act(.transfer(try await target(request, context)), context)
        }
        routes.add(.post, "/api/v1/calls/{id}/consult") { request, context in
            try await act(.consult(try await target(request, context)), context)
        }
        routes.add(.post, "/api/v1/calls/{id}/supervise") { request, context in
            let body = try await request.decodeJSON(as: SuperviseBody.self, context: context)
            guard let name = body.mode else { throw APIError.invalid("mode", "is required: listen, whisper or barge") }
            guard let mode = SupervisionMode(rawValue: name) else {
                throw APIError.invalid("mode", "must be listen, whisper or barge, got '\(name)'")
            }
            return try await act(.supervise(mode), context)
        }
    }

    /// The requester the call center checks: a scoped supervisor reaches only the calls of
    /// their scope's agents (and their own), a team lead also calls still waiting for an
    /// agent; others are 404.
    private func requester(_ principal: Principal, tenant: TenantID) -> CallControlRequester {
        var scope: Set<String>?
        if principal.supervises, let agents = principal.agentScope.agentIDs(in: services.callCenter.directory.tenant(id: tenant.rawValue)) {
            scope = agents.union(principal.agentID.map { [$0.rawValue] } ?? [])
        }
        return CallControlRequester(agentID: principal.agentID?.rawValue, supervises: principal.supervises, scope: scope,
                                    scopeIncludesWaiting: principal.agentScope.seesWaitingCalls)
    }

    private func masking(for principal: Principal, tenant: TenantID) async throws -> MaskingPolicy? {
        guard principal.seesMaskedNumbers else { return nil }
        return try await services.store.tenants.get(tenant).maskingPolicy
    }

    private func target(_ request: Request, _ context: KefuRequestContext) async throws -> CallTransferTarget {
        // The role is checked before the body is read.
        _ = try context.require(.controlCalls)
        let body = try await request.decodeJSON(as: TargetBody.self, context: context)
        guard let target = body.target else { throw APIError.invalid("target", "is required: {\"kind\": …, \"value\": …}") }
        guard let kind = target.kind else { throw APIError.invalid("target.kind", "is required: agent, queue, external or ivr") }
        guard let value = target.value else { throw APIError.invalid("target.value", "is required") }
        do {
            return try CallTransferTarget(kind: kind, value: value)
        } catch {
            throw Self.apiError(error)
        }
    }

    private func act(_ command: CallControlCommand, _ context: KefuRequestContext) async throws -> JSONResponse<CallBody> {
        let principal = try context.require(command.isSupervisorAction ? .superviseCalls : .controlCalls)
        let tenant = try principal.requireTenant()
        let callID = try context.pathParameter("id")
        let view: LiveCallView
        do {
            view = try await services.callCenter.control(callID, tenant: tenant.rawValue, requester: requester(principal, tenant: tenant), command)
        } catch {
            throw Self.apiError(error)
        }
        if command.isSupervisorAction || (principal.supervises && view.agentID != principal.agentID?.rawValue) {
            var detail = ["command": command.name]
            if let agent = view.agentID { detail["agent"] = agent }
            try await services.store.auditLog.record(.tenant(tenant), AuditEntry(
                occurredAt: services.now(), actor: principal.auditActor, action: "call.\(command.name)", objectKind: "call",
                objectID: callID, sourceAddress: context.remoteAddress, detail: detail))
        }
        return JSONResponse(CallBody(call: CallView(view, masking: try await masking(for: principal, tenant: tenant))))
    }

    private func dial(_ request: Request, _ context: KefuRequestContext) async throws -> JSONResponse<CallBody> {
        let principal = try context.require(.placeCalls)
        let tenant = try principal.requireTenant()
        let body = try await request.decodeJSON(as: DialBody.self, context: context)
        guard let destination = body.destination else { throw APIError.invalid("destination", "is required: the number to call") }
        guard let agent = principal.agentID else {
            throw APIError(.unprocessableContent, code: "invalid_target", message: "click-to-dial rings your own phone: your user is not an agent", field: "user")
        }
        let view: LiveCallView
        do {
            view = try await services.callCenter.placeCall(
                tenant: tenant.rawValue, agent: agent.rawValue, destination: destination, callerID: body.callerID)
        } catch {
            throw Self.apiError(error)
        }
        return JSONResponse(CallBody(call: CallView(view, masking: nil)))
    }

    /// The API's answer to a refusal: 404, 403, 409 or 422 with the field.
    static func apiError(_ refusal: CallControlRefusal) -> APIError {
        switch refusal {
        case .notFound(let message): APIError(.notFound, code: "not_found", message: message)
        case .forbidden(let message): APIError(.forbidden, code: "forbidden", message: message)
        case .conflict(let message): APIError(.conflict, code: "call_state", message: message)
        case .invalidTarget(let message, let field): APIError(.unprocessableContent, code: "invalid_target", message: message, field: field)
        }
    }
}
