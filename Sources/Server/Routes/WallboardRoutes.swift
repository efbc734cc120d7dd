// The supervisor wallboard's snapshot (班长监控): every queue with its live status and
// today's counters, every agent with their state, how long they have been in it and the
// call they are on, and the calls in progress; one request a board can poll or load before
// it follows the event stream.

import CallCenter
import Foundation
import Hummingbird
import Store

/// `GET /api/v1/wallboard`.
struct WallboardRoutes {
    let services: ServerServices

    /// An agent on the board.
    struct AgentRow: Encodable, Sendable {
        var id: String
        var workNumber: String
        var name: String
        var teamId: String?
        var state: AgentStateBody
        /// When the agent entered the state (nil: signed out and not seen since kefu started).
        var stateSince: Date?
        /// The call the agent is offered or talking on.
        var callId: String?
    }

    /// A call in progress on the board (numbers in full: supervisors only).
    struct CallRow: Encodable, Sendable {
        var callId: String
        var caller: String
        var called: String
        var phase: String
        var queue: String?
        var agentId: String?
        var arrivedAt: Date
    }

    struct Board: Encodable, Sendable {
        var generatedAt: Date
        var queues: [QueueRoutes.QueueBody]
        var agents: [AgentRow]
        var calls: [CallRow]
    }

    func register(on routes: APIRouteRecorder) {
        routes.add(.get, "/api/v1/wallboard") { _, context in
            let tenant = try context.require(.readAgents).requireTenant()
            return JSONResponse(await board(tenant))
        }
    }

    private func board(_ tenant: TenantID) async -> Board {
        let center = services.callCenter
        let runtime = center.directory.tenant(id: tenant.rawValue)
        let queues = QueueRoutes.QueueBody.bodies(await center.queueStatuses(tenant: tenant.rawValue), runtime: runtime)
        let calls = services.liveCalls.calls(tenant: tenant.rawValue)
        var callOfAgent: [String: String] = [:]
        for call in calls {
            if let agent = call.agentID, call.phase != "queued" { callOfAgent[agent] = call.callID }
        }
        // States and their start times come from the call center's live board, not from the
        // state history in the store: a snapshot costs no query however often boards poll.
        let records: [AgentRecord] = (runtime?.agentsByID.values.map { $0 } ?? []).sorted { $0.workNumber < $1.workNumber }
        let agents = records.map { record in
            let (state, since) = center.board.stateAndSince(agent: record.id, tenant: tenant.rawValue)
            return AgentRow(id: record.id, workNumber: record.workNumber, name: record.name, teamId: record.teamID,
                            state: AgentStateBody(state), stateSince: since, callId: callOfAgent[record.id])
        }
        return Board(
            generatedAt: services.now(), queues: queues, agents: agents,
            calls: calls.map { CallRow(callId: $0.callID, caller: $0.caller, called: $0.called, phase: $0.phase, queue: $0.queue,
                                       agentId: $0.agentID, arrivedAt: $0.arrivedAt) })
    }
}
