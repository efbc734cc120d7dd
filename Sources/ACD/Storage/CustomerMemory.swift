// Who last served each customer, for sticky routing.
import DequeModule

/// The agent who last answered each customer, and when. Entries older than the longest
/// sticky window of the tenant are forgotten (oldest first), so memory stays bounded by the
/// traffic of one window.
struct CustomerMemory: Sendable {
    private var lastAgent: [CustomerID: (agent: Int32, at: ACDInstant)] = [:]
    private var order = Deque<(at: ACDInstant, customer: CustomerID)>()

    /// Remembers that `agent` answered `customer` at `time`.
    mutating func record(_ customer: CustomerID, agent: Int32, at time: ACDInstant) {
        lastAgent[customer] = (agent, time)
        order.append((time, customer))
    }

    /// The agent who served `customer` within `window` before `now`.
    func agent(for customer: CustomerID, within window: ACDDuration, now: ACDInstant) -> Int32? {
        guard let entry = lastAgent[customer], now - entry.at <= window else { return nil }
        return entry.agent
    }

    /// Forgets entries older than `window`.
    mutating func forget(olderThan window: ACDDuration, now: ACDInstant) {
        while let first = order.first, now - first.at > window {
            order.removeFirst()
            if let entry = lastAgent[first.customer], entry.at == first.at {
                lastAgent[first.customer] = nil
            }
        }
    }

    /// Forgets everything about one agent slot (the agent was removed).
    mutating func forget(agent: Int32) {
        lastAgent = lastAgent.filter { $0.value.agent != agent }
    }

    var count: Int { lastAgent.count }
}
