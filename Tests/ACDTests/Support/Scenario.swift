// A small driver for readable ACD scenarios: commands at given seconds, effects collected.
@testable import ACD

/// Drives one engine through a scenario. Times are seconds from the start.
struct Scenario {
    var engine: ACDEngine
    /// Every effect so far, in order.
    var history: [ACDEffect] = []
    /// The effects of the last command.
    var last: [ACDEffect] = []

    init(_ configuration: ACDTenantConfiguration, seed: UInt64 = 1) throws {
        engine = try ACDEngine(configuration: configuration, randomSeed: seed)
    }

    var now: Double { Double(engine.now.milliseconds) / 1000 }

    @discardableResult
    mutating func send(_ command: ACDCommand, at seconds: Double? = nil) -> [ACDEffect] {
        let time = seconds.map { ACDInstant.seconds($0) } ?? engine.now
        last = engine.handle(command, at: time)
        history += last
        return last
    }

    /// Lets time pass to `seconds`, firing deadlines (as the owner's timer would).
    @discardableResult
    mutating func wait(until seconds: Double) -> [ACDEffect] {
        send(.tick, at: seconds)
    }

    @discardableResult
    mutating func arrive(_ id: TaskID, queue: QueueID = "service", priority: Int = 0,
                         skills: [SkillRequirement] = [], channel: ACDChannel = .voice,
                         customer: CustomerID? = nil, preferred: AgentID? = nil,
                         enqueuedAt: Double? = nil, callback: Bool = false, at seconds: Double? = nil) -> [ACDEffect]
    {
        send(.taskArrived(RoutingTask(
            id: id, queue: queue, channel: channel, priority: priority, requiredSkills: skills,
            preferredAgent: preferred, customer: customer, enqueuedAt: enqueuedAt.map { .seconds($0) },
            isCallback: callback)), at: seconds)
    }

    @discardableResult
    mutating func signIn(_ agents: AgentID..., queues: [QueueID]? = nil, at seconds: Double? = nil) -> [ACDEffect] {
        var all: [ACDEffect] = []
        for agent in agents { all += send(.agentSignedIn(agent, queues: queues), at: seconds) }
        last = all
        return all
    }

    /// Accepts the (only) offer of a task made so far and not yet ended.
    @discardableResult
    mutating func answer(_ task: TaskID, by agent: AgentID? = nil, at seconds: Double? = nil) -> [ACDEffect] {
        guard let offer = openOffer(of: task, to: agent) else {
            preconditionFailure("no open offer of \(task)")
        }
        return send(.offerAccepted(offer.offer), at: seconds)
    }

    @discardableResult
    mutating func complete(_ task: TaskID, at seconds: Double? = nil) -> [ACDEffect] {
        send(.taskCompleted(task), at: seconds)
    }

    /// The latest offer of `task` (to `agent`) that no later effect cancelled.
    func openOffer(of task: TaskID, to agent: AgentID? = nil) -> ACDOffer? {
        var open: [OfferID: ACDOffer] = [:]
        for effect in history {
            switch effect {
            case .offer(let offer) where offer.task == task && (agent == nil || offer.agent == agent):
                open[offer.offer] = offer
            case .cancelOffer(let cancel):
                open[cancel.offer] = nil
            default: break
            }
        }
        return open.values.max { $0.offer < $1.offer }
    }

    var lastOffers: [ACDOffer] { last.offers }
    func state(of agent: AgentID) -> AgentState? { engine.agentStatus(agent)?.state }
    func task(_ id: TaskID) -> ACDTaskStatus? { engine.taskStatus(id) }
}

extension [ACDEffect] {
    var offers: [ACDOffer] {
        compactMap { if case .offer(let offer) = $0 { offer } else { nil } }
    }

    var cancellations: [ACDOfferCancellation] {
        compactMap { if case .cancelOffer(let cancel) = $0 { cancel } else { nil } }
    }

    var overflows: [ACDOverflow] {
        compactMap { if case .overflow(let overflow) = $0 { overflow } else { nil } }
    }

    var announcements: [ACDAnnouncement] {
        compactMap { if case .announce(let announcement) = $0 { announcement } else { nil } }
    }

    var stateChanges: [ACDAgentStateChange] {
        compactMap { if case .agentStateChanged(let change) = $0 { change } else { nil } }
    }

    var endings: [ACDTaskEnd] {
        compactMap { if case .taskEnded(let end) = $0 { end } else { nil } }
    }

    var violations: [ACDNotReadyViolation] {
        compactMap { if case .notReadyLimitBreached(let violation) = $0 { violation } else { nil } }
    }

    var repairs: [ACDRepair] {
        compactMap { if case .repaired(let repair) = $0 { repair } else { nil } }
    }

    var rejections: [ACDCommandRejection] {
        compactMap { if case .rejected(let rejection) = $0 { rejection } else { nil } }
    }

    /// "task→agent" pairs of the offers, for compact expectations.
    var offerPairs: [String] {
        offers.map { "\($0.task)→\($0.agent)" }
    }
}

/// Configurations for scenarios.
enum Fixture {
    static let skills = ["billing", "english", "cantonese"].map { SkillDefinition(id: SkillID($0)) }

    /// One tenant with the given queues and agents (agents default to all queues, tier 0).
    static func tenant(
        queues: [QueueConfiguration] = [QueueConfiguration(id: "service", wrapUpTime: .zero)],
        agents: [AgentConfiguration],
        reasons: [NotReadyReasonConfiguration] = []
    ) -> ACDTenantConfiguration {
        ACDTenantConfiguration(tenant: "acme", skills: skills, queues: queues, agents: agents, notReadyReasons: reasons)
    }

    /// Agents in the `service` queue.
    static func agents(_ ids: AgentID..., queue: QueueID = "service", skills: [SkillID: Int] = [:])
        -> [AgentConfiguration]
    {
        ids.map { AgentConfiguration(id: $0, skills: skills, queues: [QueueMembership(queue)]) }
    }

    static func queue(_ id: QueueID = "service", strategy: RoutingStrategy = .longestIdle,
                      wrapUp: Double = 0, offerTimeout: Double = 20) -> QueueConfiguration
    {
        QueueConfiguration(id: id, strategy: strategy, offerTimeout: .seconds(offerTimeout), wrapUpTime: .seconds(wrapUp))
    }
}
