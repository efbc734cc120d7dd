// The invariants the ACD must keep after every command, computed from the configuration and
// public snapshots (not from the engine's internal indexes).
@testable import ACD

struct InvariantChecker {
    let configuration: ACDTenantConfiguration
    let queues: [QueueID: QueueConfiguration]
    let agents: [AgentID: AgentConfiguration]

    let capacities: [AgentID: [ACDChannel: ChannelCapacity]]

    init(_ configuration: ACDTenantConfiguration) {
        self.configuration = configuration
        queues = Dictionary(uniqueKeysWithValues: configuration.queues.map { ($0.id, $0) })
        agents = Dictionary(uniqueKeysWithValues: configuration.agents.map { ($0.id, $0) })
        capacities = Dictionary(uniqueKeysWithValues: configuration.agents.map { agent in
            (agent.id, Dictionary(uniqueKeysWithValues: (agent.capacity ?? configuration.defaultCapacity).map { ($0.channel, $0) }))
        })
    }

    // MARK: Eligibility from the configuration

    func capacity(of agent: AgentID) -> [ACDChannel: ChannelCapacity] {
        capacities[agent] ?? [:]
    }

    /// Whether the agent could take one more task of `channel` given what it holds.
    func hasRoom(_ status: ACDAgentStatus, for channel: ACDChannel) -> Bool {
        let capacities = capacity(of: status.id)
        guard let capacity = capacities[channel], capacity.maximum > 0 else { return false }
        if channel.needsDevice && !status.deviceReachable { return false }
        let load = status.tasks.filter { $0.channel == channel }.count
        if load >= capacity.maximum { return false }
        for held in status.tasks where capacities[held.channel]?.blocks.contains(channel) ?? false { return false }
        return true
    }

    /// The task's needs at `time`: queue and task requirements merged, then relaxed.
    func needs(of task: RoutingTask, in queue: QueueID, enteredAt: ACDInstant, at time: ACDInstant) -> [SkillID: Int] {
        guard let queueConfiguration = queues[queue] else { return [:] }
        var needs: [SkillID: Int] = [:]
        for requirement in queueConfiguration.requiredSkills + task.requiredSkills {
            needs[requirement.skill] = max(needs[requirement.skill] ?? 0, requirement.minimumLevel)
        }
        let passed = queueConfiguration.skillRelaxation.filter { $0.after <= time - enteredAt }
        if let step = passed.last { needs = needs.mapValues { min($0, step.minimumLevel) } }
        return needs
    }

    func hasSkills(_ agent: AgentID, for needs: [SkillID: Int]) -> Bool {
        let skills = agents[agent]?.skills ?? [:]
        return needs.allSatisfy { $0.value == 0 || (skills[$0.key] ?? 0) >= $0.value }
    }

    // MARK: Checks

    /// Capacity and blocking: no agent holds more than it may.
    func checkCapacity(_ snapshot: ACDSnapshot) -> [String] {
        var problems: [String] = []
        for agent in snapshot.agents {
            let capacities = capacity(of: agent.id)
            for channel in ACDChannel.allCases {
                let load = agent.tasks.filter { $0.channel == channel }.count
                if load > (capacities[channel]?.maximum ?? 0) {
                    problems.append("agent \(agent.id) holds \(load) \(channel) tasks, capacity \(capacities[channel]?.maximum ?? 0)")
                }
            }
        }
        return problems
    }

    /// At the moment of each offer the agent had room: no channel over capacity, nothing
    /// blocking it (checked against what it held before the command).
    func checkOfferRoom(_ effects: [ACDEffect], before: ACDSnapshot) -> [String] {
        var problems: [String] = []
        var holding = Dictionary(uniqueKeysWithValues: before.agents.map { ($0.id, $0) })
        for effect in effects {
            switch effect {
            case .offer(let offer):
                guard var status = holding[offer.agent] else { continue }
                let capacities = capacity(of: offer.agent)
                let load = status.tasks.filter { $0.channel == offer.channel && $0.phase != .wrapUp }.count
                let blocked = status.tasks.contains { held in
                    held.phase != .wrapUp && held.task != offer.task
                        && (capacities[held.channel]?.blocks.contains(offer.channel) ?? false)
                }
                if load >= (capacities[offer.channel]?.maximum ?? 0) || blocked {
                    problems.append("offer of \(offer.task) to \(offer.agent) without room (holds \(status.tasks.map(\.task)))")
                }
                status.tasks.append(ACDHeldTask(task: offer.task, queue: offer.queue, channel: offer.channel,
                                                phase: .offered, since: .zero))
                holding[offer.agent] = status
            case .cancelOffer(let cancel):
                holding[cancel.agent]?.tasks.removeAll { $0.task == cancel.task && $0.phase == .offered }
            case .taskEnded(let end):
                if case .answered(let agent) = end.outcome {
                    holding[agent]?.tasks.removeAll { $0.task == end.task }
                }
                for id in holding.keys { holding[id]?.tasks.removeAll { $0.task == end.task && $0.phase == .offered } }
            default:
                break
            }
        }
        return problems
    }

