// The supervisor wallboard's snapshot (班长监控): every queue with its live status and
// today's counters, every agent with their state, how long they have been in it and the
// call they are on, and the calls in progress; one request a board can poll or load before
// it follows the event stream. A team lead's board holds their teams, a partner manager's
// their partner's agents; `team`, `site`, `partner` and `region` narrow it further and
// `group_by` adds per-group counts. Not-ready limits exceeded now are listed as alerts.

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
        var siteId: String?
        var partnerId: String?
        var region: String?
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

    /// Agents of one team, site, partner or region, by state.
    struct Group: Encodable, Sendable {
        var key: String
        var name: String
        var signedIn, ready, working, notReady: Int
        /// Live calls of the group's agents.
        var calls: Int
    }

    /// The wallboard snapshot.
    struct Board: Encodable, Sendable {
        var generatedAt: Date
        var queues: [QueueRoutes.QueueBody]
        var agents: [AgentRow]
        var calls: [CallRow]
        /// Per-group counts when `group_by` was given.
        var groups: [Group]?
        /// Not-ready limits exceeded now (the board's red lines).
        var alerts: [NotReadyAlert]
    }

    func register(on routes: APIRouteRecorder) {
        routes.add(.get, "/api/v1/wallboard") { request, context in
            let principal = try context.require(.readAgents)
            let tenant = try principal.requireTenant()
            var parameters: [String: String] = [:]
            for (name, value) in request.uri.queryParameters {
                guard OrganizationFilter.parameterNames.contains(String(name)) else {
                    throw APIError.invalid(String(name), "is not a parameter of the wallboard (use \(OrganizationFilter.parameterNames.sorted().joined(separator: ", ")))")
                }
                parameters[String(name)] = String(value)
            }
            // Boards that ask within the cache's lifetime share one snapshot: a crowd of boards
            // (or a script) polling costs the store and the call center a few snapshots a second.
            let scope = principal.agentScope
            let key = BoardKey(tenant: tenant, scope: scope, parameters: parameters)
            let snapshot = try await services.wallboards.value(for: key, at: services.now(), executor: services.threads.executor) {
                let filter = try await OrganizationFilter.parse(key.parameters, store: services.store, tenant: tenant)
                return try await board(tenant, scope: scope, filter: filter)
            }
            return JSONResponse(snapshot)
        }
    }

    /// What a board's snapshot depends on besides time.
    struct BoardKey: Hashable, Sendable {
        var tenant: TenantID
        var scope: AgentScope
        var parameters: [String: String]
    }

    private func board(_ tenant: TenantID, scope: AgentScope, filter: OrganizationFilter) async throws -> Board {
        let center = services.callCenter
        let runtime = center.directory.tenant(id: tenant.rawValue)
        let queues = QueueRoutes.QueueBody.bodies(await center.queueStatuses(tenant: tenant.rawValue), runtime: runtime)
        let records: [AgentRecord] = (runtime?.record.agents ?? []).filter { scope.contains($0) && filter.contains($0) }
            .sorted { $0.workNumber < $1.workNumber }
        let shown = Set(records.map(\.id))
        var calls = services.liveCalls.calls(tenant: tenant.rawValue)
        if !scope.isWholeTenant || filter.isFiltering {
            let waiting = scope.seesWaitingCalls && !filter.isFiltering
            calls = calls.filter { $0.agentID.map(shown.contains) ?? waiting }
        }
        var callOfAgent: [String: String] = [:]
        for call in calls {
            if let agent = call.agentID, call.phase != "queued" { callOfAgent[agent] = call.callID }
        }
        // States and their start times come from the call center's live board, not from the
        // state history in the store: a snapshot costs no query however often boards poll.
        var agents: [AgentRow] = []
        for record in records {
            let (state, since) = center.board.stateAndSince(agent: record.id, tenant: tenant.rawValue)
            agents.append(AgentRow(id: record.id, workNumber: record.workNumber, name: record.name, teamId: record.teamID,
                                   siteId: record.siteID, partnerId: record.partnerID, region: record.region,
                                   state: AgentStateBody(state), stateSince: since, callId: callOfAgent[record.id]))
        }
        let reasons = try await services.store.notReadyReasons.list(tenant)
        var alerts = await NotReadyAlert.current(agents: records, reasons: reasons, center: center, tenant: tenant.rawValue)
        for index in alerts.indices { alerts[index].teamName = alerts[index].teamId.flatMap { filter.organization.teams[$0]?.name } }
        return Board(
            generatedAt: services.now(), queues: queues, agents: agents,
            calls: calls.map { CallRow(callId: $0.callID, caller: $0.caller, called: $0.called, phase: $0.phase, queue: $0.queue,
                                       agentId: $0.agentID, arrivedAt: $0.arrivedAt) },
            groups: filter.groupBy.map { groups(records, by: $0, filter: filter, rows: agents, calls: calls) }, alerts: alerts)
    }

    /// The agents counted per group, largest group first; agents outside any group under `(none)`.
    private func groups(
        _ records: [AgentRecord], by dimension: OrganizationFilter.Dimension, filter: OrganizationFilter, rows: [AgentRow], calls: [LiveCall]
    ) -> [Group] {
        var groups: [String: Group] = [:]
        let kinds = Dictionary(rows.map { ($0.id, $0.state.kind) }, uniquingKeysWith: { a, _ in a })
        let busyAgents = Set(calls.compactMap(\.agentID))
        for record in records {
            let key = filter.key(of: record, by: dimension) ?? ""
            var group = groups[key] ?? Group(key: key, name: key.isEmpty ? "" : filter.name(of: key, by: dimension),
                                             signedIn: 0, ready: 0, working: 0, notReady: 0, calls: 0)
            switch kinds[record.id] ?? "signed_out" {
            case "signed_out": break
            case "ready": group.signedIn += 1; group.ready += 1
            case "not_ready": group.signedIn += 1; group.notReady += 1
            default: group.signedIn += 1; group.working += 1
            }
            if busyAgents.contains(record.id) { group.calls += 1 }
            groups[key] = group
        }
        return groups.values.sorted { ($0.signedIn, $1.name) > ($1.signedIn, $0.name) }
    }
}
