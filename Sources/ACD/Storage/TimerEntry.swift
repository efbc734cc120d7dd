// The engine's own deadlines: offer timeouts, wrap-up ends, relaxation steps and so on.
//
// Deadlines live in one min-heap. An entry carries a stamp copied from the task or agent it
// concerns; when the task or agent moves on, its stamp changes and the old entry is simply
// skipped when it comes due (lazy cancellation: no search in the heap).

/// What a deadline is for.
enum TimerKind: UInt8, Sendable {
    /// An offer has rung for the queue's offer timeout (RONA).
    case offerTimeout
    /// A wrap-up period ends (`slot` is the agent, `stamp` the holding's stamp).
    case wrapUpEnd
    /// A waiting task reaches its next skill relaxation step (`detail` is the step).
    case skillRelaxation
    /// A task held for its sticky agent may now go to anyone.
    case stickyRelease
    /// A waiting task reaches a `waitedLongerThan` overflow rule (`detail` is the rule).
    case maximumWait
    /// A waiting task is due its next position / expected-wait announcement.
    case announcement
    /// An agent has been in a not-ready reason for its maximum duration.
    case notReadyLimit
}

/// One deadline in the heap, ordered by time then by the order it was set.
struct TimerEntry: Comparable, Sendable {
    var due: Int64
    var sequence: UInt64
    var kind: TimerKind
    var slot: Int32
    var detail: Int32
    var stamp: UInt64

    static func < (lhs: TimerEntry, rhs: TimerEntry) -> Bool {
        if lhs.due != rhs.due { return lhs.due < rhs.due }
        return lhs.sequence < rhs.sequence
    }

    static func == (lhs: TimerEntry, rhs: TimerEntry) -> Bool {
        lhs.due == rhs.due && lhs.sequence == rhs.sequence
    }
}
