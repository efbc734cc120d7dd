// Everything the engine asks its owner to do or to know: the engine's only output.

/// An instruction or a report from the engine. The owner carries them out in order, after
/// `handle` returns (the engine's state has already changed).
public enum ACDEffect: Hashable, Sendable {
    /// Ring this agent with this task (dial the agent leg, push the chat). Answer with
    /// `offerAccepted` or `offerRejected`; if neither comes before `expiresAt`, the engine
    /// withdraws the offer itself (`cancelOffer` with `.noAnswer`).
    case offer(ACDOffer)
    /// Stop ringing this offer (CANCEL the agent leg); its reason says why.
    case cancelOffer(ACDOfferCancellation)
    /// The task overflows. When `action.endsTask` the task has left the ACD and the owner
    /// takes it to voicemail, an external number or an IVR node.
    case overflow(ACDOverflow)
    /// Tell the waiting customer their position and expected wait.
    case announce(ACDAnnouncement)
    /// An agent's state changed (for the desktop, the wallboard and the state history).
    case agentStateChanged(ACDAgentStateChange)
    /// A supervisor moved a task to another queue.
    case taskMoved(ACDTaskMove)
    /// A task left the ACD: answered and completed, withdrawn, or overflowed out.
    case taskEnded(ACDTaskEnd)
    /// A not-ready limit was exceeded (or a request was refused because of one).
    case notReadyLimitBreached(ACDNotReadyViolation)
    /// Reconciliation found and repaired a difference from the live truth.
    case repaired(ACDRepair)
    /// A command was refused; nothing changed because of it.
    case rejected(ACDCommandRejection)
}

/// An offer of a task to an agent.
public struct ACDOffer: Hashable, Sendable {
    /// Names the offer in `offerAccepted` / `offerRejected`.
    public var offer: OfferID
    public var task: TaskID
    public var agent: AgentID
    public var queue: QueueID
    public var channel: ACDChannel
    public var priority: Int
    /// A callback: the agent calls the customer rather than taking their call.
    public var isCallback: Bool
    /// When the engine gives up on the offer (RONA).
    public var expiresAt: ACDInstant
    /// Why this agent got this task.
    public var trace: ACDDecisionTrace
}

/// Why an offer is withdrawn.
public struct ACDOfferCancellation: Hashable, Sendable {
    public enum Reason: String, Hashable, Sendable, Codable {
        /// Rang for the queue's offer timeout (RONA): the agent is now not ready.
        case noAnswer
        /// Ring-all: another agent answered first.
        case answeredElsewhere
        /// The customer went away.
        case withdrawn
        /// The agent signed out or was signed out by a supervisor.
        case agentSignedOut
        /// The agent's phone became unreachable.
        case deviceUnreachable
        /// A supervisor moved the task.
        case taskMoved
        /// Reconciliation found the offer was not really ringing.
        case reconciliation
    }

    public var offer: OfferID
    public var task: TaskID
    public var agent: AgentID
    public var reason: Reason
}

/// A task overflowing out of a queue.
public struct ACDOverflow: Hashable, Sendable {
    public var task: TaskID
    /// The queue it leaves.
    public var queue: QueueID
    public var action: OverflowAction
    /// The rule's condition that held.
    public var condition: OverflowCondition
    /// Its wait in the queue it leaves.
    public var waited: ACDDuration
}

/// Position and expected wait of a waiting task.
public struct ACDAnnouncement: Hashable, Sendable {
    public var task: TaskID
    public var queue: QueueID
    /// 1 is next in line.
    public var position: Int
    /// `nil` when no agent serves the queue now (nothing sensible to say).
    public var estimatedWait: ACDDuration?
}

/// What caused an agent's state change.
public enum ACDStateChangeCause: String, Hashable, Sendable, Codable {
    case signIn, signOut, agentRequest, supervisor, offered, answered, offerCancelled
    case noAnswer, rejected, completed, wrapUpEnded, deviceChanged, reconciliation, configuration, engine
}

/// An agent's state change, with when and why.
public struct ACDAgentStateChange: Hashable, Sendable {
    public var agent: AgentID
    public var from: AgentState
    public var to: AgentState
    public var at: ACDInstant
    public var cause: ACDStateChangeCause
}

