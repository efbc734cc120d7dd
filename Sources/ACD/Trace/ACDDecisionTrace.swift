// Why a task went to an agent, in a form a supervisor can read.

/// The explanation carried by every offer.
///
/// Rendered with `description`, e.g. "task 812 went to agent 1003: queue Service, longest
/// idle 1m34s among 3 eligible; 1001 skipped: skill billing 2 < 3; 1002 skipped: wrap-up".
public struct ACDDecisionTrace: Hashable, Sendable, Codable, CustomStringConvertible {
    /// What made the engine decide now.
    public enum Trigger: String, Hashable, Sendable, Codable {
        case taskArrived, agentAvailable, taskReturned, skillRelaxed, stickyExpired
        case taskMoved, priorityChanged, overflowedIn, reconfigured
    }

    public var trigger: Trigger
    public var task: TaskID
    public var queue: QueueID
    public var queueName: String
    public var strategy: RoutingStrategy
    /// The agent offered (with ring-all, the first of them).
    public var agent: AgentID
    /// With ring-all, the other agents rung at the same time.
    public var alsoOffered: [AgentID]
    public var reason: ACDChoiceReason
    /// The tier of the chosen agents in the queue.
    public var tier: Int
    public var priority: Int
    /// The task's wait in the queue when decided.
    public var waited: ACDDuration
    /// Task-side decisions: the eligible, available agents. Agent-side decisions: the tasks
    /// waiting on the task's channel in the agent's signed-in queues (the chosen one included).
    public var candidates: Int
    /// Agents (or tasks) passed over, with why; at most the tenant's `traceSkippedLimit`.
    public var skipped: [ACDSkip]
    /// More were passed over than listed.
    public var moreSkipped: Bool
}

/// The rule that picked the agent.
public enum ACDChoiceReason: Hashable, Sendable, Codable {
    /// Available the longest.
    case longestIdle(idle: ACDDuration)
    /// Its turn in the queue's rotation; `offersSince` offers went to others since its last.
    case roundRobin(offersSince: Int64)
    /// Handled the fewest tasks.
    case fewestHandled(handled: Int)
    /// Highest proficiency in the task's skills (sum of levels).
    case bestSkill(proficiency: Int)
    /// Drawn at random.
    case random
    /// Every eligible agent of the best tier rings.
    case ringAll
    /// The agent who last served the customer, or the task's preferred agent.
    case sticky
    /// Agent side: the first task in line the agent can take, across `queues` queues.
    case firstInLine(queues: Int)
}

/// An agent or a task passed over by a decision, and why.
public struct ACDSkip: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The agent passed over (task-side decisions).
    public var agent: AgentID?
    /// The task passed over (agent-side decisions).
    public var task: TaskID?
    public var reason: ACDSkipReason

    public var description: String {
        if let agent { return "\(agent) skipped: \(reason)" }
        if let task { return "task \(task) skipped: \(reason)" }
        return "skipped: \(reason)"
    }
}

/// Why an agent could not take a task (or a task could not go to an agent).
public enum ACDSkipReason: Hashable, Sendable, Codable, CustomStringConvertible {
    case signedOut
    case notSignedInToQueue
    case notReady(NotReadyReasonID)
    case reserved
    case busy
    case wrapUp
    case atCapacity(ACDChannel)
    case noCapacity(ACDChannel)
    case deviceUnreachable
    case skillTooLow(SkillID, has: Int, needs: Int)
    case heldForAgent(AgentID)
    case higherTier(Int)

    public var description: String {
        switch self {
        case .signedOut: "signed out"
        case .notSignedInToQueue: "not signed in to this queue"
        case .notReady(let reason): "not ready (\(reason))"
        case .reserved: "ringing"
        case .busy: "busy"
        case .wrapUp: "wrap-up"
        case .atCapacity(let channel): "at \(channel) capacity"
        case .noCapacity(let channel): "takes no \(channel)"
        case .deviceUnreachable: "phone unreachable"
        case .skillTooLow(let skill, let has, let needs): "skill \(skill) \(has) < \(needs)"
        case .heldForAgent(let agent): "held for agent \(agent)"
        case .higherTier(let tier): "tier \(tier) (lower tiers first)"
        }
    }
}

extension ACDDecisionTrace {
    /// Every agent offered.
    public var agents: [AgentID] { [agent] + alsoOffered }

    public var description: String {
        var text: String
        if agents.count == 1 {
            text = "task \(task) went to agent \(agents[0]): "
        } else {
            text = "task \(task) offered to agents " + agents.map(\.rawValue).joined(separator: ", ") + ": "
        }
        switch reason {
        case .firstInLine(let queues):
            text += "agent became available; first in line it can take among \(candidates) waiting in \(queues) queue"
                + (queues == 1 ? "" : "s")
                + " (queue \(queueName), priority \(priority), waited \(waited))"
        case .sticky:
            text += "queue \(queueName), sticky: preferred agent for this customer"
        default:
            text += "queue \(queueName), "
            switch reason {
            case .longestIdle(let idle): text += "longest idle \(idle)"
            case .roundRobin(let since): text += "round robin, its turn (\(since) offers since its last)"
            case .fewestHandled(let handled): text += "fewest handled (\(handled))"
            case .bestSkill(let proficiency): text += "best skill (proficiency \(proficiency))"
            case .random: text += "random pick"
            case .ringAll: text += "ring-all in tier \(tier)"
            case .sticky, .firstInLine: break
            }
            text += " among \(candidates) eligible"
            if trigger != .taskArrived { text += " (\(triggerText))" }
        }
        for skip in skipped { text += "; " + skip.description }
        if moreSkipped { text += "; more skipped" }
        return text
    }

    private var triggerText: String {
        switch trigger {
        case .taskArrived: "task arrived"
        case .agentAvailable: "agent became available"
        case .taskReturned: "task returned to the queue"
        case .skillRelaxed: "skill requirements relaxed"
        case .stickyExpired: "sticky wait over"
        case .taskMoved: "task moved by a supervisor"
        case .priorityChanged: "priority changed"
        case .overflowedIn: "overflowed in"
        case .reconfigured: "configuration changed"
        }
    }
}
