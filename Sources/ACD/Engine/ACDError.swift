// Why the engine refused a command, in words a person can act on.

/// A command the engine could not apply. The engine never crashes on bad input: it reports
/// a `rejected` effect carrying one of these and changes nothing else.
public enum ACDError: Error, Hashable, Sendable, Codable, CustomStringConvertible {
    case unknownTask(TaskID)
    case duplicateTask(TaskID)
    case unknownQueue(QueueID)
    case unknownAgent(AgentID)
    case unknownOffer(OfferID)
    case unknownSkill(SkillID)
    case unknownReason(NotReadyReasonID)
    case invalidSkillLevel(SkillID, level: Int)
    case invalidPriority(Int)
    case emptyTaskID
    case notAMember(AgentID, queues: [QueueID])
    case agentSignedOut(AgentID)
    case taskNotConnected(TaskID)
    case taskAlreadyAnswered(TaskID)
    case limitRefused(ACDNotReadyViolation)
    case tooManyRequirementCombinations(QueueID, limit: Int)
    case tooManyLiveTasks(limit: Int)
    case invalidConfiguration(ACDConfigurationError)
    case wrongTenant(expected: TenantID, got: TenantID)
    case unknownTenant(TenantID)

    public var description: String {
        switch self {
        case .unknownTask(let task): "task '\(task)' is not known (never arrived, or already ended)"
        case .duplicateTask(let task): "task '\(task)' is already in the ACD; task ids must be unique among live tasks"
        case .unknownQueue(let queue): "queue '\(queue)' is not configured"
        case .unknownAgent(let agent): "agent '\(agent)' is not configured"
        case .unknownOffer(let offer): "\(offer) is not active (already answered, withdrawn or timed out)"
        case .unknownSkill(let skill): "skill '\(skill)' is not defined for this tenant"
        case .unknownReason(let reason): "not-ready reason '\(reason)' is not configured for this tenant"
        case .invalidSkillLevel(let skill, let level): "skill '\(skill)' level \(level) is outside 1...10"
        case .invalidPriority(let priority): "priority \(priority) is outside 0...1000"
        case .emptyTaskID: "a task id must not be empty"
        case .notAMember(let agent, let queues):
            "agent '\(agent)' is not a member of " + queues.map { "'\($0)'" }.joined(separator: ", ")
        case .agentSignedOut(let agent): "agent '\(agent)' is signed out; sign in first"
        case .taskNotConnected(let task): "task '\(task)' is not being handled by an agent"
        case .taskAlreadyAnswered(let task): "task '\(task)' is already answered and cannot be moved"
        case .limitRefused(let violation): "refused: \(violation)"
        case .tooManyRequirementCombinations(let queue, let limit):
            "queue '\(queue)' already has \(limit) different skill requirement combinations; simplify task skills"
        case .tooManyLiveTasks(let limit):
            "this tenant already has \(limit) live tasks; end or withdraw some before adding more"
        case .invalidConfiguration(let error): error.description
        case .wrongTenant(let expected, let got):
            "configuration is for tenant '\(got)' but this engine serves tenant '\(expected)'"
        case .unknownTenant(let tenant): "tenant '\(tenant)' has no ACD on this node"
        }
    }
}
