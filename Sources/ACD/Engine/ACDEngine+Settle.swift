// Settling an agent after any change: sticky holds, serving capacity, taking waiting work,
// enrollment in the classes it can serve, and its visible state.
//
// Hot paths read the fields they need through the arrays (`agents[a].presence`) rather than
// copying whole records, which would retain every array and string in them.

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

    // MARK: Holdings

    mutating func appendHolding(_ agent: Int32, _ holding: Holding) {
        agents[Int(agent)].loads[holding.channel] += 1
        agents[Int(agent)].holdings.append(holding)
    }

    @discardableResult
    mutating func removeHolding(_ agent: Int32, at index: Int) -> Holding {
        let holding = agents[Int(agent)].holdings.remove(at: index)
        agents[Int(agent)].loads[holding.channel] -= 1
        return holding
    }

    /// The channels on which the agent can take a new task right now.
    func availableChannels(_ agent: Int32) -> ChannelMask {
        let a = Int(agent)
        guard agents[a].presence == .ready, !agents[a].isRemoved else { return .none }
        let loads = agents[a].loads
        let capacity = agents[a].capacity
        let blocks = agents[a].blocks
        var blocked = ChannelMask.none
        for channel in ACDChannel.allCases where loads[channel] > 0 { blocked.bits |= blocks[channel].bits }
        let reachable = agents[a].deviceReachable
        var mask = ChannelMask.none
        for channel in ACDChannel.allCases
        where capacity[channel] > loads[channel] && !blocked.contains(channel) && (!channel.needsDevice || reachable) {
            mask.insert(channel)
        }
        return mask
    }

    /// Whether the agent has every skill at the level a class asks.
    @inline(__always)
    func qualifies(_ agent: Int32, class requirementClass: Int32) -> Bool {
        let c = Int(requirementClass)
        if classes[c].digest.isInline { return classes[c].digest.isMet(by: agents[Int(agent)].levels) }
        return qualifies(agent, classes[c].needs)
    }

    /// Whether the agent has every skill at the level the needs ask.
    @inline(__always)
    func qualifies(_ agent: Int32, _ needs: [SkillNeed]) -> Bool {
        let a = Int(agent)
        for need in needs where need.level > 0 {
            if agents[a].levels[Int(need.skill)] < need.level { return false }
        }
        return true
    }

    /// Whether the agent has every skill at the level the needs ask, each capped at `cap`.
    @inline(__always)
    func qualifies(_ agent: Int32, _ needs: [SkillNeed], cap: Int8) -> Bool {
        let a = Int(agent)
        for need in needs where need.level > 0 {
            if agents[a].levels[Int(need.skill)] < min(need.level, cap) { return false }
        }
        return true
    }

    /// The agent's place among the available agents of a class, per the queue's strategy.
    func enrollmentKey(_ agent: Int32, _ membership: Membership, _ requirementClass: Int32) -> OrderKey {
        let a = Int(agent)
        let c = Int(requirementClass)
        let channel = classes[c].channel
        let base = Int64(membership.tier) << 16 | Int64(agents[a].loads[channel])
        let since = agents[a].availableSince[channel]
        switch queues[Int(classes[c].queue)].configuration.strategy {
        case .longestIdle:
            return OrderKey(primary: base, secondary: since, tertiary: 0, slot: agent)
        case .roundRobin:
            return OrderKey(primary: base, secondary: membership.turn, tertiary: 0, slot: agent)
        case .fewestHandled:
            return OrderKey(primary: base, secondary: Int64(agents[a].handled), tertiary: since, slot: agent)
        case .bestSkill:
            return OrderKey(primary: base, secondary: -Int64(proficiency(agent, classes[c].needs)),
                            tertiary: since, slot: agent)
        case .random, .ringAll:
            return OrderKey(primary: base, secondary: 0, tertiary: 0, slot: agent)
        }
    }

    /// The sum of the agent's levels in the skills a class lists.
    func proficiency(_ agent: Int32, _ needs: [SkillNeed]) -> Int {
        var sum = 0
        for need in needs { sum += Int(agents[Int(agent)].levels[Int(need.skill)]) }
        return sum
    }

    /// Makes the agent's entries in the classes' agent sets match what it can serve now.
    mutating func syncEnrollment(_ agent: Int32, channels: ChannelMask) {
        let a = Int(agent)
        if channels.isEmpty && !agents[a].isEnrolled { return }
        scratchEnrollments.removeAll(keepingCapacity: true)
        if !channels.isEmpty {
            for membershipIndex in agents[a].memberships.indices {
                let membership = agents[a].memberships[membershipIndex]
                guard membership.signedIn else { continue }
                let queue = Int(membership.queue)
                for position in queues[queue].classes.indices {
                    let slot = queues[queue].classes[position]
                    guard channels.contains(classes[Int(slot)].channel), qualifies(agent, class: slot) else {
                        continue
                    }
                    scratchEnrollments.append(Enrollment(
                        classSlot: slot, ordinal: Int32(membershipIndex << 12 | position),
                        key: enrollmentKey(agent, membership, slot)))
                }
            }
        }
        if scratchEnrollments == agents[a].enrollments { return }

        var current = 0
        var wanted = 0
        var old: [Enrollment] = []
        swap(&old, &agents[a].enrollments)
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
        swap(&agents[a].enrollments, &scratchEnrollments)
        agents[a].isEnrolled = !agents[a].enrollments.isEmpty
        old.removeAll(keepingCapacity: true)
        scratchEnrollments = old
    }

    /// Whether the agent counts as serving a queue now (signed in to it, ready; busy or not).
    func isServing(_ agent: Int32, _ membership: Membership) -> Bool {
        let a = Int(agent)
        return !agents[a].isRemoved && agents[a].presence == .ready && membership.signedIn
    }

    /// Recomputes the agent's share of the serving capacity of its queues and classes.
    mutating func refreshServing(_ agent: Int32) {
        let a = Int(agent)
        agents[a].servingDirty = false
        let capacity = agents[a].capacity
        let oldChannels = agents[a].servingChannels
        for entry in agents[a].servingEntries {
            classes[Int(entry.classSlot)].servingCapacity -= entry.amount
        }
        for queue in agents[a].servingQueues {
            for channel in ACDChannel.allCases where oldChannels.contains(channel) {
                queues[Int(queue)].servingCapacity[channel] -= capacity[channel]
            }
        }
        agents[a].servingEntries.removeAll(keepingCapacity: true)
        agents[a].servingQueues.removeAll(keepingCapacity: true)
        var channels = ChannelMask.none
        let reachable = agents[a].deviceReachable
        for channel in ACDChannel.allCases where capacity[channel] > 0 && (!channel.needsDevice || reachable) {
            channels.insert(channel)
        }
        agents[a].servingChannels = channels
        for membershipIndex in agents[a].memberships.indices {
            let membership = agents[a].memberships[membershipIndex]
            guard isServing(agent, membership) else { continue }
            let queue = Int(membership.queue)
            agents[a].servingQueues.append(membership.queue)
            for channel in ACDChannel.allCases where channels.contains(channel) {
                queues[queue].servingCapacity[channel] += capacity[channel]
            }
            for slot in queues[queue].classes {
                let channel = classes[Int(slot)].channel
                guard channels.contains(channel), qualifies(agent, class: slot) else { continue }
                classes[Int(slot)].servingCapacity += capacity[channel]
                agents[a].servingEntries.append(ServingEntry(classSlot: slot, amount: capacity[channel]))
            }
        }
    }

    /// The state the agent shows: work held wins over what it chose.
    func derivedState(_ agent: Int32) -> AgentState {
        let a = Int(agent)
        var offered = false
        var connected = false
        var wrapUp = false
        for index in agents[a].holdings.indices {
            switch agents[a].holdings[index].phase {
            case .offered: offered = true
            case .connected: connected = true
            case .wrapUp: wrapUp = true
            }
        }
        if offered { return .reserved }
        if connected { return .busy }
        if wrapUp { return .wrapUp }
        switch agents[a].presence {
        case .signedOut: return .signedOut
        case .ready: return .ready
        case .notReady(let reason): return .notReady(reasons[Int(reason)].id)
        }
    }

    /// Emits the agent's state change, if any, and keeps time per state and the not-ready
    /// duration limit.
    mutating func updateState(_ agent: Int32) {
        let a = Int(agent)
        let new = derivedState(agent)
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
        let a = Int(agent)
        for task in agents[a].stickyHeld {
            let t = Int(task)
            let queue = tasks[t].queue
            let channel = tasks[t].task.channel
            let keep = agents[a].presence == .ready
                && (agents[a].membershipIndex(of: queue).map { agents[a].memberships[$0].signedIn } ?? false)
                && (!channel.needsDevice || agents[a].deviceReachable)
                && agents[a].capacity[channel] > 0
                && qualifies(agent, tasks[t].needs, cap: relaxationCap(task))
            if !keep { releaseHeld(task) }
        }
    }
}
