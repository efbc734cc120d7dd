// Requirement classes: created on first use and filled with the agents that can serve them.
import HeapModule

extension ACDEngine {
    /// The class of a queue for a channel and needs, created (and filled with the queue's
    /// available, qualifying agents) the first time it is needed.
    mutating func classFor(_ queue: Int32, _ channel: ACDChannel, _ needs: [SkillNeed]) -> Int32 {
        let signature = ClassSignature(channel: channel, needs: needs)
        if let existing = queues[Int(queue)].classBySignature[signature] { return existing }
        let slot = Int32(classes.count)
        let position = Int32(queues[Int(queue)].classes.count)
        classes.append(RequirementClass(queue: queue, channel: channel, needs: needs, position: position))
        queues[Int(queue)].classes.append(slot)
        queues[Int(queue)].classBySignature[signature] = slot

        for member in queues[Int(queue)].members {
            let a = Int(member)
            let record = agents[a]
            guard let membershipIndex = record.membershipIndex(of: queue),
                  record.memberships[membershipIndex].signedIn, qualifies(record, needs) else { continue }
            if !record.servingDirty, isServing(record, record.memberships[membershipIndex]),
               record.servingChannels.contains(channel)
            {
                let amount = record.capacity[channel]
                classes[Int(slot)].servingCapacity += amount
                agents[a].servingEntries.append(ServingEntry(classSlot: slot, amount: amount))
            }
            guard availableChannels(member).contains(channel) else { continue }
            let ordinal = Int32(membershipIndex << 12) | position
            let key = enrollmentKey(member, record.memberships[membershipIndex], classes[Int(slot)])
            agentSets.insert(key, into: &classes[Int(slot)].agents)
            let insertAt = agents[a].enrollments.firstIndex { $0.ordinal > ordinal } ?? agents[a].enrollments.count
            agents[a].enrollments.insert(Enrollment(classSlot: slot, ordinal: ordinal, key: key), at: insertAt)
        }
        return slot
    }

    /// Rebuilds a queue's longest-wait heap from the tasks still waiting.
    mutating func compactWaitMarks(_ queue: Int32) {
        let live = queues[Int(queue)].oldestWaiting.unordered.filter { isWaiting($0, in: queue) }
        queues[Int(queue)].oldestWaiting = .init(live)
    }

    /// Drops markers at the top of a queue's longest-wait heap that no longer stand for a
    /// waiting task, so the top is always the longest current wait.
    mutating func trimWaitMarks(_ queue: Int32) {
        while let top = queues[Int(queue)].oldestWaiting.min, !isWaiting(top, in: queue) {
            queues[Int(queue)].oldestWaiting.removeMin()
        }
    }

    /// Whether a longest-wait marker still stands for a waiting task of the queue.
    func isWaiting(_ mark: WaitMark, in queue: Int32) -> Bool {
        let record = tasks[Int(mark.slot)]
        return record.waitStamp == mark.stamp && record.queue == queue && !record.task.isCallback
            && (record.phase == .waiting || record.phase == .held)
    }
}
