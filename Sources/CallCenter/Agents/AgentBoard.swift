// The latest known state of every agent, readable without waiting on the ACD actor.

import ACD
import Synchronization

/// Agent states as the ACD last reported them, keyed by tenant and agent (store ids).
public final class AgentBoard: Sendable {
    private let states = Mutex<[String: AgentState]>([:])

    /// An empty board.
    public init() {}

    /// Records an agent's new state.
    func update(agent: String, tenant: String, state: AgentState) {
        states.withLock { $0[Self.key(tenant, agent)] = state }
    }

    /// The agent's state (signed out when never seen).
    public func state(agent: String, tenant: String) -> AgentState {
        states.withLock { $0[Self.key(tenant, agent)] } ?? .signedOut
    }

    /// How many agents of `tenant` are signed in.
    public func signedInCount(tenant: String) -> Int {
        let prefix = tenant + "\u{0}"
        return states.withLock { table in
            table.filter { $0.key.hasPrefix(prefix) && $0.value != .signedOut }.count
        }
    }

    private static func key(_ tenant: String, _ agent: String) -> String { tenant + "\u{0}" + agent }
}