    /// No ready agent with room is left idle while a task it is eligible for waits.
    func checkNoIdleAgent(_ snapshot: ACDSnapshot, tasks model: [TaskID: CallPathModel.LiveTask]) -> [String] {
        var problems: [String] = []
        let waiting = snapshot.tasks.filter { $0.state == .waiting }
        guard !waiting.isEmpty else { return [] }
        var waitingNeeds: [Int: [SkillID: Int]] = [:]
        for agent in snapshot.agents where agent.chosen == .ready {
            for (index, task) in waiting.enumerated()
            where agent.signedInQueues.contains(task.queue) && hasRoom(agent, for: task.channel) {
                if waitingNeeds[index] == nil, let routing = model[task.id]?.task {
                    waitingNeeds[index] = needs(of: routing, in: task.queue, enteredAt: task.queueEnteredAt, at: snapshot.at)
                }
                guard let needs = waitingNeeds[index] else { continue }
                if hasSkills(agent.id, for: needs) {
                    problems.append("agent \(agent.id) idle (\(agent.state)) while eligible \(task.id) waits in \(task.queue)")
                }
            }
        }
        return problems
    }

    /// Within one queue, priority and channel, an agent is offered a task only if it could
    /// not take any task ahead of it (skills, sticky holds excepted).
    func checkFirstInLine(_ effects: [ACDEffect], before: ACDSnapshot, after: ACDSnapshot,
                          tasks model: [TaskID: CallPathModel.LiveTask]) -> [String]
    {
        var problems: [String] = []
        let beforeTasks = Dictionary(uniqueKeysWithValues: before.tasks.map { ($0.id, $0) })
        let afterTasks = Dictionary(uniqueKeysWithValues: after.tasks.map { ($0.id, $0) })
        let agentStatus = Dictionary(uniqueKeysWithValues: after.agents.map { ($0.id, $0) })
        for case .offer(let offer) in effects where offer.trace.reason != .sticky {
            guard let queue = queues[offer.queue] else { continue }
            let decidedAt = offer.expiresAt - queue.offerTimeout
            guard let taken = afterTasks[offer.task] ?? beforeTasks[offer.task] else { continue }
            for other in after.tasks where other.id != offer.task && other.queue == offer.queue
                && other.state == .waiting && other.channel == offer.channel && other.priority == offer.priority
                && other.queueEnteredAt <= decidedAt
            {
                guard let earlier = beforeTasks[other.id], earlier.state == .waiting, earlier.queue == other.queue,
                      earlier.priority == other.priority,
                      (other.placeInLine, other.arrivalOrder) < (taken.placeInLine, taken.arrivalOrder),
                      let routing = model[other.id]?.task,
                      agentStatus[offer.agent]?.signedInQueues.contains(other.queue) ?? false else { continue }
                let needs = needs(of: routing, in: other.queue, enteredAt: other.queueEnteredAt, at: decidedAt)
                if hasSkills(offer.agent, for: needs) {
                    problems.append("\(offer.task) went to \(offer.agent) ahead of \(other.id) waiting earlier "
                                    + "in \(other.queue) (\(offer.trace))")
                }
            }
        }
        return problems
    }

    /// The engine's live tasks and legs are the model's.
    func checkAgreement(_ snapshot: ACDSnapshot, model: CallPathModel) -> [String] {
        var problems: [String] = []
        let engineTasks = Set(snapshot.tasks.map(\.id))
        let modelTasks = Set(model.live.keys)
        if engineTasks != modelTasks {
            problems.append("engine tasks \(engineTasks.subtracting(modelTasks)) / model tasks "
                            + "\(modelTasks.subtracting(engineTasks)) differ")
        }
        for task in snapshot.tasks {
            guard let entry = model.live[task.id] else { continue }
            switch task.state {
            case .offered(let agents):
                if Set(agents) != Set(entry.ringing.values) {
                    problems.append("\(task.id) rings at \(agents) in the engine, \(entry.ringing.values) in the model")
                }
            case .connected(let agent):
                if entry.connected != agent { problems.append("\(task.id) connected to \(agent), model \(String(describing: entry.connected))") }
            case .waiting, .heldFor:
                if !entry.ringing.isEmpty || entry.connected != nil {
                    problems.append("\(task.id) waits in the engine but has legs in the model")
                }
            }
        }
        return problems
    }
}
