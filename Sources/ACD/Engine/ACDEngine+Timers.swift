// Firing the engine's deadlines, and skipping those that no longer apply.
import HeapModule

extension ACDEngine {
    /// Whether a deadline still concerns the task or agent it was set for.
    func isLive(_ entry: TimerEntry) -> Bool {
        let slot = Int(entry.slot)
        switch entry.kind {
        case .offerTimeout:
            return stamps[slot].offer == entry.stamp && tasks[slot].phase == .offered
        case .skillRelaxation, .maximumWait, .announcement, .stickyRelease:
            return stamps[slot].wait == entry.stamp
                && (tasks[slot].phase == .waiting || tasks[slot].phase == .held)
        case .wrapUpEnd:
            return agents[slot].holdings.contains { $0.phase == .wrapUp && $0.stamp == entry.stamp }
        case .notReadyLimit:
            return agents[slot].notReadyStamp == entry.stamp
        }
    }

    /// Drops deadlines at the top of the heap that no longer apply, so `nextDeadline` is a
    /// real one.
    mutating func dropStaleTimers() {
        while let top = timers.min, !isLive(top) {
            timers.removeMin()
        }
    }

    /// Carries out one deadline (at the engine's current time, which is its due time).
    mutating func fire(_ entry: TimerEntry) {
        guard isLive(entry) else { return }
        let slot = entry.slot
        switch entry.kind {
        case .offerTimeout:
            offerTimedOut(slot)
        case .wrapUpEnd:
            if let index = agents[Int(slot)].holdings.firstIndex(where: { $0.phase == .wrapUp && $0.stamp == entry.stamp }) {
                finishHolding(agent: slot, at: index)
                agents[Int(slot)].pendingCause = .wrapUpEnded
                markDirty(agent: slot)
            }
        case .skillRelaxation:
            relax(slot, stamp: entry.stamp)
        case .stickyRelease:
            if tasks[Int(slot)].phase == .held { releaseHeld(slot) }
        case .maximumWait:
            if !tasks[Int(slot)].task.isCallback { performOverflow(slot, rule: entry.detail) }
        case .announcement:
            guard !tasks[Int(slot)].task.isCallback else { return }
            announce(slot)
            if let interval = queues[Int(tasks[Int(slot)].queue)].configuration.announcementInterval {
                schedule(.announcement, at: clock + interval, slot: slot, stamp: entry.stamp)
            }
        case .notReadyLimit:
            let record = agents[Int(slot)]
            if case .notReady(let reasonID) = record.state, let maximum = reasons[Int(entry.detail)].maximumDuration,
               reasonIndex[reasonID] == entry.detail
            {
                emit(.notReadyLimitBreached(ACDNotReadyViolation(
                    agent: record.id, team: record.team, reason: reasonID,
                    limit: .duration(maximum: maximum, since: record.stateSince), refused: false, at: clock)))
            }
        }
    }

    /// A waiting task reached its next relaxation step: it moves to the class of its relaxed
    /// needs (where more agents qualify), and the next step is scheduled.
    mutating func relax(_ task: Int32, stamp: UInt64) {
        let t = Int(task)
        if tasks[t].phase == .waiting && tasks[t].classSlot >= 0 {
            tasks[t].trigger = .skillRelaxed
            let stage = Int32(relaxationStage(of: task))
            let cap = stage > 0 ? Int8(queues[Int(tasks[t].queue)].relaxation[Int(stage) - 1].minimumLevel) : .max
            if Self.equal(classes[Int(tasks[t].classSlot)].needs, tasks[t].needs, cap: cap) {
                // No need is above the new level: the task keeps its class and its place
                // (and no agent of that class was free for it before either).
                tasks[t].relaxationStage = stage
            } else {
                removeFromClass(task)
                placeInClass(task)
            }
        } else {
            tasks[t].relaxationStage = Int32(relaxationStage(of: task))
        }
        let steps = queues[Int(tasks[t].queue)].relaxation
        let stage = relaxationStage(of: task)
        if stage < steps.count {
            schedule(.skillRelaxation, at: tasks[t].queueEnteredAt + steps[stage].after, slot: task,
                     detail: Int32(stage + 1), stamp: stamp)
        }
    }
}