/// A task moved between queues by a supervisor.
public struct ACDTaskMove: Hashable, Sendable {
    public var task: TaskID
    public var from: QueueID
    public var to: QueueID
}

/// How a task left the ACD.
public struct ACDTaskEnd: Hashable, Sendable {
    public enum Outcome: Hashable, Sendable {
        /// Answered by this agent and completed.
        case answered(AgentID)
        /// The customer went away before an answer.
        case withdrawn
        /// Overflowed out of the ACD.
        case overflowed(OverflowAction)
    }

    public var task: TaskID
    /// The last queue it was in.
    public var queue: QueueID
    public var outcome: Outcome
    /// Wait in that queue until answered or until it left.
    public var waited: ACDDuration
    /// From answer to completion, for answered tasks.
    public var handled: ACDDuration?
}

/// A not-ready limit that was exceeded, or that refused a request.
public struct ACDNotReadyViolation: Error, Hashable, Sendable, Codable, CustomStringConvertible {
    public enum Limit: Hashable, Sendable, Codable {
        /// In the reason longer than `maximum` (since `since`).
        case duration(maximum: ACDDuration, since: ACDInstant)
        /// Chosen `count` times this shift, more than `maximum`.
        case perShift(maximum: Int, count: Int)
        /// `count` agents of the team in the reason at once, more than `maximum`.
        case perTeam(maximum: Int, count: Int)
    }

    public var agent: AgentID
    public var team: TeamID?
    public var reason: NotReadyReasonID
    public var limit: Limit
    /// The request was refused (the reason's enforcement is `.refuse`).
    public var refused: Bool
    public var at: ACDInstant

    public var description: String {
        let what: String
        switch limit {
        case .duration(let maximum, let since):
            what = "in '\(reason)' since \(since), longer than \(maximum)"
        case .perShift(let maximum, let count):
            what = "'\(reason)' \(count) times this shift, limit \(maximum)"
        case .perTeam(let maximum, let count):
            what = "\(count) agents of team \(team?.rawValue ?? "-") in '\(reason)' at once, limit \(maximum)"
        }
        return "agent \(agent): \(what)" + (refused ? " (request refused)" : "")
    }
}

/// A difference between the engine and the live truth, and what the engine did about it.
public struct ACDRepair: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: Hashable, Sendable {
        /// The engine had a task the owner no longer has; it ended (withdrawn or completed).
        case taskNotLive(TaskID)
        /// An offer the engine thought was ringing was not; it was cancelled and the task requeued.
        case offerNotRinging(TaskID, AgentID)
        /// The agent had answered but the engine missed it; the task is now connected.
        case answerMissed(TaskID, AgentID)
        /// The engine thought the agent was handling the task but it was not; the agent
        /// was released and the task requeued.
        case connectionLost(TaskID, AgentID)
        /// The owner has a task the engine does not know; it cannot be routed (report only).
        case unknownLiveTask(TaskID)
        /// An agent's phone reachability differed; it was corrected.
        case deviceReachability(AgentID, reachable: Bool)
    }

    public var kind: Kind

    public var description: String {
        switch kind {
        case .taskNotLive(let task): "task \(task) was no longer live; ended"
        case .offerNotRinging(let task, let agent): "offer of task \(task) to agent \(agent) was not ringing; requeued"
        case .answerMissed(let task, let agent): "task \(task) was answered by agent \(agent) unnoticed; connected"
        case .connectionLost(let task, let agent):
            "agent \(agent) was not handling task \(task) any more; agent released, task requeued"
        case .unknownLiveTask(let task): "live task \(task) is unknown to the ACD"
        case .deviceReachability(let agent, let reachable):
            "agent \(agent)'s phone is \(reachable ? "reachable" : "unreachable"); corrected"
        }
    }
}

/// A refused command and why.
public struct ACDCommandRejection: Hashable, Sendable, CustomStringConvertible {
    /// The command's name (`ACDCommand.name`).
    public var command: String
    public var error: ACDError

    public var description: String { "\(command) refused: \(error)" }
}
