// What the engine keeps per event loop: the clock's scheduler there, the legs living there, and
// the counters they add to between two metric flushes.

import NIOCore

/// Per-event-loop state of the engine. Confined to its event loop.
final class LoopContext: @unchecked Sendable {
    let eventLoop: any EventLoop
    let scheduler: LoopScheduler
    let metrics: MediaMetrics
    var legs: [MediaLegID: RTPLeg] = [:]
    var counters = MediaMetrics.Counters()
    private var seconds: Int64 = 0

    init(eventLoop: any EventLoop, scheduler: LoopScheduler, metrics: MediaMetrics) {
        self.eventLoop = eventLoop
        self.scheduler = scheduler
        self.metrics = metrics
        scheduler.housekeeping.append { [unowned self] now in self.everySecond(now: now) }
    }

    private func everySecond(now: Int64) {
        seconds += 1
        for leg in legs.values {
            leg.housekeeping(now: now, sendReport: (seconds + Int64(leg.id.rawValue)) % 5 == 0)
        }
        metrics.flush(&counters)
    }
}
