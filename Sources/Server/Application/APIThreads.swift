// The threads the HTTP API and the event stream run on: their own NIO event loops, apart
// from the SIP stack's and the media engine's, at a lower CPU priority, so a burst of API
// requests or stream fan-out takes the CPU the call path leaves and never the other way.

import Foundation
import NIOCore
import NIOPosix

#if canImport(Glibc)
import Glibc
#endif

/// The API's event loops, and a task executor over them for the route handlers and the
/// event stream's fan-out.
///
/// On Linux the threads run at `niceness` (a higher nice value is a lower priority): when
/// the machine is busy, the scheduler gives the call path's threads (SIP, media, the
/// cooperative pool) their share first.
public final class APIThreads: Sendable {
    /// The event loops of the HTTP server's channels.
    public let group: MultiThreadedEventLoopGroup
    /// Runs the API's tasks on ``group``'s event loops in turn.
    let executor: EventLoopTaskExecutor
    /// One executor per event loop of ``group``, for work that belongs to one connection.
    private let loopExecutors: [ObjectIdentifier: EventLoopTaskExecutor]

    /// `threads` event loops (nil: one per core) at `niceness` (0: the process's own priority).
    public init(threads: Int? = nil, niceness: Int32 = 10) {
        group = MultiThreadedEventLoopGroup(numberOfThreads: max(1, threads ?? System.coreCount))
        executor = EventLoopTaskExecutor(group: group)
        var loopExecutors: [ObjectIdentifier: EventLoopTaskExecutor] = [:]
        for loop in group.makeIterator() {
            loopExecutors[ObjectIdentifier(loop)] = EventLoopTaskExecutor(loop: loop)
        }
        self.loopExecutors = loopExecutors
        guard niceness != 0 else { return }
        for loop in group.makeIterator() {
            loop.execute { Self.lowerCurrentThreadPriority(to: niceness) }
        }
    }

    /// The threads of every server in the process that is not given its own (as NIO's
    /// singleton event loop group; never shut down).
    public static let shared = APIThreads()

    /// Runs `body` with the API's executor preferred for it and its child tasks.
    func run<R: Sendable>(_ body: () async throws -> R) async rethrows -> R {
        try await withTaskExecutorPreference(executor, operation: body)
    }

    /// Runs `body` on `loop` (a connection's own event loop, so its writes need no hop to
    /// another thread), or on any of the API's loops when `loop` is not one of them.
    func run<R: Sendable>(on loop: any EventLoop, _ body: () async throws -> R) async rethrows -> R {
        try await withTaskExecutorPreference(loopExecutors[ObjectIdentifier(loop)] ?? executor, operation: body)
    }

    /// Runs `body` on one of the API's loops throughout (a long-lived task that would
    /// otherwise wake another thread at every resumption).
    func runOnOneLoop<R: Sendable>(_ body: () async throws -> R) async rethrows -> R {
        try await run(on: group.next(), body)
    }

    /// Stops the event loops (only for threads a caller made and no server uses any more).
    public func shutdown() async throws {
        try await group.shutdownGracefully()
    }

    /// Lowers the calling thread's priority: Linux keeps nice values per thread, and
    /// `PRIO_PROCESS` with id 0 names the calling thread (setpriority(2), NOTES).
    private static func lowerCurrentThreadPriority(to niceness: Int32) {
        #if os(Linux)
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, niceness)
        #endif
    }
}

/// A task executor that runs each job on one event loop, or on a group's loops in turn.
final class EventLoopTaskExecutor: TaskExecutor {
    private let pick: @Sendable () -> any EventLoop

    /// Jobs run on `loop`.
    init(loop: any EventLoop) {
        pick = { loop }
    }

    /// Jobs run on `group`'s loops in turn.
    init(group: MultiThreadedEventLoopGroup) {
        pick = { group.next() }
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        pick().execute { job.runSynchronously(on: executor) }
    }
}
