// Tasks: arrival, their wait in a queue, sticky holds, withdrawal, callbacks and completion.
import HeapModule

extension ACDEngine {
    // MARK: Commands

    mutating func taskArrived(_ task: RoutingTask) -> ACDError? {
        guard !task.id.rawValue.isEmpty else { return .emptyTaskID }
        guard taskIndex[task.id] == nil else { return .duplicateTask(task.id) }
        guard let queue = queueIndex[task.queue] else { return .unknownQueue(task.queue) }
        guard ACDTenantConfiguration.priorityRange.contains(task.priority) else { return .invalidPriority(task.priority) }
        let ownNeeds: [SkillNeed]
        switch needs(of: task.requiredSkills) {
        case .success(let needs): ownNeeds = needs
        case .failure(let error): return error
        }
        let merged = mergeNeeds(queues[Int(queue)].baseNeeds, ownNeeds)
        let signature = ClassSignature(channel: task.channel, needs: merged)
        if queues[Int(queue)].classBySignature[signature] == nil,
           queues[Int(queue)].classes.count >= Self.maximumClassesPerQueue
        {
            return .tooManyRequirementCombinations(task.queue, limit: Self.maximumClassesPerQueue)
        }

        taskSequence += 1
        let place = min(task.enqueuedAt ?? clock, clock)
        let record = TaskRecord(
            task: task, queue: queue, ownNeeds: ownNeeds, needs: merged,
            key: OrderKey(primary: 0, secondary: 0, tertiary: 0, slot: 0), sequence: taskSequence,
            placeTime: place, arrivedAt: clock, queueEnteredAt: clock, lastChangeAt: clock)
        let slot: Int32
        if let free = freeTaskSlots.popLast() {
            slot = free
            tasks[Int(slot)] = record
        } else {
            slot = Int32(tasks.count)
            tasks.append(record)
        }
        tasks[Int(slot)].phase = .idle
        taskIndex[task.id] = slot
        enterQueue(slot, queue, trigger: .taskArrived)
        return nil
    }

    mutating func taskWithdrawn(_ id: TaskID) -> ACDError? {
        guard let slot = taskIndex[id] else { return .unknownTask(id) }
        let record = tasks[Int(slot)]
        switch record.phase {
        case .connected:
            completeTask(slot)
            return nil
        case .waiting, .held:
            endWait(slot)
        case .offered:
            cancelOffers(of: slot, reason: .withdrawn)
        case .idle, .free:
            break
        }
        let queue = Int(record.queue)
        let waited = clock - record.queueEnteredAt
        if !record.task.isCallback {
            queues[queue].counters.abandoned += 1
            if waited <= queues[queue].configuration.serviceLevelThreshold {
                queues[queue].counters.abandonedWithinThreshold += 1
            }
        }
        endTask(slot, outcome: .withdrawn)
        return nil
    }

    mutating func callbackRequested(_ id: TaskID) -> ACDError? {
        guard let slot = taskIndex[id] else { return .unknownTask(id) }
        guard tasks[Int(slot)].phase != .connected else { return .taskAlreadyAnswered(id) }
        tasks[Int(slot)].task.isCallback = true
        tasks[Int(slot)].lastChangeAt = clock
        trimWaitMarks(tasks[Int(slot)].queue)
        return nil
    }

    mutating func taskCompleted(_ id: TaskID) -> ACDError? {
        guard let slot = taskIndex[id] else { return .unknownTask(id) }
        guard tasks[Int(slot)].phase == .connected else { return .taskNotConnected(id) }
        completeTask(slot)
        return nil
    }

    // MARK: Entering a queue

    /// Puts a task into a queue: arrival overflow rules (unless a supervisor moved it), then
    /// sticky routing, then its class.
    mutating func enterQueue(
        _ task: Int32, _ queue: Int32, trigger: ACDDecisionTrace.Trigger, applyingArrivalRules: Bool = true
    ) {
        let t = Int(task)
        tasks[t].queue = queue
        tasks[t].queueEnteredAt = clock
        tasks[t].lastChangeAt = clock
        tasks[t].needs = mergeNeeds(queues[Int(queue)].baseNeeds, tasks[t].ownNeeds)
        tasks[t].relaxationStage = 0
        tasks[t].preferredAgent = -1
        tasks[t].key = taskKey(task)
        queues[Int(queue)].counters.entered += 1
        if applyingArrivalRules, !tasks[t].task.isCallback, let rule = arrivalOverflowRule(queue),
           performOverflow(task, rule: rule)
        {
            return
        }
        beginWait(task, trigger: trigger)
        if holdForStickyAgent(task) { return }
        placeInClass(task)
        pendingAnnouncements.append((task, tasks[t].waitStamp))
    }

