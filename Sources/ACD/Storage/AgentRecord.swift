// The engine's record of one agent: configuration, presence, work held, enrollments.

/// What an agent chose, as opposed to what it is doing.
enum Presence: Hashable, Sendable {
    case signedOut
    case ready
    /// Not ready, with the tenant's reason index.
    case notReady(Int32)
}

/// An agent's membership in a queue, with its sign-in (签入技能组) flag.
struct Membership: Sendable {
    var queue: Int32
    var tier: Int32
    var signedIn: Bool
    /// The queue's turn counter when it last offered to this agent (round robin).
    var turn: Int64
}

/// What a held task is doing at the agent.
enum HoldingPhase: Hashable, Sendable {
    case offered(OfferID)
    case connected
    case wrapUp
}

/// A task an agent holds: ringing, in progress or in wrap-up. A wrap-up holding outlives its
/// task (`task` is then -1).
struct Holding: Sendable {
    var task: Int32
    var taskID: TaskID
    var queue: Int32
    var channel: ACDChannel
    var phase: HoldingPhase
    var since: ACDInstant
    var offeredAt: ACDInstant
    var stamp: UInt64
}

/// The agent's entry in a requirement class's set of available agents.
struct Enrollment: Equatable, Sendable {
    var classSlot: Int32
    /// Position in the agent's canonical order (membership index, class position), used to
    /// compare the current and the wanted lists in one pass.
    var ordinal: Int32
    var key: OrderKey
}

/// The agent's contribution to a class's and a queue's serving capacity (for estimates).
struct ServingEntry: Equatable, Sendable {
    var classSlot: Int32
    var amount: Int32
}

/// Time accumulated per agent state since the counters were last reset.
struct StateClock: Sendable {
    var milliseconds: [Int64] = Array(repeating: 0, count: AgentState.Kind.allCases.count)
}

/// One agent and everything the engine tracks about it.
struct AgentRecord: Sendable {
    var id: AgentID
    var name: String
    var team: TeamID?
    var isRemoved = false
    /// Proficiency per tenant skill index (0 = no such skill).
    var levels: [Int8]
    var memberships: [Membership]
    var capacity: PerChannel<Int32>
    var blocks: PerChannel<ChannelMask>
    var wrapUpOverride: ACDDuration?

    var presence: Presence = .signedOut
    var presenceSince: ACDInstant = .zero
    var deviceReachable = true
    var holdings: [Holding] = []
    /// How many holdings of each channel (kept with `holdings`).
    var loads = PerChannel<Int32>(repeating: 0)
    /// When the agent last became available for each channel (or its load changed).
    var availableSince = PerChannel<Int64>(repeating: 0)
    var enrollments: [Enrollment] = []
    /// Whether `enrollments` is non-empty, kept in the record so that settling a busy agent
    /// need not read the enrollment list's storage.
    var isEnrolled = false
    /// The channels the agent was available on when last settled.
    var availableChannels = ChannelMask.none
    var servingEntries: [ServingEntry] = []
    var servingQueues: [Int32] = []
    var servingChannels = ChannelMask.none
    var servingDirty = true
    var state: AgentState = .signedOut
    var stateSince: ACDInstant = .zero
    /// Tasks held for this agent by sticky routing.
    var stickyHeld: [Int32] = []
    var isDirty = false
    var pendingCause: ACDStateChangeCause = .engine
    /// Changes on each not-ready episode, so an old duration-limit timer is ignored.
    var notReadyStamp: UInt64 = 0
    /// How many times each reason (by index) was chosen this shift.
    var shiftCounts: [Int32: Int] = [:]

    // Counters since the last reset.
    var stateClock = StateClock()
    var offered = 0
    var answered = 0
    var noAnswers = 0
    var handled = 0
    var signedInAt: ACDInstant?

    /// The membership index for a queue slot, if a member.
    func membershipIndex(of queue: Int32) -> Int? {
        memberships.firstIndex { $0.queue == queue }
    }

    /// How many tasks of `channel` the agent holds in any phase.
    func load(_ channel: ACDChannel) -> Int32 {
        loads[channel]
    }
}
