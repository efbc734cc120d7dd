// An agent's states over time as kefu logs them (`agent state` lines of the ACD service):
// the call path publishes them on its event bus and log, not in the store's history table.

import Foundation

/// Reads the states an agent entered from kefu's log (swift-log's stream format, metadata
/// sorted by key, so `to=` comes last before the `[source]` tag).
enum AgentStateLog {
    /// The states agent `id` (its store id) entered, in order: `ready`, `reserved`, `busy`,
    /// `wrap-up`, `not ready` (the reason dropped), `signed out`.
    static func states(in log: String, agent id: String) -> [String] {
        log.split(separator: "\n").compactMap { line -> String? in
            guard line.hasSuffix(" agent state"), line.contains("agent=\(id) ") else { return nil }
            guard let start = line.range(of: " to=") else { return nil }
            var state = line[start.upperBound...]
            if let end = state.range(of: " [", options: .backwards) { state = state[..<end.lowerBound] }
            if state.hasPrefix("not ready") { return "not ready" }
            return String(state)
        }
    }
}
