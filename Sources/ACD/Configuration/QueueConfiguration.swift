// How one queue routes: its strategy, timers, skills, overflow and sticky rules.

/// How a queue picks among eligible, available agents.
public enum RoutingStrategy: String, CaseIterable, Hashable, Sendable, Codable {
    /// The agent available the longest gets the task (先闲先分配).
    case longestIdle
    /// Agents take turns: the one this queue offered to longest ago goes first.
    case roundRobin
    /// The agent who handled the fewest tasks since the counters were last reset.
    case fewestHandled
    /// Offer to every eligible agent at once; the first to accept wins.
    case ringAll
    /// A uniformly random eligible agent, drawn from the engine's seeded generator.
    case random
    /// The highest proficiency in the task's skills, then the longest idle.
    case bestSkill
}

/// One step of skill relaxation: after a task has waited `after` in the queue, each of its
/// skill requirements drops to at most `minimumLevel` (0 drops the requirement).
public struct SkillRelaxationStep: Hashable, Sendable, Codable {
    /// Wait in the queue after which the step applies.
    public var after: ACDDuration
    /// The highest minimum level still demanded (1 = any level of the skill, 0 = skill not needed).
    public var minimumLevel: Int

    /// After `after`, demand at most `minimumLevel`.
    public init(after: ACDDuration, minimumLevel: Int) {
        self.after = after
        self.minimumLevel = minimumLevel
    }
}

/// Sticky routing: prefer the agent who last served the customer.
public struct StickyRouting: Hashable, Sendable, Codable {
    /// How recent the last service must be (e.g. 2 hours).
    public var window: ACDDuration
    /// How long the task waits for that agent before anyone may take it (e.g. 10 seconds).
    public var wait: ACDDuration

    /// Prefers the last agent served within `window`, for up to `wait`.
    public init(window: ACDDuration = .hours(2), wait: ACDDuration = .seconds(10)) {
        self.window = window
        self.wait = wait
    }
}

/// The configuration of one queue. Every field but `id` has a default, also when decoding.
public struct QueueConfiguration: Hashable, Sendable, Codable {
    /// The queue's identifier.
    public var id: QueueID
    /// A name for people (traces, wallboard); defaults to the id.
    public var name: String
    /// How agents are picked.
    public var strategy: RoutingStrategy
    /// Waiting this long is worth one priority level, so low priority is never starved.
    /// `nil` means strict priority: a higher priority always goes first.
    public var priorityAging: ACDDuration?
    /// Skills every task of this queue needs (merged with the task's own, highest level wins).
    public var requiredSkills: [SkillRequirement]
    /// Relaxation of skill requirements over the wait in this queue, in order of `after`.
    public var skillRelaxation: [SkillRelaxationStep]
    /// How long an offer rings before it counts as "no answer" (RONA).
    public var offerTimeout: ACDDuration
    /// After-call work after each task, unless the agent overrides it.
    public var wrapUpTime: ACDDuration
    /// Answered within this wait counts toward the service level (e.g. 20 seconds).
    public var serviceLevelThreshold: ACDDuration
    /// What happens when the queue cannot or should not keep a task, checked in order.
    public var overflow: [OverflowRule]
    /// Prefer the customer's last agent; `nil` turns sticky routing off.
    public var sticky: StickyRouting?
    /// Announce position and expected wait this often while a task waits; `nil` announces
    /// only once, on arrival.
    public var announcementInterval: ACDDuration?
    /// The handle time assumed before the queue has measured any (for the first estimates).
    public var expectedHandleTime: ACDDuration
    /// Whether the queue starts open. Business hours are decided by the engine's owner,
    /// which sends `queueOpened` / `queueClosed`.
    public var isOpen: Bool

    /// A queue with defaults: longest idle, strict priority, 20 s offers, 10 s wrap-up,
    /// 20 s service-level threshold, no overflow, no sticky routing.
    public init(
        id: QueueID,
        name: String? = nil,
        strategy: RoutingStrategy = .longestIdle,
        priorityAging: ACDDuration? = nil,
        requiredSkills: [SkillRequirement] = [],
        skillRelaxation: [SkillRelaxationStep] = [],
        offerTimeout: ACDDuration = .seconds(20),
        wrapUpTime: ACDDuration = .seconds(10),
        serviceLevelThreshold: ACDDuration = .seconds(20),
        overflow: [OverflowRule] = [],
        sticky: StickyRouting? = nil,
        announcementInterval: ACDDuration? = nil,
        expectedHandleTime: ACDDuration = .seconds(180),
        isOpen: Bool = true
    ) {
        self.id = id
        self.name = name ?? id.rawValue
        self.strategy = strategy
        self.priorityAging = priorityAging
        self.requiredSkills = requiredSkills
        self.skillRelaxation = skillRelaxation
        self.offerTimeout = offerTimeout
        self.wrapUpTime = wrapUpTime
        self.serviceLevelThreshold = serviceLevelThreshold
        self.overflow = overflow
        self.sticky = sticky
        self.announcementInterval = announcementInterval
        self.expectedHandleTime = expectedHandleTime
        self.isOpen = isOpen
    }

    private enum CodingKeys: String, CodingKey {
        case id, name, strategy, priorityAging, requiredSkills, skillRelaxation, offerTimeout
        case wrapUpTime, serviceLevelThreshold, overflow, sticky, announcementInterval
        case expectedHandleTime, isOpen
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = QueueConfiguration(id: try c.decode(QueueID.self, forKey: .id))
        self = defaults
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? id.rawValue
        strategy = try c.decodeIfPresent(RoutingStrategy.self, forKey: .strategy) ?? defaults.strategy
        priorityAging = try c.decodeIfPresent(ACDDuration.self, forKey: .priorityAging)
        requiredSkills = try c.decodeIfPresent([SkillRequirement].self, forKey: .requiredSkills) ?? []
        skillRelaxation = try c.decodeIfPresent([SkillRelaxationStep].self, forKey: .skillRelaxation) ?? []
        offerTimeout = try c.decodeIfPresent(ACDDuration.self, forKey: .offerTimeout) ?? defaults.offerTimeout
        wrapUpTime = try c.decodeIfPresent(ACDDuration.self, forKey: .wrapUpTime) ?? defaults.wrapUpTime
        serviceLevelThreshold =
            try c.decodeIfPresent(ACDDuration.self, forKey: .serviceLevelThreshold) ?? defaults.serviceLevelThreshold
        overflow = try c.decodeIfPresent([OverflowRule].self, forKey: .overflow) ?? []
        sticky = try c.decodeIfPresent(StickyRouting.self, forKey: .sticky)
        announcementInterval = try c.decodeIfPresent(ACDDuration.self, forKey: .announcementInterval)
        expectedHandleTime =
            try c.decodeIfPresent(ACDDuration.self, forKey: .expectedHandleTime) ?? defaults.expectedHandleTime
        isOpen = try c.decodeIfPresent(Bool.self, forKey: .isOpen) ?? true
    }
}
