// Counters per queue and per agent since the last `countersReset`, for wallboards and reports.

/// What happened in a queue since the counters were last reset.
public struct ACDQueueCounters: Hashable, Sendable, Codable {
    /// Tasks that entered the queue (arrivals, overflows in, moves in).
    public var entered = 0
    /// Tasks answered from this queue (callbacks excluded).
    public var answered = 0
    /// Answered within the queue's service-level threshold.
    public var answeredWithinThreshold = 0
    /// Tasks whose customer went away while waiting (abandons).
    public var abandoned = 0
    /// Abandoned within the threshold (short abandons, often excluded from service level).
    public var abandonedWithinThreshold = 0
    /// Tasks that overflowed out of the queue.
    public var overflowedOut = 0
    /// Tasks that overflowed in from other queues.
    public var overflowedIn = 0
    /// Callbacks answered (agents reached out to the customer).
    public var callbacksAnswered = 0
    /// Offers that rang out or were rejected.
    public var noAnswers = 0
    /// Sum of the waits of answered tasks, in milliseconds.
    public var totalWaitMilliseconds: Int64 = 0
    /// Sum of handle times (answer to completion) of completed tasks, in milliseconds.
    public var totalHandleMilliseconds: Int64 = 0
    /// Completed tasks.
    public var completed = 0
    /// The longest wait of an answered task, in milliseconds.
    public var longestAnsweredWaitMilliseconds: Int64 = 0

    /// Answered within the threshold over answered plus abandoned (`nil` before any).
    public var serviceLevel: Double? {
        let base = answered + abandoned
        return base == 0 ? nil : Double(answeredWithinThreshold) / Double(base)
    }

    /// Average speed of answer.
    public var averageSpeedOfAnswer: ACDDuration? {
        answered == 0 ? nil : ACDDuration(milliseconds: totalWaitMilliseconds / Int64(answered))
    }

    /// Average handle time (answer to completion).
    public var averageHandleTime: ACDDuration? {
        completed == 0 ? nil : ACDDuration(milliseconds: totalHandleMilliseconds / Int64(completed))
    }

    /// Abandoned over answered plus abandoned.
    public var abandonRate: Double? {
        let base = answered + abandoned
        return base == 0 ? nil : Double(abandoned) / Double(base)
    }

    /// Fresh counters.
    public init() {}
}

/// What an agent did since the counters were last reset.
public struct ACDAgentCounters: Hashable, Sendable, Codable {
    /// Offers made to the agent.
    public var offered = 0
    /// Offers the agent accepted.
    public var answered = 0
    /// Offers that rang out or that the agent rejected.
    public var noAnswers = 0
    /// Tasks completed (the "handled today" of the fewest-handled strategy).
    public var handled = 0
    /// Time spent in each state.
    public var timeInState: [AgentState.Kind: ACDDuration] = [:]

    /// Time working (reserved, busy, wrap-up) over time available for work (signed in and
    /// not in a not-ready reason); `nil` before any such time.
    public var occupancy: Double? {
        let working = [AgentState.Kind.reserved, .busy, .wrapUp]
            .reduce(Int64(0)) { $0 + (timeInState[$1]?.milliseconds ?? 0) }
        let available = working + (timeInState[.ready]?.milliseconds ?? 0)
        return available == 0 ? nil : Double(working) / Double(available)
    }

    /// Fresh counters.
    public init() {}
}
