// Position in line and expected wait, and the announcements that carry them.

extension ACDEngine {
    /// 1 + the waiting tasks of the same queue and channel ahead of this one.
    func position(of task: Int32) -> Int {
        let record = tasks[Int(task)]
        let queue = queues[Int(record.queue)]
        var ahead = 0
        for slot in queue.classes where classes[Int(slot)].channel == record.task.channel {
            ahead += taskSets.rank(of: record.key, in: classes[Int(slot)].tasks)
        }
        for held in queue.heldTasks where held != task {
            let other = tasks[Int(held)]
            if other.task.channel == record.task.channel && other.key < record.key { ahead += 1 }
        }
        return ahead + 1
    }

    /// Position and expected wait of a waiting task.
    ///
    /// With every serving agent busy, the k-th next free agent comes after a sum of k
    /// exponential gaps of mean `agent time per task ÷ serving capacity` (an Erlang-k wait).
    /// The engine announces that wait's median, about `(k − ⅓)` gaps, plus the usual ring
    /// time: the median is what "about N minutes" should mean to a caller, and it minimises
    /// the typical (median absolute) error.
    func estimate(for task: Int32) -> ACDWaitEstimate {
        let record = tasks[Int(task)]
        let position = position(of: task)
        let capacity = record.classSlot >= 0
            ? classes[Int(record.classSlot)].servingCapacity
            : queues[Int(record.queue)].servingCapacity[record.task.channel]
        return ACDWaitEstimate(position: position,
                               estimatedWait: estimatedWait(position: position, capacity: capacity, queue: record.queue))
    }

    func estimatedWait(position: Int, capacity: Int32, queue: Int32) -> ACDDuration? {
        guard capacity > 0 else { return nil }
        let record = queues[Int(queue)]
        let gaps = Double(position) - 1.0 / 3.0
        let milliseconds = gaps * record.handleTime.value / Double(capacity) + record.ringTime.value
        return ACDDuration(milliseconds: Int64(milliseconds.rounded()))
    }

    mutating func announce(_ task: Int32) {
        let estimate = estimate(for: task)
        let record = tasks[Int(task)]
        emit(.announce(ACDAnnouncement(task: record.task.id, queue: queues[Int(record.queue)].id,
                                       position: estimate.position, estimatedWait: estimate.estimatedWait)))
    }

    /// Announces the tasks that arrived in this command and are still waiting after it.
    mutating func flushAnnouncements() {
        guard !pendingAnnouncements.isEmpty else { return }
        for (slot, stamp) in pendingAnnouncements {
            let record = tasks[Int(slot)]
            if record.waitStamp == stamp && (record.phase == .waiting || record.phase == .held)
                && !record.task.isCallback
            {
                announce(slot)
            }
        }
        pendingAnnouncements.removeAll(keepingCapacity: true)
    }
}
