// Settling an agent after any change: sticky holds, serving capacity, taking waiting work,
// enrollment in the classes it can serve, and its visible state.

extension ACDEngine {
    /// Brings one agent up to date. Called for every dirty agent before any class is
    /// dispatched, so no decision ever sees a stale enrollment. The agent stays marked dirty
    /// until the end, so changes made on the way do not queue it again.
    mutating func settle(_ agent: Int32) {
        let a = Int(agent)
        if !agents[a].stickyHeld.isEmpty { releaseStickyHolds(of: agent) }
        if agents[a].servingDirty { refreshServing(agent) }

        var channels = availableChannels(agent)
        while !channels.isEmpty, let pick = bestTask(for: agent, channels: channels) {
            offerFromAgentSide(pick, to: agent)
            channels = availableChannels(agent)
        }
        let becameAvailable = channels.bits & ~agents[a].availableChannels.bits
        if becameAvailable != 0 {
            for channel in ACDChannel.allCases where ChannelMask(bits: becameAvailable).contains(channel) {
                agents[a].availableSince[channel] = clock.milliseconds
            }
        }
        agents[a].availableChannels = channels
        syncEnrollment(agent, channels: channels)
        updateState(agent)
        agents[a].isDirty = false
    }

    /// The channels on which the agent can take a new task right now.
    func availableChannels(_ agent: Int32) -> ChannelMask {
        let record = agents[Int(agent)]
        guard !record.isRemoved, record.presence == .ready else { return .none }
        var load = PerChannel<Int32>(repeating: 0)
        var blocked = ChannelMask.none
        for holding in record.holdings {
            load[holding.channel] += 1
            blocked.bits |= record.blocks[holding.channel].bits
        }
        var mask = ChannelMask.none
        for channel in ACDChannel.allCases
        where record.capacity[channel] > load[channel] && !blocked.contains(channel)
            && (!channel.needsDevice || record.deviceReachable)
        {
            mask.insert(channel)
        }
        return mask
    }

    /// Whether the agent has every skill at the level the needs ask.
    @inline(__always)
    func qualifies(_ record: AgentRecord, _ needs: [SkillNeed]) -> Bool {
        for need in needs where need.level > 0 {
            if record.levels[Int(need.skill)] < need.level { return false }
        }
        return true
    }

    /// The agent's place among the available agents of a class, per the queue's strategy.
    func enrollmentKey(_ agent: Int32, _ membership: Membership, _ requirementClass: RequirementClass) -> OrderKey {
        let record = agents[Int(agent)]
        let channel = requirementClass.channel
        let base = Int64(membership.tier) << 16 | Int64(record.load(channel))
        let since = record.availableSince[channel]
        switch queues[Int(requirementClass.queue)].configuration.strategy {
        case .longestIdle:
            return OrderKey(primary: base, secondary: since, tertiary: 0, slot: agent)
        case .roundRobin:
            return OrderKey(primary: base, secondary: membership.turn, tertiary: 0, slot: agent)
        case .fewestHandled:
            return OrderKey(primary: base, secondary: Int64(record.handled), tertiary: since, slot: agent)
        case .bestSkill:
            return OrderKey(primary: base, secondary: -Int64(proficiency(record, requirementClass.needs)),
                            tertiary: since, slot: agent)
        case .random, .ringAll:
            return OrderKey(primary: base, secondary: 0, tertiary: 0, slot: agent)
        }
    }

    /// The sum of the agent's levels in the skills a class lists.
    func proficiency(_ record: AgentRecord, _ needs: [SkillNeed]) -> Int {
        needs.reduce(0) { $0 + Int(record.levels[Int($1.skill)]) }
    }

    /// Makes the agent's entries in the classes' agent sets match what it can serve now.
    mutating func syncEnrollment(_ agent: Int32, channels: ChannelMask) {
        let a = Int(agent)
        scratchEnrollments.removeAll(keepingCapacity: true)
        if !channels.isEmpty {
            let record = agents[a]
            for (membershipIndex, membership) in record.memberships.enumerated() where membership.signedIn {
                let queue = queues[Int(membership.queue)]
                for (position, slot) in queue.classes.enumerated() {
                    let requirementClass = classes[Int(slot)]
                    guard channels.contains(requirementClass.channel),
                          qualifies(record, requirementClass.needs) else { continue }
                    scratchEnrollments.append(Enrollment(
                        classSlot: slot, ordinal: Int32(membershipIndex << 12 | position),
                        key: enrollmentKey(agent, membership, requirementClass)))
                }
            }
        }
        if scratchEnrollments == agents[a].enrollments { return }

        var current = 0
        var wanted = 0
        let old = agents[a].enrollments
        while current < old.count || wanted < scratchEnrollments.count {
            if wanted == scratchEnrollments.count
                || (current < old.count && old[current].ordinal < scratchEnrollments[wanted].ordinal)
            {
                agentSets.remove(old[current].key, from: &classes[Int(old[current].classSlot)].agents)
                current += 1
            } else if current == old.count || old[current].ordinal > scratchEnrollments[wanted].ordinal {
                let entry = scratchEnrollments[wanted]
                agentSets.insert(entry.key, into: &classes[Int(entry.classSlot)].agents)
                wanted += 1
            } else {
                let entry = scratchEnrollments[wanted]
                if old[current].key != entry.key || old[current].classSlot != entry.classSlot {
                    agentSets.remove(old[current].key, from: &classes[Int(old[current].classSlot)].agents)
                    agentSets.insert(entry.key, into: &classes[Int(entry.classSlot)].agents)
                }
                current += 1
                wanted += 1
            }
        }
        agents[a].enrollments.removeAll(keepingCapacity: true)
        agents[a].enrollments.append(contentsOf: scratchEnrollments)
    }

