// Cheap timers for the transaction layer: O(1) start and cancel, one NIO wake-up at a time.

import NIOCore

/// A timer started on a ``SIPTimerQueue``; cancel it at O(1).
final class SIPTimer {
    let deadline: NIODeadline
    fileprivate var body: (() -> Void)?

    fileprivate init(deadline: NIODeadline, body: @escaping () -> Void) {
        self.deadline = deadline
        self.body = body
    }

    /// Whether the timer was cancelled or has fired.
    var isDone: Bool { body == nil }

    /// Stops the timer; its body will not run.
    func cancel() {
        body = nil
    }
}

/// The timers of one stack, on its event loop.
///
/// SIP uses few distinct delays (T1·2ⁿ, T2, T4, 64·T1), and timers with the same delay are
/// started in deadline order, so each delay gets a FIFO queue: starting a timer appends,
/// cancelling marks it (O(1), where NIO's own scheduled tasks cancel in O(n) of all pending
/// tasks: with 30-second Timers J and L at thousands of calls a second that is ruinous), and
/// one NIO task wakes the loop for the earliest head.
final class SIPTimerQueue {
    private struct Queue {
        var timers: [SIPTimer] = []
        var head = 0

        var first: SIPTimer? { head < timers.count ? timers[head] : nil }

        mutating func popFirst() {
            head += 1
            if head > 1024, head * 2 > timers.count {
                timers.removeFirst(head)
                head = 0
            } else if head == timers.count {
                timers.removeAll(keepingCapacity: true)
                head = 0
            }
        }
    }

    private let eventLoop: any EventLoop
    private var queues: [Int64: Queue] = [:]
    private var wakeUp: (deadline: NIODeadline, task: Scheduled<Void>)?

    init(eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    /// The number of timers queued, cancelled ones not yet dropped included.
    var queuedCount: Int { queues.values.reduce(0) { $0 + $1.timers.count - $1.head } }

    /// Starts a timer that runs `body` on the event loop after `delay`.
    @discardableResult
    func schedule(after delay: Duration, _ body: @escaping () -> Void) -> SIPTimer {
        let amount = TimeAmount(delay)
        let timer = SIPTimer(deadline: eventLoop.now + amount, body: body)
        queues[amount.nanoseconds, default: Queue()].timers.append(timer)
        if wakeUp == nil || timer.deadline < wakeUp!.deadline {
            arm(at: timer.deadline)
        }
        return timer
    }

    private func arm(at deadline: NIODeadline) {
        wakeUp?.task.cancel()
        let task = eventLoop.assumeIsolated().scheduleTask(deadline: deadline) { [weak self] () -> Void in
            self?.fire()
        }
        wakeUp = (deadline, task)
    }

    private func fire() {
        wakeUp = nil
        let now = eventLoop.now
        var due: [SIPTimer] = []
        var next: NIODeadline?
        for key in Array(queues.keys) {
            guard var queue = queues[key] else { continue }
            while let first = queue.first, first.isDone || first.deadline <= now {
                if !first.isDone { due.append(first) }
                queue.popFirst()
            }
            if let first = queue.first {
                next = next.map { min($0, first.deadline) } ?? first.deadline
                queues[key] = queue
            } else {
                queues[key] = nil
            }
        }
        if let next { arm(at: next) }
        due.sort { $0.deadline < $1.deadline }
        for timer in due {
            guard let body = timer.body else { continue }
            timer.body = nil
            body()
        }
    }

    /// Cancels every timer.
    func cancelAll() {
        for queue in queues.values {
            for timer in queue.timers[queue.head...] { timer.cancel() }
        }
        queues = [:]
        wakeUp?.task.cancel()
        wakeUp = nil
    }
}

@available(*, unavailable)
extension SIPTimerQueue: Sendable {}

@available(*, unavailable)
extension SIPTimer: Sendable {}
