// An ACD queue as a tenant admin configures it: strategy, required skills, service level,
// wrap-up, limits, overflow, business hours and music on hold.
import Foundation

/// How a queue picks an agent (the ACD engine implements each).
public enum QueueStrategy: String, Hashable, Sendable, CaseIterable {
    /// The agent idle longest first (先闲先分配).
    case longestIdle = "longest_idle"
    /// Every available agent's phone rings; the first to answer takes the call.
    case ringAll = "ring_all"
    /// Agents in turn.
    case roundRobin = "round_robin"
    /// The agent who answered fewest calls today.
    case fewestCalls = "fewest_calls"
    /// The agent with the highest level in the queue's skills.
    case highestSkill = "highest_skill"
}

/// A day of the week, as business hours name them.
public enum Weekday: String, Hashable, Sendable, CaseIterable, Comparable {
    case mon, tue, wed, thu, fri, sat, sun

    public static func < (lhs: Weekday, rhs: Weekday) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// An opening window on some days, in the tenant's time zone: `09:00` to `18:00`
/// (`24:00` means midnight at the end of the day).
public struct BusinessHoursWindow: Hashable, Sendable {
    /// The days the window applies to.
    public var days: [Weekday]
    /// Opening time, HH:MM.
    public var start: String
    /// Closing time, HH:MM (24:00 for midnight).
    public var end: String

    /// Creates a value from its parts (defaults as documented on each property).
    public init(days: [Weekday], start: String, end: String) {
        self.days = days
        self.start = start
        self.end = end
    }

    /// Minutes since midnight of a `HH:MM` time, or `nil` when malformed.
    static func minutes(_ text: String) -> Int? {
        let parts = text.split(separator: ":")
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2,
              let hours = Int(parts[0]), let minutes = Int(parts[1]),
              (0...24).contains(hours), (0...59).contains(minutes), hours < 24 || minutes == 0
        else { return nil }
        return hours * 60 + minutes
    }
}

/// A skill a queue requires, at a minimum level.
public struct QueueSkillRequirement: Hashable, Sendable {
    public var skillID: SkillID
    /// 1 (novice) to 10 (expert).
    public var minimumLevel: Int

    /// Creates a value from its parts (defaults as documented on each property).
    public init(skillID: SkillID, minimumLevel: Int = 1) {
        self.skillID = skillID
        self.minimumLevel = minimumLevel
    }
}

/// What a tenant admin configures for a queue.
public struct QueueDefinition: Hashable, Sendable {
    /// Unique within the tenant; flows enqueue by this name.
    public var name: String
    /// Shown on wallboards; the name when empty.
    public var displayName: String
    public var strategy: QueueStrategy
    /// Higher-priority queues are served first when agents serve several.
    public var priority: Int
    /// Calls answered within this many seconds count toward the service level.
    public var serviceLevelSeconds: Int
    /// After-call work time given to agents after each call.
    public var wrapUpSeconds: Int
    /// A caller waiting longer overflows (or leaves, when no overflow is set).
    public var maxWaitSeconds: Int?
    /// No more callers than this wait at once; the next one overflows.
    public var maxWaiting: Int?
    /// Where calls go when a limit is reached or the queue is closed.
    public var overflowQueueID: QueueID?
    /// When the queue is open; empty means always.
    public var businessHours: [BusinessHoursWindow]
    /// Played while callers wait.
    public var musicOnHoldPromptID: PromptID?
    /// How often callers hear their position and expected wait.
    public var announceIntervalSeconds: Int?
    /// Whether callers may leave a callback request instead of waiting.
    public var callbackEnabled: Bool
    /// Skills an agent needs to take this queue's calls.
    public var skills: [QueueSkillRequirement]
    /// The name of the tenant's flow whose first survey node (满意度) this queue's callers
    /// take when their agent hangs up or pushes the survey; nil for the access number's or
    /// the tenant's survey.
    public var surveyFlow: String?

    /// Creates a value from its parts (defaults as documented on each property).
    public init(
        name: String, displayName: String = "", strategy: QueueStrategy = .longestIdle, priority: Int = 0,
        serviceLevelSeconds: Int = 20, wrapUpSeconds: Int = 10, maxWaitSeconds: Int? = nil, maxWaiting: Int? = nil,
        overflowQueueID: QueueID? = nil, businessHours: [BusinessHoursWindow] = [], musicOnHoldPromptID: PromptID? = nil,
        announceIntervalSeconds: Int? = nil, callbackEnabled: Bool = false, skills: [QueueSkillRequirement] = [],
        surveyFlow: String? = nil
    ) {
        self.name = name
        self.displayName = displayName
        self.strategy = strategy
        self.priority = priority
        self.serviceLevelSeconds = serviceLevelSeconds
        self.wrapUpSeconds = wrapUpSeconds
        self.maxWaitSeconds = maxWaitSeconds
        self.maxWaiting = maxWaiting
        self.overflowQueueID = overflowQueueID
        self.businessHours = businessHours
        self.musicOnHoldPromptID = musicOnHoldPromptID
        self.announceIntervalSeconds = announceIntervalSeconds
        self.callbackEnabled = callbackEnabled
        self.skills = skills
        self.surveyFlow = surveyFlow
    }
}

extension QueueDefinition {
    /// The same definition with lists in the order the store returns them (skills by id),
    /// so a definition can be compared with a stored one.
    public func normalized() -> QueueDefinition {
        var copy = self
        copy.skills.sort { $0.skillID < $1.skillID }
        return copy
    }
}

/// A stored queue.
@dynamicMemberLookup
public struct Queue: Hashable, Sendable, Identifiable {
    /// The identifier the store gave it.
    public var id: QueueID
    /// The tenant that owns it.
    public var tenantID: TenantID
    /// What was configured.
    public var definition: QueueDefinition
    /// When it was created.
    public var createdAt: Date
    /// When it was last changed.
    public var updatedAt: Date

    public subscript<T>(dynamicMember keyPath: KeyPath<QueueDefinition, T>) -> T { definition[keyPath: keyPath] }
}