    /// The task's place in line: strict priority, or priority worth a fixed wait when the
    /// queue ages priorities.
    func taskKey(_ task: Int32) -> OrderKey {
        let record = tasks[Int(task)]
        let priority = Int64(record.task.priority)
        if let aging = queues[Int(record.queue)].configuration.priorityAging {
            return OrderKey(primary: 0, secondary: record.placeTime.milliseconds - priority * aging.milliseconds,
                            tertiary: record.sequence, slot: task)
        }
        return OrderKey(primary: -priority, secondary: record.placeTime.milliseconds,
                        tertiary: record.sequence, slot: task)
    }

    /// Starts a wait in the task's current queue: counts, the longest-wait marker and the
    /// deadlines of relaxation, maximum wait and announcements. The task is not yet placed.
    mutating func beginWait(_ task: Int32, trigger: ACDDecisionTrace.Trigger) {
        let t = Int(task)
        let queue = Int(tasks[t].queue)
        let channel = tasks[t].task.channel
        tasks[t].phase = .waiting
        tasks[t].classSlot = -1
        tasks[t].trigger = trigger
        tasks[t].lastChangeAt = clock
        let stamp = nextStamp()
        tasks[t].waitStamp = stamp
        queues[queue].waiting[channel] += 1
        queues[queue].waitingTotal += 1
        let entered = tasks[t].queueEnteredAt
        let isCallback = tasks[t].task.isCallback
        if !isCallback {
            queues[queue].oldestWaiting.insert(WaitMark(since: entered.milliseconds, slot: task, stamp: stamp))
            if queues[queue].oldestWaiting.count > 2 * Int(queues[queue].waitingTotal) + 64 {
                compactWaitMarks(Int32(queue))
            }
        }
        let stage = relaxationStage(of: task)
        let steps = queues[queue].relaxation
        if stage < steps.count {
            schedule(.skillRelaxation, at: entered + steps[stage].after, slot: task, detail: Int32(stage + 1), stamp: stamp)
        }
        if !isCallback, let first = queues[queue].maximumWaitRules.first {
            schedule(.maximumWait, at: max(clock, entered + first.limit), slot: task, detail: first.rule, stamp: stamp)
        }
        if !isCallback, let interval = queues[queue].configuration.announcementInterval {
            schedule(.announcement, at: clock + interval, slot: task, stamp: stamp)
        }
    }

    /// Ends the current wait: out of its class or sticky hold, counts down, deadlines void.
    mutating func endWait(_ task: Int32) {
        let t = Int(task)
        switch tasks[t].phase {
        case .waiting:
            if tasks[t].classSlot >= 0 { removeFromClass(task) }
        case .held:
            removeHold(task)
        default:
            return
        }
        let queue = Int(tasks[t].queue)
        queues[queue].waiting[tasks[t].task.channel] -= 1
        queues[queue].waitingTotal -= 1
        tasks[t].phase = .idle
        tasks[t].waitStamp = nextStamp()
        tasks[t].lastChangeAt = clock
        trimWaitMarks(Int32(queue))
    }

    /// How many relaxation steps apply to the task's wait so far.
    func relaxationStage(of task: Int32) -> Int {
        let record = tasks[Int(task)]
        let waited = clock - record.queueEnteredAt
        var stage = 0
        for step in queues[Int(record.queue)].relaxation where step.after <= waited { stage += 1 }
        return stage
    }

    /// The task's needs after the relaxation steps that apply now.
    func relaxedNeeds(_ task: Int32) -> [SkillNeed] {
        let record = tasks[Int(task)]
        let stage = Int(record.relaxationStage)
        guard stage > 0 else { return record.needs }
        let cap = Int8(queues[Int(record.queue)].relaxation[stage - 1].minimumLevel)
        return record.needs.map { SkillNeed(skill: $0.skill, level: min($0.level, cap)) }
    }

