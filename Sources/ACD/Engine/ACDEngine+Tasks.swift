// Tasks: arrival, their wait in a queue, sticky holds, withdrawal, callbacks and completion.
import HeapModule

extension ACDEngine {
    // MARK: Commands

    mutating func taskArrived(_ task: RoutingTask) -> ACDError? {
        guard !task.id.rawValue.isEmpty else { return .emptyTaskID }
        guard let queue = queueSlot(task.queue) else { return .unknownQueue(task.queue) }
        guard ACDTenantConfiguration.priorityRange.contains(task.priority) else { return .invalidPriority(task.priority) }
        let ownNeeds: [SkillNeed]
        switch Self.needs(of: task.requiredSkills, skills: skillIndex, ids: skillIDs) {
        case .success(let needs): ownNeeds = needs
        case .failure(let error): return error
        }
        let merged = Self.mergeNeeds(queues[Int(queue)].baseNeeds, ownNeeds)
        if queues[Int(queue)].classes.count >= Self.maximumClassesPerQueue,
           classIndex[ClassSignature(queue: queue, channel: task.channel, needs: merged)] == nil
        {
            return .tooManyRequirementCombinations(task.queue, limit: Self.maximumClassesPerQueue)
        }

        taskSequence += 1
        let place = min(task.enqueuedAt ?? clock, clock)
        var record = TaskRecord(
            queue: queue, key: OrderKey(primary: 0, secondary: 0, tertiary: 0, slot: 0), queueEnteredAt: clock,
            task: task, ownNeeds: ownNeeds, needs: merged, sequence: taskSequence,
            placeTime: place, arrivedAt: clock, lastChangeAt: clock)
        let slot = freeTaskSlots.last ?? Int32(tasks.count)
        // Offer ids carry the task slot in their low bits.
        guard UInt64(slot) < 1 << Self.offerSlotBits else { return .tooManyLiveTasks(limit: 1 << Self.offerSlotBits) }
        // One hash for the duplicate check and the insertion.
        if let previous = taskIndex.updateValue(slot, forKey: task.id),
           tasks[Int(previous)].phase != .free, tasks[Int(previous)].task.id == task.id
        {
            taskIndex[task.id] = previous
            return .duplicateTask(task.id)
        }
        store(&record, in: slot)
        tasks[Int(slot)].phase = .idle
        enterQueue(slot, queue, trigger: .taskArrived)
        return nil
    }

    /// The slot of a configured queue; a few queues are compared directly, which is
    /// cheaper than hashing the id.
    func queueSlot(_ id: QueueID) -> Int32? {
        if queues.count <= 32 {
            for index in queues.indices where queues[index].id == id && !queues[index].isRemoved {
                return Int32(index)
            }
            return nil
        }
        return queueIndex[id]
    }

