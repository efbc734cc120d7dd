// Everything one tenant's ACD needs to know: skills, queues, agents, not-ready reasons.

/// A skill the tenant uses, with a name for people.
public struct SkillDefinition: Hashable, Sendable, Codable {
    /// The skill's identifier.
    public var id: SkillID
    /// A name for people (e.g. "billing", "粤语").
    public var name: String

    /// Defines `id`, named `name` (or the id).
    public init(id: SkillID, name: String? = nil) {
        self.id = id
        self.name = name ?? id.rawValue
    }

    private enum CodingKeys: String, CodingKey { case id, name }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(SkillID.self, forKey: .id)
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? id.rawValue
    }
}

/// One tenant's ACD configuration: plain Codable data that the store keeps and the admin
/// console edits. `ACDEngine` validates it and refuses it with every problem named.
public struct ACDTenantConfiguration: Hashable, Sendable, Codable {
    /// The tenant this configuration belongs to.
    public var tenant: TenantID
    /// Skills tasks may require and agents may have.
    public var skills: [SkillDefinition]
    /// The tenant's queues.
    public var queues: [QueueConfiguration]
    /// The tenant's agents.
    public var agents: [AgentConfiguration]
    /// Not-ready reasons beyond the built-in `no-answer` and `not-ready` (which may also be
    /// listed here to give them limits).
    public var notReadyReasons: [NotReadyReasonConfiguration]
    /// Capacity of agents that do not set their own.
    public var defaultCapacity: [ChannelCapacity]
    /// Reconciliation leaves alone anything that changed more recently than this, so an
    /// offer the call path has not dialled yet is not taken for a lost one.
    public var reconciliationGrace: ACDDuration
    /// How many skipped agents (or tasks) a decision trace lists; 0 lists none.
    public var traceSkippedLimit: Int

    /// A tenant configuration; only `tenant` is required.
    public init(
        tenant: TenantID,
        skills: [SkillDefinition] = [],
        queues: [QueueConfiguration] = [],
        agents: [AgentConfiguration] = [],
        notReadyReasons: [NotReadyReasonConfiguration] = [],
        defaultCapacity: [ChannelCapacity] = ChannelCapacity.defaults,
        reconciliationGrace: ACDDuration = .seconds(3),
        traceSkippedLimit: Int = 5
    ) {
        self.tenant = tenant
        self.skills = skills
        self.queues = queues
        self.agents = agents
        self.notReadyReasons = notReadyReasons
        self.defaultCapacity = defaultCapacity
        self.reconciliationGrace = reconciliationGrace
        self.traceSkippedLimit = traceSkippedLimit
    }

    private enum CodingKeys: String, CodingKey {
        case tenant, skills, queues, agents, notReadyReasons, defaultCapacity
        case reconciliationGrace, traceSkippedLimit
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = ACDTenantConfiguration(tenant: try c.decode(TenantID.self, forKey: .tenant))
        self = defaults
        skills = try c.decodeIfPresent([SkillDefinition].self, forKey: .skills) ?? []
        queues = try c.decodeIfPresent([QueueConfiguration].self, forKey: .queues) ?? []
        agents = try c.decodeIfPresent([AgentConfiguration].self, forKey: .agents) ?? []
        notReadyReasons = try c.decodeIfPresent([NotReadyReasonConfiguration].self, forKey: .notReadyReasons) ?? []
        defaultCapacity = try c.decodeIfPresent([ChannelCapacity].self, forKey: .defaultCapacity)
            ?? defaults.defaultCapacity
        reconciliationGrace = try c.decodeIfPresent(ACDDuration.self, forKey: .reconciliationGrace)
            ?? defaults.reconciliationGrace
        traceSkippedLimit = try c.decodeIfPresent(Int.self, forKey: .traceSkippedLimit) ?? defaults.traceSkippedLimit
    }
}
