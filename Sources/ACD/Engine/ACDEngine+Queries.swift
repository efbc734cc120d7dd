// Read-only answers: status of queues, agents and tasks, the line of a queue, snapshots,
// explanations.
import HeapModule

extension ACDEngine {
    /// A queue's live status and counters at `now` (the engine's time by default).
    public func queueStatus(_ id: QueueID, at now: ACDInstant? = nil) -> ACDQueueStatus? {
        queueIndex[id].map { queueStatus(slot: $0, at: max(now ?? clock, clock)) }
    }

    /// Every queue's status, in the order the queues were first configured.
    public func queueStatuses(at now: ACDInstant? = nil) -> [ACDQueueStatus] {
        let time = max(now ?? clock, clock)
        var statuses: [ACDQueueStatus] = []
        statuses.reserveCapacity(queues.count)
        for slot in queues.indices where !queues[slot].isRemoved {
            statuses.append(queueStatus(slot: Int32(slot), at: time))
        }
        return statuses
    }

    /// An agent's live status and counters.
    public func agentStatus(_ id: AgentID, at now: ACDInstant? = nil) -> ACDAgentStatus? {
        agentIndex[id].map { agentStatus(slot: $0, at: max(now ?? clock, clock)) }
    }

    /// Every agent's status, in the order the agents were first configured.
    public func agentStatuses(at now: ACDInstant? = nil) -> [ACDAgentStatus] {
        let time = max(now ?? clock, clock)
        var statuses: [ACDAgentStatus] = []
        statuses.reserveCapacity(agents.count)
        for slot in agents.indices where !agents[slot].isRemoved {
            statuses.append(agentStatus(slot: Int32(slot), at: time))
        }
        return statuses
    }

    /// A live task's status.
    public func taskStatus(_ id: TaskID) -> ACDTaskStatus? {
        liveSlot(id).map(taskStatus(slot:))
    }

    /// The waiting tasks of a queue in the order they will be served (held tasks included).
    public func waitingTasks(in id: QueueID) -> [TaskID] {
        guard let queue = queueIndex[id] else { return [] }
        var keys: [OrderKey] = []
        for slot in queues[Int(queue)].classes {
            taskSets.forEach(in: classes[Int(slot)].tasks) { keys.append($0); return true }
        }
        for held in queues[Int(queue)].heldTasks { keys.append(tasks[Int(held)].key) }
        keys.sort()
        return keys.map { tasks[Int($0.slot)].task.id }
    }

    /// Position in line and expected wait of a waiting task.
    public func waitEstimate(for id: TaskID) -> ACDWaitEstimate? {
        guard let task = liveSlot(id), tasks[Int(task)].phase == .waiting || tasks[Int(task)].phase == .held else {
            return nil
        }
        return estimate(for: task)
    }

    /// What a task arriving now in `queue` on `channel` can expect to wait (for an IVR
    /// message before enqueueing, or to decide on a callback offer).
    public func estimatedWait(queue id: QueueID, channel: ACDChannel = .voice) -> ACDDuration? {
        guard let queue = queueIndex[id] else { return nil }
        let record = queues[Int(queue)]
        return estimatedWait(position: Int(record.waiting[channel]) + 1,
                             capacity: record.servingCapacity[channel], queue: queue)
    }

    /// Everything about the tenant at the engine's time, tasks in no particular order (queue
    /// statuses cost a pass over each queue's members; leave them out when only tasks and
    /// agents matter).
    public func snapshot(includingQueues: Bool = true) -> ACDSnapshot {
        var liveTasks: [ACDTaskStatus] = []
        for (slot, record) in tasks.enumerated() where record.phase != .free {
            liveTasks.append(taskStatus(slot: Int32(slot)))
        }
        return ACDSnapshot(at: clock, tasks: liveTasks, agents: agentStatuses(),
                           queues: includingQueues ? queueStatuses() : [])
    }

    /// Why a task waits (or where it went): every member of its queue and what keeps it from
    /// the task. Costs a pass over the queue's members; meant for supervisors, not hot paths.
    public func explain(task id: TaskID) -> ACDTaskExplanation? {
        guard let task = liveSlot(id) else { return nil }
        let record = tasks[Int(task)]
        let waiting = record.phase == .waiting || record.phase == .held
        let needs = waiting ? relaxedNeeds(task) : record.needs
        var members: [ACDTaskExplanation.Member] = []
        for member in queues[Int(record.queue)].members {
            let agent = agents[Int(member)]
            members.append(.init(agent: agent.id, state: agent.state,
                                 blockedBy: skipReason(member, queue: record.queue, channel: record.task.channel,
                                                       needs: needs, chosenTier: .max)))
        }
        return ACDTaskExplanation(task: taskStatus(slot: task), queueName: queues[Int(record.queue)].configuration.name,
                                  estimate: waiting ? estimate(for: task) : nil, members: members)
    }

