// An agent (座席) as a tenant admin configures it, and the SIP account the registrar and
// the call path look up.
import Foundation

/// How many contacts of each channel an agent handles at once.
public struct ChannelCapacity: Hashable, Sendable {
    /// Concurrent calls.
    public var voice: Int
    /// Concurrent chat sessions.
    public var chat: Int
    /// Concurrent e-mails.
    public var email: Int

    /// Creates a value from its parts (defaults as documented on each property).
    public init(voice: Int = 1, chat: Int = 3, email: Int = 5) {
        self.voice = voice
        self.chat = chat
        self.email = email
    }
}

/// A skill an agent has, at a level from 1 (novice) to 10 (expert).
public struct AgentSkill: Hashable, Sendable {
    public var skillID: SkillID
    public var level: Int

    /// Creates a value from its parts (defaults as documented on each property).
    public init(skillID: SkillID, level: Int) {
        self.skillID = skillID
        self.level = level
    }
}

/// A queue an agent serves; tier 1 is offered calls first, higher tiers when tier 1 is busy.
public struct AgentQueueMembership: Hashable, Sendable {
    public var queueID: QueueID
    public var tier: Int

    /// Creates a value from its parts (defaults as documented on each property).
    public init(queueID: QueueID, tier: Int = 1) {
        self.queueID = queueID
        self.tier = tier
    }
}

/// Whether an agent may sign in.
public enum AgentStatus: String, Hashable, Sendable, CaseIterable {
    case active
    case disabled
}

/// What a tenant admin configures for an agent. Credentials are set apart (never part of
/// a definition that could be logged or compared).
public struct AgentDefinition: Hashable, Sendable {
    /// Work number (工号), announced to callers (报工号); unique within the tenant.
    public var workNumber: String
    /// The name supervisors and (for VIP greetings) callers hear.
    public var displayName: String
    /// The SIP extension (user name) the agent's softphone registers with; unique within
    /// the tenant.
    public var extensionNumber: String
    /// For PC+Phone agents: the mobile or landline the platform calls through a trunk.
    public var pcPhoneNumber: String?
    public var capacity: ChannelCapacity
    /// Offers carry `Call-Info: answer-after=0` so the phone answers by itself.
    public var autoAnswer: Bool
    /// Where it stands.
    public var status: AgentStatus
    public var skills: [AgentSkill]
    public var queues: [AgentQueueMembership]
    public var teamID: TeamID?
    public var siteID: SiteID?
    public var partnerID: PartnerID?

    /// Creates a value from its parts (defaults as documented on each property).
    public init(
        workNumber: String, displayName: String, extensionNumber: String, pcPhoneNumber: String? = nil,
        capacity: ChannelCapacity = ChannelCapacity(), autoAnswer: Bool = false, status: AgentStatus = .active,
        skills: [AgentSkill] = [], queues: [AgentQueueMembership] = [],
        teamID: TeamID? = nil, siteID: SiteID? = nil, partnerID: PartnerID? = nil
    ) {
        self.workNumber = workNumber
        self.displayName = displayName
        self.extensionNumber = extensionNumber
        self.pcPhoneNumber = pcPhoneNumber
        self.capacity = capacity
        self.autoAnswer = autoAnswer
        self.status = status
        self.skills = skills
        self.queues = queues
        self.teamID = teamID
        self.siteID = siteID
        self.partnerID = partnerID
    }

    /// The same definition with lists in the order the store returns them (by id).
    public func normalized() -> AgentDefinition {
        var copy = self
        copy.skills.sort { $0.skillID < $1.skillID }
        copy.queues.sort { $0.queueID < $1.queueID }
        return copy
    }
}

/// A stored agent.
@dynamicMemberLookup
public struct Agent: Hashable, Sendable, Identifiable {
    /// The identifier the store gave it.
    public var id: AgentID
    /// The tenant that owns it.
    public var tenantID: TenantID
    /// What was configured.
    public var definition: AgentDefinition
    /// When it was created.
    public var createdAt: Date
    /// When it was last changed.
    public var updatedAt: Date

    public subscript<T>(dynamicMember keyPath: KeyPath<AgentDefinition, T>) -> T { definition[keyPath: keyPath] }
}

/// What the registrar needs to challenge and check a softphone: whose extension this is
/// and the HA1 digests to verify its response.
public struct SIPAccount: Hashable, Sendable {
    /// The tenant that owns it.
    public var tenantID: TenantID
    public var agentID: AgentID
    public var credentials: DigestHA1
}

/// An agent's whole configuration found by SIP user name and realm, for the call path.
public struct AgentSIPConfiguration: Hashable, Sendable {
    public var account: SIPAccount
    public var agent: Agent
}
