// What the engine answers about queues, agents and tasks (wallboard, desktop, supervisor).

/// A queue right now, with its counters since the last reset.
public struct ACDQueueStatus: Hashable, Sendable, Codable {
    public var id: QueueID
    public var name: String
    public var isOpen: Bool
    /// Tasks waiting (callbacks included).
    public var waiting: Int
    /// The longest current wait (callbacks excluded).
    public var longestWait: ACDDuration?
    /// Members signed in to this queue (any state but signed out).
    public var agentsSignedIn: Int
    /// Signed-in members waiting for work.
    public var agentsReady: Int
    /// Signed-in members ringing, busy or in wrap-up.
    public var agentsWorking: Int
    /// Signed-in members not ready.
    public var agentsNotReady: Int
    /// What a voice task arriving now can expect to wait (`nil` when nobody serves).
    public var estimatedWait: ACDDuration?
    /// Agent time per task the queue has measured (offer to end of wrap-up).
    public var measuredHandleTime: ACDDuration
    public var counters: ACDQueueCounters
}

/// A task an agent holds.
public struct ACDHeldTask: Hashable, Sendable, Codable {
    public enum Phase: String, Hashable, Sendable, Codable { case offered, connected, wrapUp }
    /// The task (its id stays known during wrap-up).
    public var task: TaskID
    public var queue: QueueID
    public var channel: ACDChannel
    public var phase: Phase
    public var since: ACDInstant
}

/// An agent right now, with its counters since the last reset.
public struct ACDAgentStatus: Hashable, Sendable, Codable {
    public var id: AgentID
    public var name: String
    public var team: TeamID?
    public var state: AgentState
    public var stateSince: ACDInstant
    /// Ready or not ready as the agent chose (work held is in `state`).
    public var chosen: AgentState
    /// Queues the agent is signed in to (签入的技能组).
    public var signedInQueues: [QueueID]
    public var deviceReachable: Bool
    public var tasks: [ACDHeldTask]
    /// Times each not-ready reason was chosen this shift.
    public var notReadyCounts: [NotReadyReasonID: Int]
    public var counters: ACDAgentCounters
}

/// Where a live task is.
public enum ACDTaskState: Hashable, Sendable, Codable {
    case waiting
    /// Held for its sticky agent.
    case heldFor(AgentID)
    case offered([AgentID])
    case connected(AgentID)
}

/// A live task right now.
public struct ACDTaskStatus: Hashable, Sendable, Codable {
    public var id: TaskID
    public var queue: QueueID
    public var channel: ACDChannel
    public var priority: Int
    public var isCallback: Bool
    public var state: ACDTaskState
    public var arrivedAt: ACDInstant
    public var queueEnteredAt: ACDInstant
    /// Its place in line (original enqueue time).
    public var placeInLine: ACDInstant
    /// Arrival order in the tenant, the tie-break between equal places in line.
    public var arrivalOrder: Int64
    /// The skills it needs now, after relaxation.
    public var requirements: [SkillRequirement]
    /// Times its offers rang out or were rejected.
    public var noAnswers: Int
}

/// Position in line and expected wait of a waiting task.
public struct ACDWaitEstimate: Hashable, Sendable, Codable {
    /// 1 is next in line.
    public var position: Int
    /// `nil` when no agent serves the queue now.
    public var estimatedWait: ACDDuration?
}

/// The whole tenant at one instant, for supervisors and tests.
public struct ACDSnapshot: Hashable, Sendable, Codable {
    public var at: ACDInstant
    public var tasks: [ACDTaskStatus]
    public var agents: [ACDAgentStatus]
    public var queues: [ACDQueueStatus]
}

/// Why a task is where it is: every member of its queue and what keeps it from the task.
public struct ACDTaskExplanation: Hashable, Sendable, CustomStringConvertible {
    /// One member of the task's queue.
    public struct Member: Hashable, Sendable {
        public var agent: AgentID
        public var state: AgentState
        /// Why the agent cannot take the task; `nil` when it can.
        public var blockedBy: ACDSkipReason?
    }

    public var task: ACDTaskStatus
    public var queueName: String
    public var estimate: ACDWaitEstimate?
    public var members: [Member]

    public var description: String {
        var text = "task \(task.id) in queue \(queueName): "
        switch task.state {
        case .waiting: text += "waiting"
        case .heldFor(let agent): text += "held for agent \(agent)"
        case .offered(let agents): text += "ringing at " + agents.map(\.rawValue).joined(separator: ", ")
        case .connected(let agent): text += "answered by \(agent)"
        }
        if let estimate {
            text += ", position \(estimate.position)"
            if let wait = estimate.estimatedWait { text += ", expected wait \(wait)" }
        }
        if !task.requirements.isEmpty {
            text += ", needs " + task.requirements.map(\.description).joined(separator: ", ")
        }
        for member in members {
            text += "; \(member.agent): " + (member.blockedBy.map(\.description) ?? "can take it")
        }
        return text
    }
}
