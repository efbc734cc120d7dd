// `/api/v1/events`: the authenticated WebSocket stream of call and agent events, starting
// with a snapshot so a client that reconnects is never out of date.

import CallCenter
import Foundation
import Hummingbird
import HummingbirdWebSocket
import Store

/// The event stream's route.
struct EventStreamRoute {
    let services: ServerServices

    func register(on routes: APIRouteRecorder) {
        routes.note(.get, "/api/v1/events")
        routes.router.ws("/api/v1/events") { _, context in
            _ = try context.require(.streamEvents).requireTenant()
            return .upgrade([:])
        } onUpgrade: { inbound, outbound, context in
            guard let principal = context.requestContext.principal, let tenant = principal.tenantID else { return }
            let audience = try await audience(for: principal, tenant: tenant)
            // Subscribed before the snapshot, like the events: a client that loads the notices
            // after its snapshot misses none.
            let notices = principal.may(.readNotices) ? services.noticeBoard.subscribe(tenant) : nil
            try await stream(to: outbound, inbound: inbound, audience: audience, notices: notices)
        }
    }

    private func audience(for principal: Principal, tenant: TenantID) async throws -> EventAudience {
        let masking = principal.seesMaskedNumbers ? try await services.store.tenants.get(tenant).maskingPolicy : nil
        return EventAudience(principal, tenant: tenant.rawValue, masking: masking,
                             runtime: services.callCenter.directory.tenant(id: tenant.rawValue))
    }

    private func stream(
        to outbound: WebSocketOutboundWriter, inbound: WebSocketInboundStream, audience: EventAudience, notices: AsyncStream<String>?
    ) async throws {
        // Subscribe before reading the snapshot, so nothing falls between the two.
        let events = services.fanOut.subscribe()
        try await send(snapshot(for: audience), to: outbound)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                var audience = audience
                for await observed in events {
                    guard audience.admits(observed.event) else { continue }
                    if audience.masking == nil, let text = observed.unmaskedText {
                        try await outbound.write(.text(text))
                    } else {
                        try await send(.event(observed.event, call: observed.call, audience: audience), to: outbound)
                    }
                }
            }
            if let notices {
                group.addTask {
                    for await text in notices { try await outbound.write(.text(text)) }
                }
            }
            group.addTask {
                // The client sends nothing we act on; its stream ends when it closes.
                for try await _ in inbound {}
            }
            try await group.next()
            group.cancelAll()
        }
    }

    private func snapshot(for audience: EventAudience) -> StreamMessage {
        let center = services.callCenter
        let records = center.directory.tenant(id: audience.tenantID)?.agentsByID.values.map { $0 } ?? []
        let agents = records.filter { audience.sees(agent: $0.id) }.sorted { $0.workNumber < $1.workNumber }
            .map { AgentSummary($0, board: center.board, tenant: audience.tenantID) }
        let calls = services.liveCalls.calls(tenant: audience.tenantID).filter(audience.admits)
        return .snapshot(agents: agents, calls: calls, audience: audience)
    }

    private func send(_ message: StreamMessage, to outbound: WebSocketOutboundWriter) async throws {
        try await outbound.write(.text(try message.jsonText()))
    }
}
