// Reconciliation: compare the engine with the owner's live truth and repair every difference.

extension ACDEngine {
    /// Repairs the engine to match `live` and reports each repair (see `ACDLiveState`).
    mutating func reconcile(_ live: ACDLiveState) {
        let grace = configuration.reconciliationGrace
        var truth: [TaskID: ACDLiveState.LiveTask] = [:]
        for task in live.tasks where truth[task.id] == nil { truth[task.id] = task }
        var known = Set<TaskID>()

        for slot in tasks.indices where tasks[slot].phase != .free {
            let task = Int32(slot)
            let record = tasks[slot]
            let id = record.task.id
            known.insert(id)
            guard clock - record.lastChangeAt >= grace else { continue }
            guard let liveTask = truth[id] else {
                emit(.repaired(ACDRepair(kind: .taskNotLive(id))))
                _ = taskWithdrawn(id)
                continue
            }
            switch record.phase {
            case .offered:
                reconcileOffers(task, with: liveTask)
            case .connected:
                let agent = agents[Int(record.connectedAgent)].id
                if liveTask.connected != agent {
                    emit(.repaired(ACDRepair(kind: .connectionLost(id, agent))))
                    disconnect(task)
                }
            case .waiting, .held:
                if let agentID = liveTask.connected, let agent = agentIndex[agentID] {
                    emit(.repaired(ACDRepair(kind: .answerMissed(id, agentID))))
                    forceConnect(task, to: agent)
                }
            case .idle, .free:
                break
            }
        }
        for task in live.tasks where !known.contains(task.id) {
            emit(.repaired(ACDRepair(kind: .unknownLiveTask(task.id))))
        }
        if let reachable = live.reachableAgents {
            for index in agents.indices where !agents[index].isRemoved && agents[index].presence != .signedOut {
                let shouldBe = reachable.contains(agents[index].id)
                if agents[index].deviceReachable != shouldBe {
                    emit(.repaired(ACDRepair(kind: .deviceReachability(agents[index].id, reachable: shouldBe))))
                    setDevice(Int32(index), reachable: shouldBe)
                    agents[index].pendingCause = .reconciliation
                }
            }
        }
    }

    /// An offered task: an answer the engine missed is applied; offers that are not ringing
    /// are cancelled (the task goes back in line when none is left).
    private mutating func reconcileOffers(_ task: Int32, with live: ACDLiveState.LiveTask) {
        let record = tasks[Int(task)]
        if let agentID = live.connected,
           let offer = record.offers.first(where: { agents[Int($0.agent)].id == agentID })?.id
        {
            emit(.repaired(ACDRepair(kind: .answerMissed(record.task.id, agentID))))
            _ = offerAccepted(offer)
            return
        }
        if let agentID = live.connected, let agent = agentIndex[agentID] {
            emit(.repaired(ACDRepair(kind: .answerMissed(record.task.id, agentID))))
            cancelOffers(of: task, reason: .reconciliation)
            tasks[Int(task)].phase = .idle
            forceConnect(task, to: agent)
            return
        }
        let ringing = Set(live.ringing)
        for entry in record.offers {
            let agentID = agents[Int(entry.agent)].id
            if !ringing.contains(agentID) {
                emit(.repaired(ACDRepair(kind: .offerNotRinging(record.task.id, agentID))))
                agents[Int(entry.agent)].pendingCause = .reconciliation
                cancelOffer(entry.id, reason: .reconciliation)
            }
        }
    }

    /// The live truth says the agent handles a task the engine did not give it: offers
    /// ringing at the agent that would not fit beside it are withdrawn (and requeued), and
    /// the task is connected to the agent.
    private mutating func forceConnect(_ task: Int32, to agent: Int32) {
        let channel = tasks[Int(task)].task.channel
        let record = agents[Int(agent)]
        for holding in record.holdings where holding.task != task {
            guard case .offered(let offer) = holding.phase else { continue }
            if holding.channel == channel || record.blocks[channel].contains(holding.channel)
                || record.blocks[holding.channel].contains(channel)
            {
                cancelOffer(offer, reason: .reconciliation)
            }
        }
        makeOffers(task: task, to: CollectionOfOne(agent), trace: stickyTrace(task, agent: agent))
        if let offer = tasks[Int(task)].offers.first { _ = offerAccepted(offer.id) }
    }

    /// The agent is not handling the task after all: the agent is released (no wrap-up) and
    /// the task goes back in line.
    private mutating func disconnect(_ task: Int32) {
        let t = Int(task)
        let agent = tasks[t].connectedAgent
        if let index = agents[Int(agent)].holdings.firstIndex(where: { $0.task == task }) {
            let channel = removeHolding(agent, at: index).channel
            agents[Int(agent)].availableSince[channel] = clock.milliseconds
        }
        agents[Int(agent)].pendingCause = .reconciliation
        markDirty(agent: agent)
        tasks[t].connectedAgent = -1
        returnToQueue(task, trigger: .taskReturned)
    }
}