    // MARK: - Builders

    func queueStatus(slot: Int32, at now: ACDInstant) -> ACDQueueStatus {
        let record = queues[Int(slot)]
        var ready = 0
        var working = 0
        var notReady = 0
        for member in record.members {
            let agent = agents[Int(member)]
            guard agent.presence != .signedOut,
                  let index = agent.membershipIndex(of: slot), agent.memberships[index].signedIn else { continue }
            switch agent.state.kind {
            case .ready: ready += 1
            case .notReady: notReady += 1
            case .reserved, .busy, .wrapUp: working += 1
            case .signedOut: break
            }
        }
        var earliest: ACDInstant?
        for channel in ACDChannel.allCases {
            lineSets.forEach(in: record.lines[channel]) { key in
                let waiting = tasks[Int(key.slot)]
                if !waiting.task.isCallback, earliest.map({ waiting.queueEnteredAt < $0 }) ?? true {
                    earliest = waiting.queueEnteredAt
                }
                return true
            }
        }
        let longest = earliest.map { now - $0 }
        return ACDQueueStatus(
            id: record.id, name: record.configuration.name, isOpen: record.isOpen, waiting: Int(record.waitingTotal),
            longestWait: longest, agentsSignedIn: Int(record.signedInCount), agentsReady: ready,
            agentsWorking: working, agentsNotReady: notReady,
            estimatedWait: estimatedWait(position: Int(record.waiting.voice) + 1,
                                         capacity: record.servingCapacity.voice, queue: slot),
            measuredHandleTime: ACDDuration(milliseconds: Int64(record.handleTime.value)),
            counters: record.counters)
    }

    func agentStatus(slot: Int32, at now: ACDInstant) -> ACDAgentStatus {
        let record = agents[Int(slot)]
        var counters = ACDAgentCounters()
        counters.offered = record.offered
        counters.answered = record.answered
        counters.noAnswers = record.noAnswers
        counters.handled = record.handled
        var clockPerState = record.stateClock.milliseconds
        clockPerState[record.state.kind.index] += (now - max(record.stateSince, countersResetAt)).milliseconds
        for kind in AgentState.Kind.allCases where clockPerState[kind.index] > 0 {
            counters.timeInState[kind] = ACDDuration(milliseconds: clockPerState[kind.index])
        }
        let chosen: AgentState
        switch record.presence {
        case .signedOut: chosen = .signedOut
        case .ready: chosen = .ready
        case .notReady(let reason): chosen = .notReady(reasons[Int(reason)].id)
        }
        var counts: [NotReadyReasonID: Int] = [:]
        for (reason, count) in record.shiftCounts { counts[reasons[Int(reason)].id] = count }
        var signedIn: [QueueID] = []
        if record.presence != .signedOut {
            for membership in record.memberships where membership.signedIn {
                signedIn.append(queues[Int(membership.queue)].id)
            }
        }
        var held: [ACDHeldTask] = []
        for holding in record.holdings {
            let phase: ACDHeldTask.Phase
            switch holding.phase {
            case .offered: phase = .offered
            case .connected: phase = .connected
            case .wrapUp: phase = .wrapUp
            }
            held.append(ACDHeldTask(task: holding.taskID, queue: queues[Int(holding.queue)].id,
                                    channel: holding.channel, phase: phase, since: holding.since))
        }
        return ACDAgentStatus(
            id: record.id, name: record.name, team: record.team, state: record.state, stateSince: record.stateSince,
            chosen: chosen, signedInQueues: signedIn, deviceReachable: record.deviceReachable, tasks: held,
            notReadyCounts: counts, counters: counters)
    }

    func taskStatus(slot: Int32) -> ACDTaskStatus {
        let record = tasks[Int(slot)]
        let state: ACDTaskState
        switch record.phase {
        case .held: state = .heldFor(agents[Int(record.preferredAgent)].id)
        case .offered:
            var ringing: [AgentID] = []
            for offer in record.offers { ringing.append(agents[Int(offer.agent)].id) }
            state = .offered(ringing)
        case .connected: state = .connected(agents[Int(record.connectedAgent)].id)
        case .waiting, .idle, .free: state = .waiting
        }
        let needs = (record.phase == .waiting || record.phase == .held) ? relaxedNeeds(slot) : record.needs
        var requirements: [SkillRequirement] = []
        for need in needs { requirements.append(SkillRequirement(skillIDs[Int(need.skill)], atLeast: Int(need.level))) }
        return ACDTaskStatus(
            id: record.task.id, queue: queues[Int(record.queue)].id, channel: record.task.channel,
            priority: record.task.priority, isCallback: record.task.isCallback, state: state,
            arrivedAt: record.arrivedAt, queueEnteredAt: record.queueEnteredAt, placeInLine: record.placeTime,
            arrivalOrder: record.sequence,
            requirements: requirements,
            noAnswers: Int(record.noAnswerCount))
    }
}
