// `/api/v1/events`: the authenticated WebSocket stream of call and agent events, starting
// with a snapshot so a client that reconnects is never out of date. A client that does not
// keep up is disconnected (close code 4008) and reconnects to a fresh snapshot.

import CallCenter
import Foundation
import Hummingbird
import HummingbirdWebSocket
import NIOWebSocket
import Store

/// The event stream's route.
struct EventStreamRoute {
    let services: ServerServices

    /// How one of a stream's tasks ended.
    private enum Ending: Sendable, Equatable {
        /// A writer has nothing more to send (after the close frame, for a client that fell behind).
        case writerDone
        /// The client closed the connection.
        case clientClosed
        /// A client that fell behind took in nothing during the grace period.
        case gaveUp
    }

    func register(on routes: APIRouteRecorder) {
        routes.note(.get, "/api/v1/events")
        routes.router.ws("/api/v1/events") { _, context in
            let principal = try context.require(.streamEvents)
            let tenant = try principal.requireTenant()
            if let refusal = services.fanOut.refusal(tenant: tenant.rawValue, user: principal.credential) {
                var error = APIError(.tooManyRequests, code: "too_many_streams", message: refusal.message)
                error.headers[.retryAfter] = "5"
                throw error
            }
            return .upgrade([:])
        } onUpgrade: { inbound, outbound, context in
            guard let principal = context.requestContext.principal, let tenant = principal.tenantID else { return }
            try await services.threads.run(on: context.requestContext.eventLoop) {
                let audience = try await audience(for: principal, tenant: tenant)
                // Subscribed before the snapshot, like the events: a client that loads the notices
                // after its snapshot misses none.
                let notices = principal.may(.readNotices) ? services.noticeBoard.subscribe(tenant) : nil
                try await stream(to: outbound, inbound: inbound, audience: audience, user: principal.credential, notices: notices)
            }
        }
    }

    private func audience(for principal: Principal, tenant: TenantID) async throws -> EventAudience {
        let masking = principal.seesMaskedNumbers ? try await services.store.tenants.get(tenant).maskingPolicy : nil
        return EventAudience(principal, tenant: tenant.rawValue, masking: masking,
                             runtime: services.callCenter.directory.tenant(id: tenant.rawValue))
    }

    private func stream(
        to outbound: WebSocketOutboundWriter, inbound: WebSocketInboundStream, audience: EventAudience, user: Principal.Credential,
        notices: AsyncStream<String>?
    ) async throws {
        // Subscribe before reading the snapshot, so nothing falls between the two.
        let subscriber: StreamSubscriber
        do {
            subscriber = try services.fanOut.subscribe(audience, user: user, calls: services.liveCalls.calls(tenant: audience.tenantID))
        } catch let refusal as StreamRefusal {
            try await close(outbound, .tooManyStreams(refusal.message))
            return
        }
        defer { services.fanOut.unsubscribe(subscriber) }
        try await outbound.write(.text(try snapshot(for: audience).jsonText()))
        try await withThrowingTaskGroup(of: Ending.self) { group in
            group.addTask {
                for await frame in subscriber.frames where !subscriber.hasFallenBehind {
                    try await outbound.write(.custom(WebSocketFrame(fin: true, opcode: .text, data: frame)))
                }
                // Fell behind: the close frame goes after what the socket already holds; the
                // stream ends when the client answers it.
                if subscriber.hasFallenBehind {
                    let reason = StreamCloseReason.fellBehind
                    try await outbound.close(reason.code, reason: reason.reason)
                }
                return .writerDone
            }
            group.addTask {
                // A client that fell behind and takes in nothing for the grace period is cut off.
                await subscriber.untilFallenBehind()
                try await Task.sleep(for: Self.fellBehindGrace)
                return .gaveUp
            }
            if let notices {
                group.addTask {
                    for await text in notices { try await outbound.write(.text(text)) }
                    return .writerDone
                }
            }
            group.addTask {
                // The client sends nothing we act on; its stream ends when it closes (or answers
                // our close frame).
                for try await _ in inbound {}
                return .clientClosed
            }
            // Stopping the reader drops the connection at once (with whatever the client has
            // not read yet), so it is stopped only once the client closed or was given up on.
            while let ending = try await group.next(), ending == .writerDone {}
            group.cancelAll()
        }
    }

    /// How long a client that fell behind has to take in what its socket holds before the
    /// close frame (and before the server gives up on sending it).
    static let fellBehindGrace: Duration = .seconds(10)

    /// Sends the close frame behind what the client has yet to read, giving up after the
    /// grace period when it reads nothing (the server then drops the connection).
    private func close(_ outbound: WebSocketOutboundWriter, _ reason: StreamCloseReason) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await outbound.close(reason.code, reason: reason.reason) }
            group.addTask { try await Task.sleep(for: Self.fellBehindGrace) }
            _ = try await group.next()
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
}
