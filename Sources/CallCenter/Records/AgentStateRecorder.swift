// Keeps every agent state change in the store (attendance and occupancy reports, the
// supervisor's history), written off the call path in one transaction per tenant every
// quarter second.

import Foundation
import Logging
import Store

/// Writes the event bus's agent state changes to the store's state history.
struct AgentStateRecorder: Sendable {
    let store: Store
    let logger: Logger
    /// How often collected changes are written.
    var interval: Duration = .milliseconds(250)

    /// Runs until `events` ends (or the task is cancelled), then writes what is left.
    func run(_ events: AsyncStream<CallCenterEvent>) async {
        let pending = PendingStateChanges()
        let writer = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                await write(await pending.take())
            }
        }
        for await event in events {
            guard event.kind == .agentStateChanged, let agent = event.agentID else { continue }
            await pending.add(event.tenantID, AgentStateChange(
                agentID: StoredAgentID(rawValue: agent), occurredAt: event.at, state: Self.state(event.details["state"] ?? ""),
                reasonCode: event.details["reason"].flatMap { $0.isEmpty ? nil : $0 }, callID: event.callID,
                source: Self.source(event.details["cause"] ?? "")))
        }
        writer.cancel()
        await write(await pending.take())
    }

    /// Writes `batches`; not cancelled with the recorder, so a shutdown keeps the last changes.
    private func write(_ batches: [String: [AgentStateChange]]) async {
        guard !batches.isEmpty else { return }
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

/// Changes collected between two writes, per tenant.
private actor PendingStateChanges {
    private var changes: [String: [AgentStateChange]] = [:]

    func add(_ tenant: String, _ change: AgentStateChange) { changes[tenant, default: []].append(change) }

    func take() -> [String: [AgentStateChange]] {
        defer { changes.removeAll() }
        return changes
    }
}
