// The pool of local UDP ports for RTP: even ports from a configured range, RTCP on port + 1,
// handed out round-robin so a port just released is not reused at once (late packets of the
// old call must not land in a new one).

import Synchronization

/// Even RTP ports from a range; each allocation owns the even port and the odd one above it.
///
/// Thread-safe. `release` of a port that is not allocated is ignored, so releasing twice is
/// harmless.
public final class PortPool: Sendable {
    /// The lowest and highest even port handed out.
    public let range: ClosedRange<Int>
    private let state: Mutex<State>

    private struct State {
        var free: [Int]
        var head = 0
        var count: Int
        var allocated: Set<Int> = []
    }

    /// Creates a pool over the even ports of `range` whose port + 1 is also in range.
    public init(range: ClosedRange<Int>) throws(MediaError) {
        let first = range.lowerBound + (range.lowerBound & 1)
        let ports = Array(stride(from: first, to: range.upperBound, by: 2))
        guard !ports.isEmpty, first > 0, range.upperBound <= 65535 else { throw .invalidPortRange(range) }
        self.range = first...ports.last!
        self.state = Mutex(State(free: ports, count: ports.count))
    }

    /// Pairs (RTP + RTCP) still free.
    public var available: Int { state.withLock { $0.count } }

    /// Pairs handed out and not yet released.
    public var inUse: Int { state.withLock { $0.allocated.count } }

    /// Takes the next free even port, or nil when the pool is exhausted.
    public func acquire() -> Int? {
        state.withLock { state in
            guard state.count > 0 else { return nil }
            let port = state.free[state.head]
            state.head = (state.head + 1) % state.free.count
            state.count -= 1
            state.allocated.insert(port)
            return port
        }
    }

    /// Returns a port to the pool (to the back of the queue).
    public func release(_ port: Int) {
        state.withLock { state in
            guard state.allocated.remove(port) != nil else { return }
            let tail = (state.head + state.count) % state.free.count
            state.free[tail] = port
            state.count += 1
        }
    }
}