    /// Inserts a waiting task into the class of its current needs and asks for a dispatch.
    mutating func placeInClass(_ task: Int32) {
        let t = Int(task)
        tasks[t].relaxationStage = Int32(relaxationStage(of: task))
        let requirementClass = classFor(tasks[t].queue, tasks[t].task.channel, relaxedNeeds(task))
        tasks[t].phase = .waiting
        tasks[t].classSlot = requirementClass
        taskSets.insert(tasks[t].key, into: &classes[Int(requirementClass)].tasks)
        markDirty(class: requirementClass)
    }

    mutating func removeFromClass(_ task: Int32) {
        let t = Int(task)
        let slot = Int(tasks[t].classSlot)
        taskSets.remove(tasks[t].key, from: &classes[slot].tasks)
        tasks[t].classSlot = -1
    }

    // MARK: Sticky routing

    /// Offers the task to its sticky agent at once, or holds it for them for the queue's
    /// sticky wait; returns false when sticky routing does not apply.
    mutating func holdForStickyAgent(_ task: Int32) -> Bool {
        let t = Int(task)
        let queue = tasks[t].queue
        let sticky = queues[Int(queue)].configuration.sticky
        var preferred: Int32?
        if let explicit = tasks[t].task.preferredAgent {
            preferred = agentIndex[explicit]
        } else if let sticky, let customer = tasks[t].task.customer {
            preferred = customerMemory.agent(for: customer, within: sticky.window, now: clock)
        }
        guard let agent = preferred else { return false }
        let record = agents[Int(agent)]
        let channel = tasks[t].task.channel
        tasks[t].relaxationStage = Int32(relaxationStage(of: task))
        guard !record.isRemoved, record.presence == .ready,
              let index = record.membershipIndex(of: queue), record.memberships[index].signedIn,
              record.capacity[channel] > 0, !channel.needsDevice || record.deviceReachable,
              qualifies(record, relaxedNeeds(task)) else { return false }
        tasks[t].preferredAgent = agent
        if availableChannels(agent).contains(channel) {
            makeOffers(task: task, to: [agent], trace: stickyTrace(task, agent: agent))
            return true
        }
        guard let wait = sticky?.wait, wait.milliseconds > 0 else { return false }
        tasks[t].phase = .held
        agents[Int(agent)].stickyHeld.append(task)
        queues[Int(queue)].heldTasks.append(task)
        schedule(.stickyRelease, at: clock + wait, slot: task, stamp: tasks[t].waitStamp)
        pendingAnnouncements.append((task, tasks[t].waitStamp))
        return true
    }

    /// The trace of an offer to the task's sticky agent.
    func stickyTrace(_ task: Int32, agent: Int32) -> ACDDecisionTrace {
        let record = tasks[Int(task)]
        let queue = queues[Int(record.queue)]
        let tier = agents[Int(agent)].membershipIndex(of: record.queue).map { agents[Int(agent)].memberships[$0].tier }
        return ACDDecisionTrace(
            trigger: record.trigger, task: record.task.id, queue: queue.id, queueName: queue.configuration.name,
            strategy: queue.configuration.strategy, agents: [agents[Int(agent)].id], reason: .sticky,
            tier: Int(tier ?? 0), priority: record.task.priority, waited: clock - record.queueEnteredAt,
            candidates: 1, skipped: [], moreSkipped: false)
    }

    /// Lets a held task go to anyone.
    mutating func releaseHeld(_ task: Int32) {
        removeHold(task)
        tasks[Int(task)].trigger = .stickyExpired
        placeInClass(task)
    }

    mutating func removeHold(_ task: Int32) {
        let t = Int(task)
        let agent = Int(tasks[t].preferredAgent)
        if let index = agents[agent].stickyHeld.firstIndex(of: task) { agents[agent].stickyHeld.remove(at: index) }
        let queue = Int(tasks[t].queue)
        if let index = queues[queue].heldTasks.firstIndex(of: task) { queues[queue].heldTasks.remove(at: index) }
        tasks[t].phase = .waiting
        tasks[t].classSlot = -1
    }

