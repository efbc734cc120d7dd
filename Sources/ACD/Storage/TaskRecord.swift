// The engine's record of one live task.

/// A skill requirement with the skill as the tenant's dense skill index.
struct SkillNeed: Hashable, Sendable {
    var skill: Int32
    var level: Int8
}

/// Where a live task is in its life.
enum TaskPhase: UInt8, Sendable {
    /// In a requirement class of its queue, waiting for an agent.
    case waiting
    /// Waiting for its sticky agent only, for a few seconds.
    case held
    /// Ringing at one agent (or several, with ring-all).
    case offered
    /// Accepted; an agent is handling it.
    case connected
    /// In the ACD but momentarily none of the above (between two of them).
    case idle
    /// The slot is free.
    case free
}

/// One live task and everything the engine tracks about it.
///
/// The fields that deadlines, matching and announcements read come first, so they share a
/// cache line or two of this large record.
struct TaskRecord: Sendable {
    var phase: TaskPhase = .waiting
    var queue: Int32
    /// The requirement class while waiting.
    var classSlot: Int32 = -1
    /// How many relaxation steps apply now.
    var relaxationStage: Int32 = 0
    /// The agent the task is held for, while held (and the sticky candidate otherwise).
    var preferredAgent: Int32 = -1
    var key: OrderKey
    var queueEnteredAt: ACDInstant
    var task: RoutingTask
    /// The task's own requirements as skill indexes.
    var ownNeeds: [SkillNeed]
    /// The queue's and the task's requirements merged, before relaxation.
    var needs: [SkillNeed]
    /// Arrival order across the tenant, the last tie-break of the line.
    var sequence: Int64
    /// The place in line (original enqueue time; callbacks keep it).
    var placeTime: ACDInstant
    var arrivedAt: ACDInstant
    var lastChangeAt: ACDInstant
    /// The offers ringing now.
    var offers: [OfferRecord] = []
    var offeredAt: ACDInstant = .zero
    var connectedAgent: Int32 = -1
    var connectedAt: ACDInstant = .zero
    var overflowHops: Int32 = 0
    /// Why the task (re)entered its class, for the decision trace.
    var trigger: ACDDecisionTrace.Trigger = .taskArrived
    /// Whether the task was ever offered (counts RONA returns).
    var noAnswerCount: Int32 = 0
    /// Started by its agent (`directTaskStarted`), not offered: no queue statistics.
    var isDirect = false
}

/// The stamps of a task slot, kept apart from its record (`ACDEngine.stamps`) so that the
/// many deadlines that no longer apply are recognised without reading the large record.
struct TaskStamps: Sendable {
    /// Changes whenever the task leaves waiting, so timers of an older wait are ignored.
    var wait: UInt64 = 0
    /// Changes whenever the set of offers changes, so an old offer timeout is ignored.
    var offer: UInt64 = 0
}

/// One offer of a task to an agent, kept in its task.
struct OfferRecord: Sendable {
    var id: OfferID
    var agent: Int32
    var offeredAt: ACDInstant
}
