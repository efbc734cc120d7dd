// Installing a configuration, first or while live, without losing tasks or agents.
//
// Queues, agents, skills and reasons keep their internal slots across configurations (new
// ones are appended, removed ones are retired), so live tasks, offers and deadlines keep
// pointing at the right records. Requirement classes are rebuilt from scratch.

extension ACDEngine {
    /// Validates and applies a new configuration while live.
    mutating func reconfigure(_ new: ACDTenantConfiguration) -> ACDError? {
        guard new.tenant == tenant else { return .wrongTenant(expected: tenant, got: new.tenant) }
        do {
            try new.validate()
        } catch {
            return .invalidConfiguration(error)
        }
        var problems: [ACDConfigurationError.Problem] = []
        let keptQueues = Set(new.queues.map(\.id))
        var busyQueues: [Int32: Int] = [:]
        for record in tasks where record.phase != .free { busyQueues[record.queue, default: 0] += 1 }
        for (slot, count) in busyQueues.sorted(by: { $0.key < $1.key }) where !keptQueues.contains(queues[Int(slot)].id) {
            problems.append(.init(field: "queues",
                                  message: "queue '\(queues[Int(slot)].id)' still has \(count) live task(s); "
                                    + "move them or let them finish before removing the queue"))
        }
        let keptAgents = Set(new.agents.map(\.id))
        for record in agents where !record.isRemoved && !keptAgents.contains(record.id) && !record.holdings.isEmpty {
            problems.append(.init(field: "agents",
                                  message: "agent '\(record.id)' still holds \(record.holdings.count) task(s); "
                                    + "remove the agent after they finish"))
        }
        if !problems.isEmpty { return .invalidConfiguration(ACDConfigurationError(problems: problems)) }
        installConfiguration(new, trigger: .reconfigured)
        return nil
    }

    /// Applies an already validated configuration.
    mutating func installConfiguration(_ new: ACDTenantConfiguration, trigger: ACDDecisionTrace.Trigger) {
        configuration = new
        for skill in new.skills where skillIndex[skill.id] == nil {
            skillIndex[skill.id] = Int32(skillIDs.count)
            skillIDs.append(skill.id)
        }
        installReasons(new)

        let keptAgents = Set(new.agents.map(\.id))
        for index in agents.indices where !agents[index].isRemoved && !keptAgents.contains(agents[index].id) {
            retireAgent(Int32(index))
        }
        // Tasks leave their classes before the classes are rebuilt.
        var waiting: [Int32] = []
        for slot in tasks.indices where tasks[slot].phase == .waiting || tasks[slot].phase == .held {
            endWait(Int32(slot))
            waiting.append(Int32(slot))
        }
        classes.removeAll()
        classIndex.removeAll()
        taskSets.removeAll()
        lineSets.removeAll()
        agentSets.removeAll()
        dirtyClasses.removeAll()

        installQueues(new)
        installAgents(new)

        for index in queues.indices {
            queues[index].members.removeAll()
            queues[index].signedInCount = 0
        }
        teamNotReady.removeAll()
        for (index, record) in agents.enumerated() where !record.isRemoved {
            for membership in record.memberships {
                queues[Int(membership.queue)].members.append(Int32(index))
                if record.presence != .signedOut && membership.signedIn {
                    queues[Int(membership.queue)].signedInCount += 1
                }
            }
            if case .notReady(let reason) = record.presence, let team = record.team {
                teamNotReady[TeamReasonKey(team: team, reason: reason), default: 0] += 1
            }
        }
        stickyMemoryWindow = queues.compactMap { $0.isRemoved ? nil : $0.configuration.sticky?.window }.max()

        for slot in tasks.indices where tasks[slot].phase != .free {
            let queue = Int(tasks[slot].queue)
            if case .success(let own) = Self.needs(of: tasks[slot].task.requiredSkills, skills: skillIndex, ids: skillIDs) { tasks[slot].ownNeeds = own }
            tasks[slot].needs = Self.mergeNeeds(queues[queue].baseNeeds, tasks[slot].ownNeeds)
            tasks[slot].key = taskKey(Int32(slot))
        }
        for task in waiting {
            beginWait(task, trigger: trigger)
            placeInClass(task)
        }
        for index in agents.indices where !agents[index].isRemoved {
            markDirty(agent: Int32(index))
        }
    }

