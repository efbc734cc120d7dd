// Building the decision traces that offers carry, and the reasons agents are passed over.

extension ACDEngine {
    /// The trace of a task-side decision, built before the offer changes anything.
    func taskSideTrace(task: Int32, requirementClass: Int32, chosen: some Collection<Int32>) -> ACDDecisionTrace {
        let t = Int(task)
        let c = Int(requirementClass)
        let q = Int(classes[c].queue)
        let a = Int(chosen.first!)
        let channel = classes[c].channel
        let membership = agents[a].membershipIndex(of: classes[c].queue).map { agents[a].memberships[$0] }
        let strategy = queues[q].configuration.strategy
        let reason: ACDChoiceReason
        switch strategy {
        case .longestIdle:
            reason = .longestIdle(idle: ACDDuration(milliseconds: clock.milliseconds - agents[a].availableSince[channel]))
        case .roundRobin:
            reason = .roundRobin(offersSince: queues[q].turnCounter - (membership?.turn ?? 0))
        case .fewestHandled:
            reason = .fewestHandled(handled: agents[a].handled)
        case .bestSkill:
            reason = .bestSkill(proficiency: proficiency(Int32(a), classes[c].needs))
        case .random:
            reason = .random
        case .ringAll:
            reason = .ringAll
        }
        var others: [AgentID] = []
        if chosen.count > 1 {
            others.reserveCapacity(chosen.count - 1)
            for agent in chosen.dropFirst() { others.append(agents[Int(agent)].id) }
        }
        var trace = ACDDecisionTrace(
            trigger: tasks[t].trigger, task: tasks[t].task.id, queue: queues[q].id,
            queueName: queues[q].configuration.name, strategy: strategy, agent: agents[a].id, alsoOffered: others,
            reason: reason,
            tier: Int(membership?.tier ?? 0), priority: tasks[t].task.priority,
            waited: clock - tasks[t].queueEnteredAt, candidates: agentSets.count(classes[c].agents),
            skipped: [], moreSkipped: false)
        let limit = configuration.traceSkippedLimit
        guard limit > 0 else { return trace }
        let tier = membership?.tier ?? 0
        var inspected = 0
        for member in queues[q].members {
            if chosen.contains(member) { continue }
            inspected += 1
            if inspected > limit * 4 + 16 {
                trace.moreSkipped = true
                break
            }
            guard let why = skipReason(member, queue: classes[c].queue, channel: channel,
                                       needs: classes[c].needs, chosenTier: tier) else { continue }
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
        let a = Int(agent)
        if agents[a].presence == .signedOut { return .signedOut }
        guard let index = agents[a].membershipIndex(of: queue), agents[a].memberships[index].signedIn else {
            return .notSignedInToQueue
        }
        for need in needs where need.level > 0 && agents[a].levels[Int(need.skill)] < need.level {
            return .skillTooLow(skillIDs[Int(need.skill)], has: Int(agents[a].levels[Int(need.skill)]),
                                needs: Int(need.level))
        }
        if case .notReady(let reason) = agents[a].presence { return .notReady(reasons[Int(reason)].id) }
        if agents[a].capacity[channel] == 0 { return .noCapacity(channel) }
        if channel.needsDevice && !agents[a].deviceReachable { return .deviceUnreachable }
        if !availableChannels(agent).contains(channel) {
            switch agents[a].state {
            case .reserved: return .reserved
            case .busy: return .busy
            case .wrapUp: return .wrapUp
            default: return .atCapacity(channel)
            }
        }
        let tier = agents[a].memberships[index].tier
        return tier > chosenTier ? .higherTier(Int(tier)) : nil
    }

    /// The trace of an agent-side decision: the tasks ahead of the chosen one that the agent
    /// could not take are the ones listed as skipped.
    func agentSideTrace(_ pick: AgentPick, agent: Int32) -> ACDDecisionTrace {
        let t = Int(pick.task)
        let q = Int(tasks[t].queue)
        let a = Int(agent)
        let channel = tasks[t].task.channel
        var candidates = pick.candidates
        if !pick.sticky {
            for membership in agents[a].memberships where membership.signedIn {
                candidates += Int(queues[Int(membership.queue)].waiting[channel])
            }
        }
        var trace = ACDDecisionTrace(
            trigger: .agentAvailable, task: tasks[t].task.id, queue: queues[q].id,
            queueName: queues[q].configuration.name, strategy: queues[q].configuration.strategy,
            agent: agents[a].id, alsoOffered: [],
            reason: pick.sticky ? .sticky : .firstInLine(queues: pick.queuesConsidered),
            tier: Int(pick.tier), priority: tasks[t].task.priority, waited: clock - tasks[t].queueEnteredAt,
            candidates: candidates, skipped: [], moreSkipped: false)
        let limit = configuration.traceSkippedLimit
        guard limit > 0, !pick.sticky else { return trace }
        func note(_ skip: ACDSkip) {
            if trace.skipped.count < limit { trace.skipped.append(skip) } else { trace.moreSkipped = true }
        }
        for membershipIndex in agents[a].memberships.indices {
            let membership = agents[a].memberships[membershipIndex]
            guard membership.signedIn && membership.tier <= pick.tier else { continue }
            let memberQueue = Int(membership.queue)
            // Every class head ahead of the pick that the agent lacks the skills for was
            // seen by `bestTask`: when it saw none, there is nothing to list here.
            if pick.skippedForSkills {
                for slot in queues[memberQueue].classes {
                    let c = Int(slot)
                    guard classes[c].channel == channel, let head = classes[c].head,
                          head < pick.key, !qualifies(agent, class: slot) else { continue }
                    for need in classes[c].needs
                    where need.level > 0 && agents[a].levels[Int(need.skill)] < need.level {
                        note(ACDSkip(agent: nil, task: tasks[Int(head.slot)].task.id,
                                     reason: .skillTooLow(skillIDs[Int(need.skill)],
                                                          has: Int(agents[a].levels[Int(need.skill)]),
                                                          needs: Int(need.level))))
                        break
                    }
                }
            }
            for held in queues[memberQueue].heldTasks where tasks[Int(held)].key < pick.key
                && tasks[Int(held)].preferredAgent != agent
            {
                note(ACDSkip(agent: nil, task: tasks[Int(held)].task.id,
                             reason: .heldForAgent(agents[Int(tasks[Int(held)].preferredAgent)].id)))
            }
        }
        return trace
    }
}