    // MARK: Ending

    /// The task's conversation ended: the agent enters wrap-up (or is free at once).
    mutating func completeTask(_ task: Int32) {
        let t = Int(task)
        let agent = Int(tasks[t].connectedAgent)
        let queue = Int(tasks[t].queue)
        let handled = clock - tasks[t].connectedAt
        queues[queue].counters.completed += 1
        queues[queue].counters.totalHandleMilliseconds += handled.milliseconds
        agents[agent].handled += 1
        if let index = agents[agent].holdings.firstIndex(where: { $0.task == task }) {
            let wrapUp = agents[agent].wrapUpOverride ?? queues[queue].configuration.wrapUpTime
            if wrapUp.milliseconds > 0 {
                let stamp = nextStamp()
                agents[agent].holdings[index].phase = .wrapUp
                agents[agent].holdings[index].task = -1
                agents[agent].holdings[index].since = clock
                agents[agent].holdings[index].stamp = stamp
                schedule(.wrapUpEnd, at: clock + wrapUp, slot: Int32(agent), stamp: stamp)
            } else {
                finishHolding(agent: Int32(agent), at: index)
            }
        }
        agents[agent].pendingCause = .completed
        markDirty(agent: Int32(agent))
        emit(.taskEnded(ACDTaskEnd(
            task: tasks[t].task.id, queue: queues[queue].id, outcome: .answered(agents[agent].id),
            waited: tasks[t].connectedAt - tasks[t].queueEnteredAt, handled: handled)))
        freeTask(task)
    }

    /// Removes a holding at the end of its wrap-up (or completion without wrap-up), and
    /// learns the queue's agent time per task from it.
    mutating func finishHolding(agent: Int32, at index: Int) {
        let holding = agents[Int(agent)].holdings.remove(at: index)
        let spent = clock - holding.offeredAt
        queues[Int(holding.queue)].handleTime.add(Double(spent.milliseconds))
        agents[Int(agent)].availableSince[holding.channel] = clock.milliseconds
    }

    /// Reports how the task left and frees its slot.
    mutating func endTask(_ task: Int32, outcome: ACDTaskEnd.Outcome) {
        let record = tasks[Int(task)]
        emit(.taskEnded(ACDTaskEnd(task: record.task.id, queue: queues[Int(record.queue)].id, outcome: outcome,
                                   waited: clock - record.queueEnteredAt, handled: nil)))
        freeTask(task)
    }

    mutating func freeTask(_ task: Int32) {
        let t = Int(task)
        taskIndex[tasks[t].task.id] = nil
        tasks[t].phase = .free
        tasks[t].task.data = [:]
        tasks[t].offers = []
        tasks[t].waitStamp = nextStamp()
        tasks[t].offerStamp = nextStamp()
        freeTaskSlots.append(task)
    }

    // MARK: Skills

    /// The skill needs of requirements, or the first invalid one.
    func needs(of requirements: [SkillRequirement]) -> Result<[SkillNeed], ACDError> {
        var needs: [SkillNeed] = []
        for requirement in requirements {
            guard let skill = skillIndex[requirement.skill] else { return .failure(.unknownSkill(requirement.skill)) }
            guard ACDTenantConfiguration.skillLevelRange.contains(requirement.minimumLevel) else {
                return .failure(.invalidSkillLevel(requirement.skill, level: requirement.minimumLevel))
            }
            needs.append(SkillNeed(skill: skill, level: Int8(requirement.minimumLevel)))
        }
        return .success(mergeNeeds([], needs))
    }

    /// Two lists of needs merged, sorted by skill, the highest level winning.
    func mergeNeeds(_ lhs: [SkillNeed], _ rhs: [SkillNeed]) -> [SkillNeed] {
        if rhs.isEmpty { return lhs }
        var merged = lhs
        for need in rhs {
            if let index = merged.firstIndex(where: { $0.skill == need.skill }) {
                merged[index].level = max(merged[index].level, need.level)
            } else {
                merged.append(need)
            }
        }
        merged.sort { $0.skill < $1.skill }
        return merged
    }
}
