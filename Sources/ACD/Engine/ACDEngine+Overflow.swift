// Overflow: closed queues, full queues, queues with no agent, and waits that are too long.

extension ACDEngine {
    /// The first rule that turns a task away on arrival (closed, no agent, full), if any.
    func arrivalOverflowRule(_ queue: Int32) -> Int32? {
        let q = Int(queue)
        if queues[q].configuration.overflow.isEmpty { return nil }
        for (index, rule) in queues[q].configuration.overflow.enumerated() {
            switch rule.condition {
            case .closed where !queues[q].isOpen:
                return Int32(index)
            case .noAgentsSignedIn where queues[q].signedInCount == 0:
                return Int32(index)
            case .queueFull(let waiting) where queues[q].waitingTotal >= waiting:
                return Int32(index)
            default:
                continue
            }
        }
        return nil
    }

    /// Applies a rule of the task's queue to the task. Returns false, doing nothing, when the
    /// rule would move the task between queues more than `maximumOverflowHops` times (an
    /// overflow loop in the configuration).
    @discardableResult
    mutating func performOverflow(_ task: Int32, rule ruleIndex: Int32) -> Bool {
        let t = Int(task)
        let queue = Int(tasks[t].queue)
        let rule = queues[queue].configuration.overflow[Int(ruleIndex)]
        var target: Int32?
        if case .queue(let id) = rule.action {
            guard tasks[t].overflowHops < Self.maximumOverflowHops, let slot = queueIndex[id] else { return false }
            target = slot
        }
        endWait(task)
        queues[queue].counters.overflowedOut += 1
        emit(.overflow(ACDOverflow(task: tasks[t].task.id, queue: queues[queue].id, action: rule.action,
                                   condition: rule.condition, waited: clock - tasks[t].queueEnteredAt)))
        switch rule.action {
        case .queue:
            guard let target else { return true }
            tasks[t].overflowHops += 1
            queues[Int(target)].counters.overflowedIn += 1
            enterQueue(task, target, trigger: .overflowedIn)
        case .callback:
            tasks[t].task.isCallback = true
            beginWait(task, trigger: .overflowedIn)
            placeInClass(task)
        case .voicemail, .externalNumber, .ivrNode:
            endTask(task, outcome: .overflowed(rule.action))
        }
        return true
    }

    /// Applies the `noAgentsSignedIn` rule to every waiting task of queues left without a
    /// signed-in agent, first in line first.
    mutating func overflowQueuesWithoutAgents(_ emptied: [Int32]) {
        for queue in emptied where queues[Int(queue)].signedInCount == 0 {
            guard let ruleIndex = queues[Int(queue)].configuration.overflow
                .firstIndex(where: { $0.condition == .noAgentsSignedIn }) else { continue }
            var waiting: [OrderKey] = []
            for slot in queues[Int(queue)].classes {
                taskSets.forEach(in: classes[Int(slot)].tasks) { key in
                    waiting.append(key)
                    return true
                }
            }
            for held in queues[Int(queue)].heldTasks { waiting.append(tasks[Int(held)].key) }
            waiting.sort()
            for key in waiting {
                let t = Int(key.slot)
                guard tasks[t].queue == queue, tasks[t].phase == .waiting || tasks[t].phase == .held,
                      !tasks[t].task.isCallback else { continue }
                performOverflow(key.slot, rule: Int32(ruleIndex))
            }
        }
    }
}