    private mutating func installReasons(_ new: ACDTenantConfiguration) {
        let builtIns = [NotReadyReasonID.noAnswer, .unspecified]
        if reasons.isEmpty {
            for (index, id) in builtIns.enumerated() {
                reasons.append(NotReadyReasonConfiguration(id: id))
                reasonIndex[id] = Int32(index)
            }
        }
        let configured = Dictionary(uniqueKeysWithValues: new.notReadyReasons.map { ($0.id, $0) })
        for (index, reason) in reasons.enumerated() where configured[reason.id] == nil {
            if builtIns.contains(reason.id) {
                reasons[index] = NotReadyReasonConfiguration(id: reason.id)
            } else {
                reasonIndex[reason.id] = nil
            }
        }
        for reason in new.notReadyReasons {
            if let index = reasons.firstIndex(where: { $0.id == reason.id }) {
                reasons[index] = reason
                reasonIndex[reason.id] = Int32(index)
            } else {
                reasonIndex[reason.id] = Int32(reasons.count)
                reasons.append(reason)
            }
        }
    }

    private mutating func installQueues(_ new: ACDTenantConfiguration) {
        var kept = Set<Int32>()
        for queueConfiguration in new.queues {
            let slot: Int32
            if let existing = queueIndex[queueConfiguration.id] {
                slot = existing
                queues[Int(slot)].configuration = queueConfiguration
                queues[Int(slot)].relaxation = queueConfiguration.skillRelaxation
                queues[Int(slot)].maximumWaitRules = QueueRecord.maximumWaitRules(of: queueConfiguration)
            } else {
                slot = Int32(queues.count)
                queues.append(QueueRecord(configuration: queueConfiguration))
                queueIndex[queueConfiguration.id] = slot
            }
            if case .success(let base) = Self.needs(of: queueConfiguration.requiredSkills, skills: skillIndex, ids: skillIDs) {
                queues[Int(slot)].baseNeeds = base
            }
            queues[Int(slot)].classes.removeAll()
            queues[Int(slot)].lines = PerChannel(repeating: RankedSetArena.empty)
            queues[Int(slot)].servingCapacity = PerChannel(repeating: 0)
            kept.insert(slot)
        }
        for index in queues.indices where !kept.contains(Int32(index)) && !queues[index].isRemoved {
            queues[index].isRemoved = true
            queueIndex[queues[index].id] = nil
            queues[index].classes.removeAll()
        }
    }

    private mutating func installAgents(_ new: ACDTenantConfiguration) {
        for agentConfiguration in new.agents {
            var levels = [Int8](repeating: 0, count: skillIDs.count)
            for (skill, level) in agentConfiguration.skills {
                if let index = skillIndex[skill] { levels[Int(index)] = Int8(level) }
            }
            var capacity = PerChannel<Int32>(repeating: 0)
            var blocks = PerChannel<ChannelMask>(repeating: .none)
            for entry in agentConfiguration.capacity ?? new.defaultCapacity {
                capacity[entry.channel] = Int32(entry.maximum)
                blocks[entry.channel] = ChannelMask(entry.blocks)
            }
            let existing = agentIndex[agentConfiguration.id]
            var memberships: [Membership] = []
            for membership in agentConfiguration.queues {
                guard let queue = queueIndex[membership.queue] else { continue }
                let previous = existing.flatMap { slot in agents[Int(slot)].memberships.first { $0.queue == queue } }
                memberships.append(Membership(queue: queue, tier: Int32(membership.tier),
                                              signedIn: previous?.signedIn ?? false, turn: previous?.turn ?? 0))
            }
            let slot: Int
            if let existing {
                slot = Int(existing)
            } else {
                slot = agents.count
                agents.append(AgentRecord(
                    id: agentConfiguration.id, name: agentConfiguration.name, levels: [], memberships: [],
                    capacity: capacity, blocks: blocks))
                agents[slot].stateSince = clock
                agentIndex[agentConfiguration.id] = Int32(slot)
            }
            agents[slot].name = agentConfiguration.name
            agents[slot].team = agentConfiguration.team
            agents[slot].levels = levels
            agents[slot].memberships = memberships
            agents[slot].capacity = capacity
            agents[slot].blocks = blocks
            agents[slot].wrapUpOverride = agentConfiguration.wrapUpTime
            agents[slot].enrollments.removeAll()
            agents[slot].isEnrolled = false
            agents[slot].servingEntries.removeAll()
            agents[slot].servingQueues.removeAll()
            agents[slot].servingDirty = true
            agents[slot].pendingCause = .configuration
        }
    }

    /// Takes an agent out of the configuration: signed out, forgotten by id.
    private mutating func retireAgent(_ agent: Int32) {
        signOut(agent, cause: .configuration)
        let a = Int(agent)
        for task in agents[a].stickyHeld where tasks[Int(task)].phase == .held { removeHold(task) }
        agents[a].isRemoved = true
        agents[a].enrollments.removeAll()
        agents[a].isEnrolled = false
        agents[a].memberships.removeAll()
        agentIndex[agents[a].id] = nil
        customerMemory.forget(agent: agent)
        updateState(agent)
    }
}
