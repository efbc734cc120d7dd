// The one 20 ms clock of the media engine: a Service that paces every playback, mix and
// recording in the process, instead of a timer per stream.

import NIOCore
import ServiceLifecycle
import Synchronization

/// Something the clock drives once per 20 ms frame, on its own event loop.
protocol ClockDriven: AnyObject {
    /// `frames` frames are due (normally 1; more after the loop was held up), the last of
    /// which has index `frame`. `now` is the monotonic time in nanoseconds.
    func clockTicked(frame: Int64, frames: Int, now: Int64)
}

/// The shared media clock.
///
/// One scheduled task on the first event loop fires every 20 ms at absolute deadlines
/// (`origin + n · 20 ms`, so it does not drift) and hands the tick to each event loop's
/// `LoopScheduler`, which runs every `ClockDriven` object registered on that loop. If a tick
/// comes late, the frames that are due are passed on together (at most `maxCatchUpFrames`),
/// so playbacks and recordings keep wall-clock time.
public final class MediaClock: Service, Sendable {
    /// Duration of one frame.
    public static let frameNanos: Int64 = 20_000_000
    /// The most frames one late tick makes up for.
    public static let maxCatchUpFrames = 10

    private let schedulers: [LoopScheduler]
    private let state = Mutex(RunState())

    private struct RunState {
        var running = false
        var origin: Int64 = 0
        var lastFrame: Int64 = 0
        var scheduled: Scheduled<Void>?
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    /// Creates a clock for the loops of `group`.
    public init(group: any EventLoopGroup) {
        self.schedulers = group.makeIterator().map { LoopScheduler(eventLoop: $0) }
    }

    /// Ticks until graceful shutdown or cancellation.
    public func run() async throws {
        start()
        try? await gracefulShutdown()
        stop()
    }

    /// Frames ticked since the clock started.
    public var currentFrame: Int64 { state.withLock { $0.lastFrame } }

    /// Whether the clock is ticking.
    public var isRunning: Bool { state.withLock { $0.running } }

    /// Starts ticking (idempotent).
    public func start() {
        let loop = schedulers[0].eventLoop
        let now = NIODeadline.now().uptimeNanoseconds
        let shouldSchedule = state.withLock { state -> Bool in
            guard !state.running else { return false }
            state.running = true
            state.origin = Int64(now)
            state.lastFrame = 0
            return true
        }
        if shouldSchedule {
            loop.execute { self.scheduleNext() }
        }
    }

    /// Stops ticking (idempotent).
    public func stop() {
        let scheduled = state.withLock { state -> Scheduled<Void>? in
            state.running = false
            defer { state.scheduled = nil }
            return state.scheduled
        }
        scheduled?.cancel()
    }

    /// The scheduler of `loop`.
    func scheduler(for loop: any EventLoop) -> LoopScheduler {
        for scheduler in schedulers where scheduler.eventLoop === loop { return scheduler }
        return schedulers[0]
    }

    /// The frame that is due at `now` and how many frames that is since `lastFrame` (at least
    /// one, at most `maxCatchUpFrames`: a loop held up for seconds skips rather than bursts).
    static func framesDue(after lastFrame: Int64, origin: Int64, now: Int64) -> (frame: Int64, count: Int) {
        let due = max(lastFrame + 1, (now - origin) / frameNanos)
        return (due, Int(min(Int64(maxCatchUpFrames), due - lastFrame)))
    }

    private func scheduleNext() {
        let (next, running) = state.withLock { state in
            (state.origin + (state.lastFrame + 1) * Self.frameNanos, state.running)
        }
        guard running else { return }
        let task = schedulers[0].eventLoop.scheduleTask(deadline: NIODeadline.uptimeNanoseconds(UInt64(next))) {
            self.fire()
        }
        state.withLock { $0.scheduled = task }
    }

    private func fire() {
        let now = Int64(NIODeadline.now().uptimeNanoseconds)
        let (frame, frames, running) = state.withLock { state -> (Int64, Int, Bool) in
            let (due, count) = Self.framesDue(after: state.lastFrame, origin: state.origin, now: now)
            state.lastFrame = due
            return (due, count, state.running)
        }
        guard running else { return }
        for scheduler in schedulers {
            if scheduler.eventLoop.inEventLoop {
                scheduler.tick(frame: frame, frames: frames, now: now)
            } else {
                scheduler.eventLoop.execute { scheduler.tick(frame: frame, frames: frames, now: now) }
            }
        }
        scheduleNext()
    }
}

/// The clock's delegate on one event loop: the objects it drives there.
///
/// Confined to its event loop: `register`, `unregister` and `tick` run on it.
final class LoopScheduler: @unchecked Sendable {
    let eventLoop: any EventLoop
    private var clients: [ObjectIdentifier: any ClockDriven] = [:]
    private var order: [any ClockDriven] = []
    private var orderIsStale = false
    /// Runs once a second on the loop (RTP timeouts, DTMF expiry, metrics, RTCP).
    var housekeeping: [(Int64) -> Void] = []

    init(eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    func register(_ client: any ClockDriven) {
        eventLoop.preconditionInEventLoop()
        clients[ObjectIdentifier(client)] = client
        orderIsStale = true
    }

    func unregister(_ client: any ClockDriven) {
        eventLoop.preconditionInEventLoop()
        if clients.removeValue(forKey: ObjectIdentifier(client)) != nil { orderIsStale = true }
    }

    var registeredCount: Int { clients.count }

    func tick(frame: Int64, frames: Int, now: Int64) {
        if orderIsStale {
            order = Array(clients.values)
            orderIsStale = false
        }
        for client in order where clients[ObjectIdentifier(client)] != nil {
            client.clockTicked(frame: frame, frames: frames, now: now)
        }
        if frame % 50 == 0 || frames > 1 && (frame % 50) < Int64(frames) {
            for task in housekeeping { task(now) }
        }
    }
}
