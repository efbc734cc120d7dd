// The engine's record of one queue and of its requirement classes.

/// The channel and the (relaxed) skill needs shared by the tasks of one class.
struct ClassSignature: Hashable, Sendable {
    var queue: Int32
    var channel: ACDChannel
    var needs: [SkillNeed]
}

/// The tasks of one queue that need exactly the same thing, and the available agents that
/// can give it. Matching never scans: a waiting task looks at its class's best agent, and an
/// agent that becomes available looks at the first task of each class it qualifies for.
struct RequirementClass: Sendable {
    var queue: Int32
    var channel: ACDChannel
    var needs: [SkillNeed]
    /// `needs` packed, when they fit (read by the hot paths instead of `needs`).
    var digest: NeedsDigest
    /// Index in the queue's `classes`.
    var position: Int32
    /// Waiting tasks, ordered by place in line.
    var tasks: Int32 = RankedSetArena.empty
    /// The first of `tasks` (kept with it, so the head costs no tree walk).
    var head: OrderKey?
    /// Available qualifying agents, ordered by tier, load and the queue's strategy.
    var agents: Int32 = RankedSetArena.empty
    /// Capacity of the signed-in, ready agents that qualify (busy or not), for estimates.
    var servingCapacity: Int32 = 0
    var isDirty = false
}

/// A running mean over the last `window` samples (cumulative until then, then exponential).
struct RunningMean: Sendable {
    var value: Double
    var samples: Int = 0
    var window: Int = 100

    mutating func add(_ sample: Double) {
        samples += 1
        value += (sample - value) / Double(min(samples, window))
    }
}

/// One queue and everything the engine tracks about it.
struct QueueRecord: Sendable {
    var id: QueueID
    var configuration: QueueConfiguration
    var isRemoved = false
    var isOpen: Bool
    /// Member agents (slots), in configuration order.
    var members: [Int32] = []
    var classes: [Int32] = []
    /// Members signed in to this queue and not signed out.
    var signedInCount: Int32 = 0
    /// Waiting and held tasks per channel.
    var waiting = PerChannel<Int32>(repeating: 0)
    var waitingTotal: Int32 = 0
    var heldTasks: [Int32] = []
    /// Every waiting or held task per channel, in line order (for positions).
    var lines = PerChannel<Int32>(repeating: RankedSetArena.empty)
    var turnCounter: Int64 = 0
    /// Capacity of signed-in, ready members per channel, for estimates of new arrivals.
    var servingCapacity = PerChannel<Int32>(repeating: 0)
    var counters = ACDQueueCounters()
    /// Agent time per task (offer to end of wrap-up), in milliseconds.
    var handleTime: RunningMean
    /// Ring time of answered offers, in milliseconds.
    var ringTime = RunningMean(value: 0)
    /// Relaxation step times and levels, in order.
    var relaxation: [SkillRelaxationStep]
    /// The queue's own required skills as skill indexes.
    var baseNeeds: [SkillNeed] = []
    /// Index of the tenant's `waitedLongerThan` rules, ordered by their limit.
    var maximumWaitRules: [(limit: ACDDuration, rule: Int32)] = []

    init(configuration: QueueConfiguration) {
        self.id = configuration.id
        self.configuration = configuration
        self.isOpen = configuration.isOpen
        self.handleTime = RunningMean(value: Double(configuration.expectedHandleTime.milliseconds))
        self.relaxation = configuration.skillRelaxation
        self.maximumWaitRules = Self.maximumWaitRules(of: configuration)
    }

    static func maximumWaitRules(of configuration: QueueConfiguration) -> [(limit: ACDDuration, rule: Int32)] {
        var rules: [(limit: ACDDuration, rule: Int32)] = []
        for (index, rule) in configuration.overflow.enumerated() {
            if case .waitedLongerThan(let limit) = rule.condition { rules.append((limit, Int32(index))) }
        }
        return rules.sorted { $0.limit != $1.limit ? $0.limit < $1.limit : $0.rule < $1.rule }
    }
}
