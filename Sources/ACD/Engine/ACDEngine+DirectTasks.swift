// Direct tasks: work an agent starts without an offer (click-to-dial, a call to another
// extension). The agent is busy with it like with an answered call and wraps up after it,
// so no queue offers the agent anything meanwhile; no queue counts it.

extension ACDEngine {
    mutating func directTaskStarted(_ task: RoutingTask, agent id: AgentID) -> ACDError? {
        guard !task.id.rawValue.isEmpty else { return .emptyTaskID }
        guard let queue = queueSlot(task.queue) else { return .unknownQueue(task.queue) }
        guard let agent = agentIndex[id], !agents[Int(agent)].isRemoved else { return .unknownAgent(id) }
        guard liveSlot(task.id) == nil else { return .duplicateTask(task.id) }
        taskSequence += 1
        var record = TaskRecord(
            queue: queue, key: OrderKey(primary: 0, secondary: 0, tertiary: 0, slot: 0), queueEnteredAt: clock,
            task: task, ownNeeds: [], needs: [], sequence: taskSequence,
            placeTime: clock, arrivedAt: clock, lastChangeAt: clock)
        record.phase = .connected
        record.connectedAgent = agent
        record.connectedAt = clock
        record.isDirect = true
        let slot = freeTaskSlots.last ?? Int32(tasks.count)
        guard UInt64(slot) < 1 << Self.offerSlotBits else { return .tooManyLiveTasks(limit: 1 << Self.offerSlotBits) }
        taskIndex[task.id] = slot
        store(&record, in: slot)
        appendHolding(agent, Holding(
            task: slot, taskID: task.id, queue: queue, channel: task.channel, phase: .connected,
            since: clock, offeredAt: clock, stamp: nextStamp()))
        agents[Int(agent)].pendingCause = .answered
        markDirty(agent: agent)
        return nil
    }
}
