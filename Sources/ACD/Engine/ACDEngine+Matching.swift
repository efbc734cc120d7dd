// The two decisions: which agent a waiting task goes to (task side), and which waiting task
// an agent that became available takes (agent side).

/// An agent-side choice: the task, and where it was found.
struct AgentPick {
    var task: Int32
    var sticky: Bool
    var tier: Int32
    var key: OrderKey
    var candidates: Int
    var queuesConsidered: Int
    /// Whether a class head was passed over because the agent lacks its skills (only then
    /// does the trace look for the tasks the agent skipped).
    var skippedForSkills = false
}

extension ACDEngine {
    /// The best waiting task the agent can take on one of `channels`: a task held for it by
    /// sticky routing first, then the first in line of the classes it qualifies for across
    /// its signed-in queues, lower tiers first.
    func bestTask(for agent: Int32, channels: ChannelMask) -> AgentPick? {
        let a = Int(agent)
        var best: AgentPick?
        if !agents[a].stickyHeld.isEmpty {
            for task in agents[a].stickyHeld {
                let t = Int(task)
                guard channels.contains(tasks[t].task.channel) else { continue }
                if best == nil || tasks[t].key < best!.key {
                    best = AgentPick(task: task, sticky: true, tier: 0, key: tasks[t].key,
                                     candidates: agents[a].stickyHeld.count, queuesConsidered: 1)
                }
            }
            if best != nil { return best }
        }

        var queuesConsidered = 0
        var skippedForSkills = false
        for membershipIndex in agents[a].memberships.indices {
            let membership = agents[a].memberships[membershipIndex]
            guard membership.signedIn else { continue }
            queuesConsidered += 1
            if let current = best, current.tier < membership.tier { continue }
            for slot in queues[Int(membership.queue)].classes {
                let c = Int(slot)
                guard let head = classes[c].head, channels.contains(classes[c].channel) else { continue }
                if let current = best, current.tier == membership.tier && current.key < head { continue }
                guard qualifies(agent, class: slot) else {
                    skippedForSkills = true
                    continue
                }
                best = AgentPick(task: head.slot, sticky: false, tier: membership.tier, key: head,
                                 candidates: 0, queuesConsidered: 0)
            }
        }
        best?.queuesConsidered = queuesConsidered
        best?.skippedForSkills = skippedForSkills
        return best
    }

    /// Offers the agent the task it picked.
    mutating func offerFromAgentSide(_ pick: AgentPick, to agent: Int32) {
        let trace = agentSideTrace(pick, agent: agent)
        makeOffers(task: pick.task, to: CollectionOfOne(agent), trace: trace)
    }

    /// The dirty class whose first task is first in line among those that have both waiting
    /// tasks and available agents; classes with nothing to match are cleaned on the way.
    mutating func nextDispatchableClass() -> Int32? {
        var best: Int32?
        var bestKey = OrderKey(primary: .max, secondary: .max, tertiary: .max, slot: .max)
        var index = 0
        while index < dirtyClasses.count {
            let slot = dirtyClasses[index]
            guard classes[Int(slot)].agents >= 0, let head = classes[Int(slot)].head else {
                classes[Int(slot)].isDirty = false
                dirtyClasses.swapAt(index, dirtyClasses.count - 1)
                dirtyClasses.removeLast()
                continue
            }
            if best == nil || head < bestKey {
                best = slot
                bestKey = head
            }
            index += 1
        }
        return best
    }

    /// Offers the first task of a class to the class's best available agent(s), per the
    /// queue's strategy.
    mutating func dispatch(_ requirementClass: Int32) {
        let c = Int(requirementClass)
        let agentRoot = classes[c].agents
        guard let head = classes[c].head, let first = agentSets.first(agentRoot) else { return }
        switch queues[Int(classes[c].queue)].configuration.strategy {
        case .ringAll:
            var chosen: [Int32] = []
            let tier = first.primary >> 16
            agentSets.forEach(in: agentRoot) { key in
                guard key.primary >> 16 == tier else { return false }
                chosen.append(key.slot)
                return true
            }
            offer(head.slot, of: requirementClass, to: chosen)
        case .random:
            let count = agentSets.rank(of: .lowest(primary: first.primary + 1), in: agentRoot)
            let pick = Int.random(in: 0..<count, using: &random)
            offer(head.slot, of: requirementClass, to: CollectionOfOne(agentSets.element(at: pick, in: agentRoot).slot))
        default:
            offer(head.slot, of: requirementClass, to: CollectionOfOne(first.slot))
        }
    }

    /// Offers a task of a class to the chosen agents, with the trace of the choice.
    private mutating func offer(_ task: Int32, of requirementClass: Int32, to chosen: some Collection<Int32>) {
        let trace = taskSideTrace(task: task, requirementClass: requirementClass, chosen: chosen)
        makeOffers(task: task, to: chosen, trace: trace)
    }
}
