// Supervisor commands on tasks: move to another queue, change priority.

extension ACDEngine {
    mutating func moveTask(_ id: TaskID, to queueID: QueueID) -> ACDError? {
        guard let task = liveSlot(id) else { return .unknownTask(id) }
        guard let target = queueIndex[queueID] else { return .unknownQueue(queueID) }
        let t = Int(task)
        switch tasks[t].phase {
        case .connected:
            return .taskAlreadyAnswered(id)
        case .offered:
            cancelOffers(of: task, reason: .taskMoved)
            tasks[t].phase = .idle
        default:
            endWait(task)
        }
        let from = queues[Int(tasks[t].queue)].id
        emit(.taskMoved(ACDTaskMove(task: id, from: from, to: queueID)))
        enterQueue(task, target, trigger: .taskMoved, applyingArrivalRules: false)
        return nil
    }

    mutating func changePriority(_ id: TaskID, to priority: Int) -> ACDError? {
        guard let task = liveSlot(id) else { return .unknownTask(id) }
        guard ACDTenantConfiguration.priorityRange.contains(priority) else { return .invalidPriority(priority) }
        let t = Int(task)
        tasks[t].task.priority = priority
        tasks[t].lastChangeAt = clock
        let waiting = tasks[t].phase == .waiting || tasks[t].phase == .held
        let queue = Int(tasks[t].queue)
        let channel = tasks[t].task.channel
        if waiting { lineSets.remove(tasks[t].key, from: &queues[queue].lines[channel]) }
        if tasks[t].phase == .waiting && tasks[t].classSlot >= 0 {
            removeFromClass(task)
            tasks[t].key = taskKey(task)
            tasks[t].trigger = .priorityChanged
            placeInClass(task)
        } else {
            tasks[t].key = taskKey(task)
        }
        if waiting { lineSets.insert(tasks[t].key, into: &queues[queue].lines[channel]) }
        return nil
    }
}