    /// Whether the agent counts as serving a queue now (signed in to it, ready; busy or not).
    func isServing(_ record: AgentRecord, _ membership: Membership) -> Bool {
        !record.isRemoved && record.presence == .ready && membership.signedIn
    }

    /// Recomputes the agent's share of the serving capacity of its queues and classes.
    mutating func refreshServing(_ agent: Int32) {
        let a = Int(agent)
        agents[a].servingDirty = false
        for entry in agents[a].servingEntries {
            classes[Int(entry.classSlot)].servingCapacity -= entry.amount
        }
        for queue in agents[a].servingQueues {
            for channel in ACDChannel.allCases where agents[a].servingChannels.contains(channel) {
                queues[Int(queue)].servingCapacity[channel] -= agents[a].capacity[channel]
            }
        }
        agents[a].servingEntries.removeAll(keepingCapacity: true)
        agents[a].servingQueues.removeAll(keepingCapacity: true)
        let record = agents[a]
        var channels = ChannelMask.none
        for channel in ACDChannel.allCases
        where record.capacity[channel] > 0 && (!channel.needsDevice || record.deviceReachable) {
            channels.insert(channel)
        }
        agents[a].servingChannels = channels
        for membership in record.memberships where isServing(record, membership) {
            agents[a].servingQueues.append(membership.queue)
            for channel in ACDChannel.allCases where channels.contains(channel) {
                queues[Int(membership.queue)].servingCapacity[channel] += record.capacity[channel]
            }
            for slot in queues[Int(membership.queue)].classes {
                let requirementClass = classes[Int(slot)]
                guard channels.contains(requirementClass.channel), qualifies(record, requirementClass.needs) else {
                    continue
                }
                let amount = record.capacity[requirementClass.channel]
                classes[Int(slot)].servingCapacity += amount
                agents[a].servingEntries.append(ServingEntry(classSlot: slot, amount: amount))
            }
        }
    }

    /// The state the agent shows: work held wins over what it chose.
    func derivedState(_ record: AgentRecord) -> AgentState {
        var offered = false
        var connected = false
        var wrapUp = false
        for holding in record.holdings {
            switch holding.phase {
            case .offered: offered = true
            case .connected: connected = true
            case .wrapUp: wrapUp = true
            }
        }
        if offered { return .reserved }
        if connected { return .busy }
        if wrapUp { return .wrapUp }
        switch record.presence {
        case .signedOut: return .signedOut
        case .ready: return .ready
        case .notReady(let reason): return .notReady(reasons[Int(reason)].id)
        }
    }

    /// Emits the agent's state change, if any, and keeps time per state and the not-ready
    /// duration limit.
    mutating func updateState(_ agent: Int32) {
        let a = Int(agent)
        let new = derivedState(agents[a])
        let old = agents[a].state
        let cause = agents[a].pendingCause
        agents[a].pendingCause = .engine
        guard new != old else { return }
        let spent = clock - max(agents[a].stateSince, countersResetAt)
        agents[a].stateClock.milliseconds[old.kind.index] += spent.milliseconds
        if old.kind == .notReady { agents[a].notReadyStamp = nextStamp() }
        agents[a].state = new
        agents[a].stateSince = clock
        emit(.agentStateChanged(ACDAgentStateChange(agent: agents[a].id, from: old, to: new, at: clock, cause: cause)))
        if case .notReady(let reasonID) = new, let reason = reasonIndex[reasonID],
           let maximum = reasons[Int(reason)].maximumDuration
        {
            let stamp = nextStamp()
            agents[a].notReadyStamp = stamp
            schedule(.notReadyLimit, at: clock + maximum, slot: agent, detail: reason, stamp: stamp)
        }
    }

    /// Releases held tasks whose sticky agent can no longer take them soon (not ready,
    /// signed out of the queue, phone gone, skills changed).
    mutating func releaseStickyHolds(of agent: Int32) {
        let record = agents[Int(agent)]
        for task in record.stickyHeld {
            let t = tasks[Int(task)]
            let keep = record.presence == .ready
                && (record.membershipIndex(of: t.queue).map { record.memberships[$0].signedIn } ?? false)
                && (!t.task.channel.needsDevice || record.deviceReachable)
                && record.capacity[t.task.channel] > 0
                && qualifies(record, relaxedNeeds(task))
            if !keep { releaseHeld(task) }
        }
    }
}
