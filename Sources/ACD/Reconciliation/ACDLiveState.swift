// The owner's true view of live work, which reconciliation compares the engine against.

/// What the call path (and the chat, email and SMS channels) really have right now.
///
/// The owner builds this from its live dialogs and registrations and sends it with the
/// `reconcile` command, periodically (say every 30 seconds) and after a restart. The engine
/// then repairs every difference: tasks that are no longer live end, offers that are not
/// ringing are cancelled, answers it missed are applied, agents whose call is gone are
/// released, and phone reachability is corrected. Nothing younger than the tenant's
/// `reconciliationGrace` is touched, so effects still being carried out are not mistaken
/// for losses.
public struct ACDLiveState: Hashable, Sendable, Codable {
    /// One live task and the agent legs it has.
    public struct LiveTask: Hashable, Sendable, Codable {
        /// The task's id, as sent in `taskArrived`.
        public var id: TaskID
        /// Agents whose leg for this task is ringing.
        public var ringing: [AgentID]
        /// The agent whose leg for this task is connected, if any.
        public var connected: AgentID?

        /// A live task with its agent legs.
        public init(id: TaskID, ringing: [AgentID] = [], connected: AgentID? = nil) {
            self.id = id
            self.ringing = ringing
            self.connected = connected
        }
    }

    /// Every task the owner still has (waiting, ringing or connected).
    public var tasks: [LiveTask]
    /// Agents with a reachable phone; `nil` leaves reachability alone.
    public var reachableAgents: Set<AgentID>?

    /// The live truth.
    public init(tasks: [LiveTask], reachableAgents: Set<AgentID>? = nil) {
        self.tasks = tasks
        self.reachableAgents = reachableAgents
    }
}
