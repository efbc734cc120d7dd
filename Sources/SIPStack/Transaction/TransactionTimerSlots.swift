// The running timers of one transaction: at most a few at a time, so a small array.

/// The timers a transaction has running, by RFC name.
struct TransactionTimerSlots {
    private var slots: [(TransactionTimer, SIPTimer)] = []

    /// Starts `timer` on `queue` (cancelling a running one of that name); `fire` runs on the loop.
    mutating func schedule(_ timer: TransactionTimer, after delay: Duration, on queue: SIPTimerQueue, fire: @escaping () -> Void) {
        cancel(timer)
        slots.append((timer, queue.schedule(after: delay, fire)))
    }

    /// Stops `timer` if it runs.
    mutating func cancel(_ timer: TransactionTimer) {
        guard let index = slots.firstIndex(where: { $0.0 == timer }) else { return }
        slots[index].1.cancel()
        slots.remove(at: index)
    }

    /// Forgets `timer` after it fired.
    mutating func fired(_ timer: TransactionTimer) {
        slots.removeAll { $0.0 == timer }
    }

    /// Stops every timer.
    mutating func cancelAll() {
        for (_, scheduled) in slots { scheduled.cancel() }
        slots.removeAll()
    }
}
