// Not-ready limits: how many times per shift, how many agents of a team at once.

extension ACDEngine {
    /// The limits the agent would exceed by entering `reason` now (duration limits are
    /// checked by a deadline once the agent is in the state).
    func limitViolations(_ agent: Int32, reason: Int32, refused: Bool) -> [ACDNotReadyViolation] {
        let record = agents[Int(agent)]
        let configuration = reasons[Int(reason)]
        var violations: [ACDNotReadyViolation] = []
        if let maximum = configuration.maximumPerShift {
            let count = (record.shiftCounts[reason] ?? 0) + 1
            if count > maximum {
                violations.append(ACDNotReadyViolation(
                    agent: record.id, team: record.team, reason: configuration.id,
                    limit: .perShift(maximum: maximum, count: count), refused: refused, at: clock))
            }
        }
        if let maximum = configuration.maximumPerTeam, let team = record.team {
            let count = (teamNotReady[TeamReasonKey(team: team, reason: reason)] ?? 0) + 1
            if count > maximum {
                violations.append(ACDNotReadyViolation(
                    agent: record.id, team: team, reason: configuration.id,
                    limit: .perTeam(maximum: maximum, count: count), refused: refused, at: clock))
            }
        }
        return violations
    }

    /// How many agents of a team are in a not-ready reason now.
    public func agentsInReason(_ reason: NotReadyReasonID, team: TeamID) -> Int {
        guard let index = reasonIndex[reason] else { return 0 }
        return teamNotReady[TeamReasonKey(team: team, reason: index)] ?? 0
    }

    /// The counters of every agent and queue start again (a new shift or day).
    mutating func resetCounters() {
        countersResetAt = clock
        for index in queues.indices {
            queues[index].counters = ACDQueueCounters()
        }
        for index in agents.indices {
            agents[index].stateClock = StateClock()
            agents[index].shiftCounts = [:]
            agents[index].offered = 0
            agents[index].answered = 0
            agents[index].noAnswers = 0
            agents[index].handled = 0
            agents[index].signedInAt = agents[index].presence == .signedOut ? nil : clock
            markDirty(agent: Int32(index))
        }
    }
}
