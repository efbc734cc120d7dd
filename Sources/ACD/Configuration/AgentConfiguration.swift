// How one agent is set up: team, skills, queues with tiers, capacity per channel.

/// An agent's membership in a queue.
public struct QueueMembership: Hashable, Sendable, Codable {
    /// The queue.
    public var queue: QueueID
    /// The penalty (tier): agents of a lower tier get the queue's tasks first, and an agent
    /// serves its lower-tier queues before its higher-tier ones. 0...1000.
    public var tier: Int

    /// Membership in `queue` at `tier`.
    public init(_ queue: QueueID, tier: Int = 0) {
        self.queue = queue
        self.tier = tier
    }

    private enum CodingKeys: String, CodingKey { case queue, tier }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        queue = try c.decode(QueueID.self, forKey: .queue)
        tier = try c.decodeIfPresent(Int.self, forKey: .tier) ?? 0
    }
}

/// How many tasks of a channel an agent can hold at once, and which channels such a task
/// blocks (for example a call blocks chats).
public struct ChannelCapacity: Hashable, Sendable, Codable {
    /// The channel.
    public var channel: ACDChannel
    /// Tasks of this channel held at once (offered, in progress or in wrap-up). 0...100.
    public var maximum: Int
    /// Channels the agent takes no new task from while holding one of this channel.
    public var blocks: [ACDChannel]

    /// Up to `maximum` tasks of `channel`, each blocking `blocks`.
    public init(_ channel: ACDChannel, maximum: Int, blocks: [ACDChannel] = []) {
        self.channel = channel
        self.maximum = maximum
        self.blocks = blocks
    }

    private enum CodingKeys: String, CodingKey { case channel, maximum, blocks }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        channel = try c.decode(ACDChannel.self, forKey: .channel)
        maximum = try c.decode(Int.self, forKey: .maximum)
        blocks = try c.decodeIfPresent([ACDChannel].self, forKey: .blocks) ?? []
    }

    /// The capacity an agent has unless its tenant or itself says otherwise: one call (which
    /// blocks video, chat, email and SMS), one video call, three chats, one email, three SMS.
    public static let defaults: [ChannelCapacity] = [
        ChannelCapacity(.voice, maximum: 1, blocks: [.video, .chat, .email, .sms]),
        ChannelCapacity(.video, maximum: 1, blocks: [.voice, .chat, .email, .sms]),
        ChannelCapacity(.chat, maximum: 3),
        ChannelCapacity(.email, maximum: 1),
        ChannelCapacity(.sms, maximum: 3),
    ]
}

/// The configuration of one agent.
public struct AgentConfiguration: Hashable, Sendable, Codable {
    /// The agent's identifier (work number).
    public var id: AgentID
    /// A name for people; defaults to the id.
    public var name: String
    /// The agent's team (班组), for team limits on not-ready reasons.
    public var team: TeamID?
    /// Proficiency per skill, 1 to 10.
    public var skills: [SkillID: Int]
    /// The queues the agent may sign in to, each with a tier.
    public var queues: [QueueMembership]
    /// Capacity per channel; `nil` uses the tenant's default. Channels not listed have 0.
    public var capacity: [ChannelCapacity]?
    /// Wrap-up after each task, overriding the queue's.
    public var wrapUpTime: ACDDuration?

    /// Describes an agent.
    public init(
        id: AgentID,
        name: String? = nil,
        team: TeamID? = nil,
        skills: [SkillID: Int] = [:],
        queues: [QueueMembership] = [],
        capacity: [ChannelCapacity]? = nil,
        wrapUpTime: ACDDuration? = nil
    ) {
        self.id = id
        self.name = name ?? id.rawValue
        self.team = team
        self.skills = skills
        self.queues = queues
        self.capacity = capacity
        self.wrapUpTime = wrapUpTime
    }

    private enum CodingKeys: String, CodingKey {
        case id, name, team, skills, queues, capacity, wrapUpTime
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(AgentID.self, forKey: .id)
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? id.rawValue
        team = try c.decodeIfPresent(TeamID.self, forKey: .team)
        skills = try c.decodeIfPresent([SkillID: Int].self, forKey: .skills) ?? [:]
        queues = try c.decodeIfPresent([QueueMembership].self, forKey: .queues) ?? []
        capacity = try c.decodeIfPresent([ChannelCapacity].self, forKey: .capacity)
        wrapUpTime = try c.decodeIfPresent(ACDDuration.self, forKey: .wrapUpTime)
    }
}
