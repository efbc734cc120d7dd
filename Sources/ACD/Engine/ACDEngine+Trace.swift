// Building the decision traces that offers carry, and the reasons agents are passed over.

extension ACDEngine {
    /// The trace of a task-side decision, built before the offer changes anything.
    func taskSideTrace(task: Int32, requirementClass: Int32, chosen: [Int32]) -> ACDDecisionTrace {
        let record = tasks[Int(task)]
        let entry = classes[Int(requirementClass)]
        let queue = queues[Int(entry.queue)]
        let agent = agents[Int(chosen[0])]
        let membership = agent.membershipIndex(of: entry.queue).map { agent.memberships[$0] }
        let reason: ACDChoiceReason
        switch queue.configuration.strategy {
        case .longestIdle:
            reason = .longestIdle(idle: ACDDuration(milliseconds: clock.milliseconds - agent.availableSince[entry.channel]))
        case .roundRobin:
            reason = .roundRobin(offersSince: queue.turnCounter - (membership?.turn ?? 0))
        case .fewestHandled:
            reason = .fewestHandled(handled: agent.handled)
        case .bestSkill:
            reason = .bestSkill(proficiency: proficiency(agent, entry.needs))
        case .random:
            reason = .random
        case .ringAll:
            reason = .ringAll
        }
        var trace = ACDDecisionTrace(
            trigger: record.trigger, task: record.task.id, queue: queue.id, queueName: queue.configuration.name,
            strategy: queue.configuration.strategy, agents: chosen.map { agents[Int($0)].id }, reason: reason,
            tier: Int(membership?.tier ?? 0), priority: record.task.priority, waited: clock - record.queueEnteredAt,
            candidates: agentSets.count(entry.agents), skipped: [], moreSkipped: false)
        let limit = configuration.traceSkippedLimit
        guard limit > 0 else { return trace }
        let tier = membership?.tier ?? 0
        var inspected = 0
        for member in queue.members {
            if chosen.contains(member) { continue }
            inspected += 1
            if inspected > limit * 4 + 16 {
                trace.moreSkipped = true
                break
            }
            guard let why = skipReason(member, queue: entry.queue, channel: entry.channel,
                                       needs: entry.needs, chosenTier: tier) else { continue }
            if trace.skipped.count == limit {
                trace.moreSkipped = true
                break
            }
            trace.skipped.append(ACDSkip(agent: agents[Int(member)].id, task: nil, reason: why))
        }
        return trace
    }

    /// Why an agent could not take a task of this queue, channel and needs now; `nil` when it
    /// could and merely ranked after the chosen one.
    func skipReason(_ agent: Int32, queue: Int32, channel: ACDChannel, needs: [SkillNeed], chosenTier: Int32)
        -> ACDSkipReason?
    {
        let record = agents[Int(agent)]
        if record.presence == .signedOut { return .signedOut }
        guard let index = record.membershipIndex(of: queue), record.memberships[index].signedIn else {
            return .notSignedInToQueue
        }
        for need in needs where need.level > 0 && record.levels[Int(need.skill)] < need.level {
            return .skillTooLow(skillIDs[Int(need.skill)], has: Int(record.levels[Int(need.skill)]),
                                needs: Int(need.level))
        }
        if case .notReady(let reason) = record.presence { return .notReady(reasons[Int(reason)].id) }
        if record.capacity[channel] == 0 { return .noCapacity(channel) }
        if channel.needsDevice && !record.deviceReachable { return .deviceUnreachable }
        if !availableChannels(agent).contains(channel) {
            switch record.state {
            case .reserved: return .reserved
            case .busy: return .busy
            case .wrapUp: return .wrapUp
            default: return .atCapacity(channel)
            }
        }
        let tier = record.memberships[index].tier
        return tier > chosenTier ? .higherTier(Int(tier)) : nil
    }

    /// The trace of an agent-side decision: the tasks ahead of the chosen one that the agent
    /// could not take are the ones listed as skipped.
    func agentSideTrace(_ pick: AgentPick, agent: Int32) -> ACDDecisionTrace {
        let record = tasks[Int(pick.task)]
        let queue = queues[Int(record.queue)]
        var trace = ACDDecisionTrace(
            trigger: .agentAvailable, task: record.task.id, queue: queue.id, queueName: queue.configuration.name,
            strategy: queue.configuration.strategy, agents: [agents[Int(agent)].id],
            reason: pick.sticky ? .sticky : .firstInLine(queues: pick.queuesConsidered), tier: Int(pick.tier),
            priority: record.task.priority, waited: clock - record.queueEnteredAt,
            candidates: pick.candidates, skipped: [], moreSkipped: false)
        let limit = configuration.traceSkippedLimit
        guard limit > 0, !pick.sticky else { return trace }
        let agentRecord = agents[Int(agent)]
        func note(_ skip: ACDSkip) {
            if trace.skipped.count < limit { trace.skipped.append(skip) } else { trace.moreSkipped = true }
        }
        for membership in agentRecord.memberships where membership.signedIn && membership.tier <= pick.tier {
            let memberQueue = queues[Int(membership.queue)]
            for slot in memberQueue.classes {
                let entry = classes[Int(slot)]
                guard entry.channel == record.task.channel, let head = taskSets.first(entry.tasks),
                      head < pick.key, !qualifies(agentRecord, entry.needs) else { continue }
                for need in entry.needs where need.level > 0 && agentRecord.levels[Int(need.skill)] < need.level {
                    note(ACDSkip(agent: nil, task: tasks[Int(head.slot)].task.id,
                                 reason: .skillTooLow(skillIDs[Int(need.skill)],
                                                      has: Int(agentRecord.levels[Int(need.skill)]),
                                                      needs: Int(need.level))))
                    break
                }
            }
            for held in memberQueue.heldTasks where tasks[Int(held)].key < pick.key
                && tasks[Int(held)].preferredAgent != agent
            {
                note(ACDSkip(agent: nil, task: tasks[Int(held)].task.id,
                             reason: .heldForAgent(agents[Int(tasks[Int(held)].preferredAgent)].id)))
            }
        }
        return trace
    }
}
