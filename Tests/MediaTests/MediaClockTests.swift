// The shared media clock: frames due after a late tick, and one scheduler per event loop that
// drives every playing stream, mix and recording on that loop.

import NIOCore
import NIOPosix
import Testing
@testable import Media

@Suite struct MediaClockTests {
    let ms: Int64 = 1_000_000

    @Test("an on-time tick is one frame; a late tick makes up the missed frames, but never more than ten")
    func framesDue() {
        #expect(MediaClock.framesDue(after: 4, origin: 0, now: 100 * ms) == (5, 1))
        #expect(MediaClock.framesDue(after: 4, origin: 0, now: 161 * ms) == (8, 4))
        #expect(MediaClock.framesDue(after: 4, origin: 0, now: 10_000 * ms) == (500, 10))
        // A tick that fires a little early still advances by one frame.
        #expect(MediaClock.framesDue(after: 4, origin: 0, now: 99 * ms) == (5, 1))
    }

    final class Counter: ClockDriven, @unchecked Sendable {
        var frames = 0
        var onTick: ((Counter) -> Void)?
        func clockTicked(frame: Int64, frames: Int, now: Int64) {
            self.frames += frames
            onTick?(self)
        }
    }

    @Test("one tick reaches every registered stream; a stream that unregisters during the tick is not ticked again")
    func schedulerTicksAll() async throws {
        let loop = MultiThreadedEventLoopGroup.singleton.next()
        let scheduler = LoopScheduler(eventLoop: loop)
        let counters = (0..<1000).map { _ in Counter() }
        let leaving = counters[10]
        let results = try await loop.submit {
            for counter in counters { scheduler.register(counter) }
            // The first stream ends during the tick and removes another that had not run yet.
            counters[0].onTick = { _ in scheduler.unregister(leaving) }
            scheduler.tick(frame: 1, frames: 1, now: 0)
            scheduler.tick(frame: 4, frames: 3, now: 0)
            return counters.map(\.frames)
        }.get()
        #expect(results.enumerated().allSatisfy { index, frames in counters[index] === leaving ? frames <= 1 : frames == 4 })
        #expect(try await loop.submit { scheduler.registeredCount }.get() == 999)
    }
}