    mutating func taskWithdrawn(_ id: TaskID) -> ACDError? {
        guard let slot = liveSlot(id) else { return .unknownTask(id) }
        let t = Int(slot)
        switch tasks[t].phase {
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
        let queue = Int(tasks[t].queue)
        let waited = clock - tasks[t].queueEnteredAt
        if !tasks[t].task.isCallback {
            queues[queue].counters.abandoned += 1
            if waited <= queues[queue].configuration.serviceLevelThreshold {
                queues[queue].counters.abandonedWithinThreshold += 1
            }
        }
        endTask(slot, outcome: .withdrawn)
        return nil
    }

    mutating func callbackRequested(_ id: TaskID) -> ACDError? {
        guard let slot = liveSlot(id) else { return .unknownTask(id) }
        guard tasks[Int(slot)].phase != .connected else { return .taskAlreadyAnswered(id) }
        tasks[Int(slot)].task.isCallback = true
        tasks[Int(slot)].lastChangeAt = clock
        return nil
    }

    mutating func taskCompleted(_ id: TaskID) -> ACDError? {
        guard let slot = liveSlot(id) else { return .unknownTask(id) }
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
        tasks[t].needs = Self.mergeNeeds(queues[Int(queue)].baseNeeds, tasks[t].ownNeeds)
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
        pendingAnnouncements.append((task, stamps[t].wait))
    }

    /// The task's place in line: strict priority, or priority worth a fixed wait when the
    /// queue ages priorities.
    func taskKey(_ task: Int32) -> OrderKey {
        let t = Int(task)
        let priority = Int64(tasks[t].task.priority)
        let place = tasks[t].placeTime.milliseconds
        if let aging = queues[Int(tasks[t].queue)].configuration.priorityAging {
            return OrderKey(primary: 0, secondary: place - priority * aging.milliseconds,
                            tertiary: tasks[t].sequence, slot: task)
        }
        return OrderKey(primary: -priority, secondary: place, tertiary: tasks[t].sequence, slot: task)
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
        stamps[t].wait = stamp
        queues[queue].waiting[channel] += 1
        queues[queue].waitingTotal += 1
        lineSets.insert(tasks[t].key, into: &queues[queue].lines[channel])
        let entered = tasks[t].queueEnteredAt
        let isCallback = tasks[t].task.isCallback
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
        let channel = tasks[t].task.channel
        queues[queue].waiting[channel] -= 1
        queues[queue].waitingTotal -= 1
        lineSets.remove(tasks[t].key, from: &queues[queue].lines[channel])
        tasks[t].phase = .idle
        stamps[t].wait = nextStamp()
        tasks[t].lastChangeAt = clock
    }

    /// How many relaxation steps apply to the task's wait so far.
    func relaxationStage(of task: Int32) -> Int {
        let t = Int(task)
        let q = Int(tasks[t].queue)
        if queues[q].relaxation.isEmpty { return 0 }
        let waited = clock - tasks[t].queueEnteredAt
        var stage = 0
        for step in queues[q].relaxation where step.after <= waited { stage += 1 }
        return stage
    }

    /// Inserts a waiting task into the class of its current needs and asks for a dispatch.
    mutating func placeInClass(_ task: Int32) {
        let t = Int(task)
        tasks[t].relaxationStage = Int32(relaxationStage(of: task))
        let requirementClass = classFor(tasks[t].queue, tasks[t].task.channel, tasks[t].needs, cap: relaxationCap(task))
        tasks[t].phase = .waiting
        tasks[t].classSlot = requirementClass
        let key = tasks[t].key
        taskSets.insert(key, into: &classes[Int(requirementClass)].tasks)
        if let head = classes[Int(requirementClass)].head, head < key {} else { classes[Int(requirementClass)].head = key }
        markDirty(class: requirementClass)
    }

    mutating func removeFromClass(_ task: Int32) {
        let t = Int(task)
        let slot = Int(tasks[t].classSlot)
        let key = tasks[t].key
        if classes[slot].head == key {
            classes[slot].head = taskSets.removeFirst(from: &classes[slot].tasks)
        } else {
            taskSets.remove(key, from: &classes[slot].tasks)
        }
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
        let a = Int(agent)
        let channel = tasks[t].task.channel
        tasks[t].relaxationStage = Int32(relaxationStage(of: task))
        guard !agents[a].isRemoved, agents[a].presence == .ready,
              let index = agents[a].membershipIndex(of: queue), agents[a].memberships[index].signedIn,
              agents[a].capacity[channel] > 0, !channel.needsDevice || agents[a].deviceReachable,
              qualifies(agent, tasks[t].needs, cap: relaxationCap(task)) else { return false }
        tasks[t].preferredAgent = agent
        if availableChannels(agent).contains(channel) {
            makeOffers(task: task, to: CollectionOfOne(agent), trace: stickyTrace(task, agent: agent))
            return true
        }
        guard let wait = sticky?.wait, wait.milliseconds > 0 else { return false }
        tasks[t].phase = .held
        agents[Int(agent)].stickyHeld.append(task)
        queues[Int(queue)].heldTasks.append(task)
        schedule(.stickyRelease, at: clock + wait, slot: task, stamp: stamps[t].wait)
        pendingAnnouncements.append((task, stamps[t].wait))
        return true
    }

    /// The trace of an offer to the task's sticky agent.
    func stickyTrace(_ task: Int32, agent: Int32) -> ACDDecisionTrace {
        let t = Int(task)
        let q = Int(tasks[t].queue)
        let a = Int(agent)
        let tier = agents[a].membershipIndex(of: tasks[t].queue).map { agents[a].memberships[$0].tier }
        return ACDDecisionTrace(
            trigger: tasks[t].trigger, task: tasks[t].task.id, queue: queues[q].id,
            queueName: queues[q].configuration.name, strategy: queues[q].configuration.strategy,
            agent: agents[a].id, alsoOffered: [], reason: .sticky, tier: Int(tier ?? 0),
            priority: tasks[t].task.priority,
            waited: clock - tasks[t].queueEnteredAt, candidates: 1, skipped: [], moreSkipped: false)
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
        if !tasks[t].isDirect {
            queues[queue].counters.completed += 1
            queues[queue].counters.totalHandleMilliseconds += handled.milliseconds
        }
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
        let holding = removeHolding(agent, at: index)
        let spent = clock - holding.offeredAt
        queues[Int(holding.queue)].handleTime.add(Double(spent.milliseconds))
        agents[Int(agent)].availableSince[holding.channel] = clock.milliseconds
    }

    /// Reports how the task left and frees its slot.
    mutating func endTask(_ task: Int32, outcome: ACDTaskEnd.Outcome) {
        let t = Int(task)
        emit(.taskEnded(ACDTaskEnd(task: tasks[t].task.id, queue: queues[Int(tasks[t].queue)].id, outcome: outcome,
                                   waited: clock - tasks[t].queueEnteredAt, handled: nil)))
        freeTask(task)
    }

    mutating func freeTask(_ task: Int32) {
        let t = Int(task)
        staleTaskEntries += 1
        tasks[t].phase = .free
        tasks[t].task.data = [:]
        tasks[t].offers.removeAll(keepingCapacity: true)
        stamps[t].wait = nextStamp()
        stamps[t].offer = nextStamp()
        freeTaskSlots.append(task)
        if staleTaskEntries > max(4096, 2 * (tasks.count - freeTaskSlots.count)) { compactTaskIndex() }
    }

    /// The slot of the live task with this id. The index keeps the ids of ended tasks until
    /// it is compacted (removing from a dictionary rehashes its neighbours), so an entry
    /// only counts when its slot still holds that task.
    func liveSlot(_ id: TaskID) -> Int32? {
        guard let slot = taskIndex[id], tasks[Int(slot)].phase != .free, tasks[Int(slot)].task.id == id else {
            return nil
        }
        return slot
    }

    /// Rebuilds the task index from the live tasks (amortised: after as many endings as
    /// there are live tasks).
    mutating func compactTaskIndex() {
        var fresh: [TaskID: Int32] = [:]
        fresh.reserveCapacity(2 * (tasks.count - freeTaskSlots.count))
        for slot in tasks.indices where tasks[slot].phase != .free { fresh[tasks[slot].task.id] = Int32(slot) }
        taskIndex = fresh
        staleTaskEntries = 0
    }
}

extension ACDEngine {
    /// Puts `record` in task slot `slot`: the last free slot (reusing its empty offer storage,
    /// so the next offer allocates nothing) or a new one at the end.
    mutating func store(_ record: inout TaskRecord, in slot: Int32) {
        if Int(slot) < tasks.count {
            freeTaskSlots.removeLast()
            swap(&record.offers, &tasks[Int(slot)].offers)
            tasks[Int(slot)] = record
        } else {
            tasks.append(record)
            stamps.append(TaskStamps())
        }
    }
}
