// The wallboard's alerts: not-ready limits (示忙限制) exceeded right now, computed from the
// agents' live states and times in state (the ACD's clock) and the tenant's reasons. The same breaches
// reach open boards at once as `agent.limit` events.

import ACD
import CallCenter
import Store

/// A not-ready limit exceeded now.
struct NotReadyAlert: Encodable, Sendable, Equatable {
    /// `duration` (in the reason too long), `per_shift` (chosen too often) or `per_team`
    /// (too many of a team in it at once).
    var limit: String
    /// The reason's code.
    var reason: String
    var reasonName: String
    /// The agent (duration, per_shift) or `nil` for a team's alert.
    var agentId: String?
    var teamId: String?
    /// The team's name, when the board knows it.
    var teamName: String?
    /// The limit: seconds for durations, a count otherwise.
    var maximum: Int
    /// Seconds in the reason so far, times chosen, or agents in it now.
    var value: Int

    /// The alerts of `agents` (already the board's agents) now.
    static func current(
        agents: [AgentRecord], reasons: [NotReadyReason], center: CallCenter, tenant: String
    ) async -> [NotReadyAlert] {
        let byCode = Dictionary(reasons.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        var alerts: [NotReadyAlert] = []
        var inReason: [String: [String: Int]] = [:]  // team -> reason -> agents
        for agent in agents {
            guard let presence = await center.presence(agent: agent.id, tenant: tenant) else { continue }
            for (code, used) in presence.notReadyCounts.sorted(by: { $0.key < $1.key }) {
                if let reason = byCode[code], let maximum = reason.maxPerShift, used > maximum {
                    alerts.append(NotReadyAlert(limit: "per_shift", reason: code, reasonName: reason.name, agentId: agent.id,
                                                teamId: agent.teamID, teamName: nil, maximum: maximum, value: used))
                }
            }
            guard case .notReady(let id) = presence.state, let reason = byCode[id.rawValue] else { continue }
            if let team = agent.teamID { inReason[team, default: [:]][reason.code, default: 0] += 1 }
            if let maximum = reason.maxDurationSeconds {
                let elapsed = Int(presence.secondsInState)
                if presence.secondsInState > Double(maximum) {
                    alerts.append(NotReadyAlert(limit: "duration", reason: reason.code, reasonName: reason.name, agentId: agent.id,
                                                teamId: agent.teamID, teamName: nil, maximum: maximum, value: elapsed))
                }
            }
        }
        for (team, counts) in inReason.sorted(by: { $0.key < $1.key }) {
            for (code, count) in counts.sorted(by: { $0.key < $1.key }) {
                if let reason = byCode[code], let maximum = reason.maxConcurrentPerTeam, count > maximum {
                    alerts.append(NotReadyAlert(limit: "per_team", reason: code, reasonName: reason.name, agentId: nil,
                                                teamId: team, teamName: nil, maximum: maximum, value: count))
                }
            }
        }
        return alerts
    }
}
