// Everything that can happen to one tenant's ACD: the engine's only input.

/// A fact the engine's owner reports, or a request it passes on. Each command is handed to
/// `ACDEngine.handle(_:at:)` with the current time; the engine answers with effects.
///
/// Commands are Codable so a day of them can be recorded and replayed (`ACDCommandLog`).
public enum ACDCommand: Hashable, Sendable, Codable {
    // MARK: Tasks

    /// A task enters its queue (a call reached the queue node of its flow, a chat opened).
    case taskArrived(RoutingTask)
    /// The task went away before it was answered (caller hung up: an abandon). Withdrawing
    /// a task already answered counts as its completion.
    case taskWithdrawn(TaskID)
    /// The waiting caller asked to be called back: the task stays in line as a callback
    /// with its place, and the call path may hang up the caller.
    case callbackRequested(TaskID)
    /// The agent answered the offer (the agent leg's 200 OK, the chat accepted).
    case offerAccepted(OfferID)
    /// The agent declined the offer (busy here, declined, failed to ring). The agent goes
    /// not ready ("no-answer") and the task goes back to its place in line.
    case offerRejected(OfferID)
    /// The conversation ended (BYE, chat closed, email sent); the agent enters wrap-up.
    case taskCompleted(TaskID)
    /// The agent started work no queue offered (a click-to-dial call, a call between two
    /// extensions): the agent is busy with the task, whatever it chose, until
    /// `taskCompleted`, then wraps up as after the task's queue. The task waits in no line
    /// and counts in no queue statistics.
    case directTaskStarted(RoutingTask, agent: AgentID)

    // MARK: Agents

    /// The agent signs in (签入) to `queues` (all its queues when `nil`) in `state`.
    /// Signing in again replaces the set of queues and the state.
    case agentSignedIn(AgentID, queues: [QueueID]? = nil, state: AgentPresenceRequest = .ready)
    /// The agent signs out (签出). Ringing offers are withdrawn; work in progress continues
    /// until it completes.
    case agentSignedOut(AgentID)
    /// The signed-in agent also signs in to these queues (skill groups).
    case agentJoinedQueues(AgentID, [QueueID])
    /// The agent signs out of these queues only and gets no more of their tasks.
    case agentLeftQueues(AgentID, [QueueID])
    /// The agent asks to be ready or not ready (示闲 / 示忙 with a reason).
    case agentStateChanged(AgentID, AgentPresenceRequest)
    /// The agent's phone became reachable or unreachable (registration, OPTIONS pings).
    /// An unreachable agent takes no voice or video tasks, and ringing ones are withdrawn.
    case agentDeviceChanged(AgentID, reachable: Bool)

    // MARK: Queues

    /// Business hours began (decided by the owner of the engine).
    case queueOpened(QueueID)
    /// Business hours ended: new tasks follow the queue's `closed` overflow rule.
    case queueClosed(QueueID)

    // MARK: Supervisors

    /// A supervisor sets an agent's state, past any refusing limit (breaches are still reported).
    case supervisorForcedState(AgentID, AgentPresenceRequest)
    /// A supervisor signs an agent out.
    case supervisorSignedOutAgent(AgentID)
    /// A supervisor moves a waiting (or ringing) task to another queue; it keeps its place.
    case supervisorMovedTask(TaskID, to: QueueID)
    /// A supervisor changes a task's priority.
    case supervisorChangedPriority(TaskID, priority: Int)

    // MARK: Housekeeping

    /// A new shift or day: counters, handled-today counts and per-shift not-ready counts
    /// start again from zero.
    case countersReset
    /// The owner's true view of live tasks and reachable agents; the engine repairs every
    /// difference and reports it (`repaired` effects).
    case reconcile(ACDLiveState)
    /// A new configuration for the tenant, applied without losing live tasks or agents.
    case configurationChanged(ACDTenantConfiguration)
    /// Time passed; due deadlines fire (offer timeouts, wrap-up ends, relaxation, overflow).
    case tick

    /// The command's name, for logs and rejections.
    public var name: String {
        switch self {
        case .taskArrived: "taskArrived"
        case .taskWithdrawn: "taskWithdrawn"
        case .callbackRequested: "callbackRequested"
        case .offerAccepted: "offerAccepted"
        case .offerRejected: "offerRejected"
        case .taskCompleted: "taskCompleted"
        case .directTaskStarted: "directTaskStarted"
        case .agentSignedIn: "agentSignedIn"
        case .agentSignedOut: "agentSignedOut"
        case .agentJoinedQueues: "agentJoinedQueues"
        case .agentLeftQueues: "agentLeftQueues"
        case .agentStateChanged: "agentStateChanged"
        case .agentDeviceChanged: "agentDeviceChanged"
        case .queueOpened: "queueOpened"
        case .queueClosed: "queueClosed"
        case .supervisorForcedState: "supervisorForcedState"
        case .supervisorSignedOutAgent: "supervisorSignedOutAgent"
        case .supervisorMovedTask: "supervisorMovedTask"
        case .supervisorChangedPriority: "supervisorChangedPriority"
        case .countersReset: "countersReset"
        case .reconcile: "reconcile"
        case .configurationChanged: "configurationChanged"
        case .tick: "tick"
        }
    }
}
