// What the call path (or a chat, email or SMS channel) hands the ACD when work arrives.

/// A skill a task needs, and the lowest level an agent must have in it.
public struct SkillRequirement: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The skill.
    public var skill: SkillID
    /// The lowest acceptable proficiency, 1 to 10.
    public var minimumLevel: Int

    /// Requires `skill` at `minimumLevel` or better.
    public init(_ skill: SkillID, atLeast minimumLevel: Int = 1) {
        self.skill = skill
        self.minimumLevel = minimumLevel
    }

    public var description: String { "\(skill) ≥ \(minimumLevel)" }
}

/// A unit of work to route: one call, chat, email, SMS or callback.
///
/// The call path maps a call onto a task like this: `id` is the call id, `queue` is the queue
/// the IVR flow's enqueue node names, `channel` is `.voice`, `priority` and `requiredSkills`
/// come from the flow (VIP rules, menu choices), `customer` is the caller's asserted number
/// (for sticky routing), and `data` is what the flow collected (shown in the screen pop).
public struct RoutingTask: Hashable, Sendable, Codable {
    /// Unique among the tenant's live tasks.
    public var id: TaskID
    /// The queue the task enters.
    public var queue: QueueID
    /// The medium; decides which capacity of the agent it uses.
    public var channel: ACDChannel
    /// Higher is more urgent (VIPs get a higher number). Valid range 0...1000.
    public var priority: Int
    /// Skills needed on top of the queue's own required skills.
    public var requiredSkills: [SkillRequirement]
    /// An agent to prefer for a few seconds (sticky routing); the queue's `sticky` settings
    /// say how long. Unknown agents are ignored rather than refused.
    public var preferredAgent: AgentID?
    /// The customer, so the engine can prefer the agent who last served them.
    public var customer: CustomerID?
    /// The task's place in line. Leave `nil` for "now"; a callback created for a caller who
    /// hung up passes the original enqueue time so it keeps its place.
    public var enqueuedAt: ACDInstant?
    /// A callback: the customer is no longer on the line and the agent will call them.
    /// Callbacks keep their place, never overflow on wait time, and are counted apart from
    /// service level and speed of answer.
    public var isCallback: Bool
    /// Opaque data for the agent's screen pop; the engine only carries it.
    public var data: [String: String]

    /// Describes a task; only `id` and `queue` are required.
    public init(
        id: TaskID,
        queue: QueueID,
        channel: ACDChannel = .voice,
        priority: Int = 0,
        requiredSkills: [SkillRequirement] = [],
        preferredAgent: AgentID? = nil,
        customer: CustomerID? = nil,
        enqueuedAt: ACDInstant? = nil,
        isCallback: Bool = false,
        data: [String: String] = [:]
    ) {
        self.id = id
        self.queue = queue
        self.channel = channel
        self.priority = priority
        self.requiredSkills = requiredSkills
        self.preferredAgent = preferredAgent
        self.customer = customer
        self.enqueuedAt = enqueuedAt
        self.isCallback = isCallback
        self.data = data
    }
}
