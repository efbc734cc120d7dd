// How a not-ready limit breach travels on the event bus (`agent.limit`), for the wallboard's
// alerts and webhooks.

import ACD

extension ACDNotReadyViolation {
    /// The event's details: `reason`, `limit` (duration, per_shift, per_team), `maximum`
    /// (seconds for durations), `count`, `team` and `refused`.
    var eventDetails: [String: String] {
        var details = ["reason": reason.rawValue, "refused": refused ? "true" : "false", "team": team?.rawValue ?? ""]
        switch limit {
        case .duration(let maximum, _):
            details["limit"] = "duration"
            details["maximum"] = String(maximum.milliseconds / 1000)
        case .perShift(let maximum, let count):
            details["limit"] = "per_shift"
            details["maximum"] = String(maximum)
            details["count"] = String(count)
        case .perTeam(let maximum, let count):
            details["limit"] = "per_team"
            details["maximum"] = String(maximum)
            details["count"] = String(count)
        }
        return details
    }
}
