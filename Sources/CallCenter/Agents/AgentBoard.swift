// The latest known state of every agent and when it began, readable without waiting on the
// ACD actor (the wallboard reads it on every snapshot, with no query to the store).

import ACD
import Foundation
import Synchronization

/// Agent states as the ACD last reported them, keyed by tenant and agent (store ids).
public final class AgentBoard: Sendable {
    /// A state and when the agent entered it.
    struct Entry: Sendable {
        var state: AgentState
        var since: Date
    }

    private let states = Mutex<[String: Entry]>([:])

    /// An empty board.
    public init() {}

    /// Records an agent's new state, entered at `since`.
    func update(agent: String, tenant: String, state: AgentState, since: Date = Date()) {
        states.withLock { $0[Self.key(tenant, agent)] = Entry(state: state, since: since) }
    }

    /// The agent's state (signed out when never seen).
    public func state(agent: String, tenant: String) -> AgentState {
        states.withLock { $0[Self.key(tenant, agent)] }?.state ?? .signedOut
    }

    /// The agent's state and when it began (`since` is nil for an agent not seen since start).
    public func stateAndSince(agent: String, tenant: String) -> (state: AgentState, since: Date?) {
        guard let entry = states.withLock({ $0[Self.key(tenant, agent)] }) else { return (.signedOut, nil) }
        return (entry.state, entry.since)
    }

    /// How many agents of `tenant` are signed in.
    public func signedInCount(tenant: String) -> Int {
        let prefix = tenant + "\u{0}"
        return states.withLock { table in
            table.filter { $0.key.hasPrefix(prefix) && $0.value.state != .signedOut }.count
        }
    }

    private static func key(_ tenant: String, _ agent: String) -> String { tenant + "\u{0}" + agent }
}
