// Position in line and expected wait, and the announcements that carry them.

extension ACDEngine {
    /// 1 + the waiting tasks of the same queue and channel ahead of this one.
    func position(of task: Int32) -> Int {
        let t = Int(task)
        let line = queues[Int(tasks[t].queue)].lines[tasks[t].task.channel]
        return lineSets.rank(of: tasks[t].key, in: line) + 1
    }

    /// Position and expected wait of a waiting task.
    ///
    /// With every serving agent busy, the k-th next free agent comes after a sum of k
    /// exponential gaps of mean `agent time per task ÷ serving capacity` (an Erlang-k wait).
    /// The engine announces that wait's median, about `(k − ⅓)` gaps, plus the usual ring
    /// time: the median is what "about N minutes" should mean to a caller, and it minimises
    /// the typical (median absolute) error.
    func estimate(for task: Int32) -> ACDWaitEstimate {
        let t = Int(task)
        let position = position(of: task)
        let queue = tasks[t].queue
        let capacity = tasks[t].classSlot >= 0
            ? classes[Int(tasks[t].classSlot)].servingCapacity
            : queues[Int(queue)].servingCapacity[tasks[t].task.channel]
        return ACDWaitEstimate(position: position,
                               estimatedWait: estimatedWait(position: position, capacity: capacity, queue: queue))
    }

    func estimatedWait(position: Int, capacity: Int32, queue: Int32) -> ACDDuration? {
        guard capacity > 0 else { return nil }
        let gaps = Double(position) - 1.0 / 3.0
        let milliseconds = gaps * queues[Int(queue)].handleTime.value / Double(capacity) + queues[Int(queue)].ringTime.value
        return ACDDuration(milliseconds: Int64(milliseconds.rounded()))
    }

    mutating func announce(_ task: Int32) {
        let estimate = estimate(for: task)
        let t = Int(task)
        emit(.announce(ACDAnnouncement(task: tasks[t].task.id, queue: queues[Int(tasks[t].queue)].id,
                                       position: estimate.position, estimatedWait: estimate.estimatedWait)))
    }

    /// Announces the tasks that arrived in this command and are still waiting after it.
    mutating func flushAnnouncements() {
        guard !pendingAnnouncements.isEmpty else { return }
        for (slot, stamp) in pendingAnnouncements {
            let t = Int(slot)
            if stamps[t].wait == stamp && (tasks[t].phase == .waiting || tasks[t].phase == .held)
                && !tasks[t].task.isCallback
            {
                announce(slot)
            }
        }
        pendingAnnouncements.removeAll(keepingCapacity: true)
    }
}
