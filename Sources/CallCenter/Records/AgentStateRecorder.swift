// Keeps every agent state change in the store (attendance and occupancy reports, the
// supervisor's history), written off the call path as the event bus reports them.

import Foundation
import Logging
import Store

/// Writes the event bus's agent state changes to the store's state history.
struct AgentStateRecorder: Sendable {
    let store: Store
    let logger: Logger

    /// Runs until `events` ends, writing each change as it comes.
    func run(_ events: AsyncStream<CallCenterEvent>) async {
        var pending: [String: [AgentStateChange]] = [:]
        for await event in events {
            guard event.kind == .agentStateChanged, let agent = event.agentID else { continue }
            pending[event.tenantID, default: []].append(AgentStateChange(
                agentID: StoredAgentID(rawValue: agent), occurredAt: event.at, state: Self.state(event.details["state"] ?? ""),
                reasonCode: event.details["reason"].flatMap { $0.isEmpty ? nil : $0 }, callID: event.callID,
                source: Self.source(event.details["cause"] ?? "")))
            await flush(&pending)
        }
        await flush(&pending)
    }

    /// Writes and empties `pending`; not cancelled with the recorder, so a shutdown keeps
    /// the last changes.
    private func flush(_ pending: inout [String: [AgentStateChange]]) async {
        let batches = pending
        pending.removeAll()
        let store = self.store
        let logger = self.logger
        await Task {
            for (tenant, changes) in batches where !changes.isEmpty {
                do {
                    try await store.agentStateHistory.record(StoredTenantID(rawValue: tenant), changes)
                } catch {
                    logger.error("writing agent state history failed", metadata: ["tenant": "\(tenant)", "error": "\(error)"])
                }
            }
        }.value
    }

    static func state(_ kind: String) -> AgentStateName {
        switch kind {
        case "ready": .ready
        case "notReady": .notReady
        case "reserved": .ringing
        case "busy": .talking
        case "wrapUp": .wrapUp
        default: .signedOut
        }
    }

    static func source(_ cause: String) -> AgentStateSource {
        switch cause {
        case "signIn", "signOut", "agentRequest": .phone
        case "supervisor": .supervisor
        default: .system
        }
    }
}
