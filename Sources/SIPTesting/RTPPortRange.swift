// RTP port ranges for end-to-end tests: kefu's range and each peer's media ports, handed out
// so that suites running in parallel in one test process never share a port.

import Foundation
import Synchronization

/// Even-port RTP ranges on 127.0.0.1 that no other party of this test process holds.
///
/// kefu binds its RTP ports only when a call needs them, so "free right now" is not enough:
/// ranges are handed out by a cursor sweeping 20000-32599 (below Linux's ephemeral ports,
/// where SIP sockets land; the load scripts under scripts/bench take 10000-19999) and stay reserved for `reservation` after they were handed out.
/// When the space is exhausted the call fails loudly instead of handing out a shared range.
public enum RTPPortRange {
    private struct Reserved {
        let range: ClosedRange<Int>
        let at: ContinuousClock.Instant
    }

    private struct Allocator {
        var cursor = Int.random(in: RTPPortRange.space).roundedDownToEven
        var reserved: [Reserved] = []
    }

    /// The ports ranges are taken from.
    static let space = 20_000...32_599
    /// How long a range stays reserved: longer than any end-to-end test runs.
    static let reservation = Duration.seconds(600)

    private static let allocator = Mutex(Allocator())

    /// A range of `count` ports, starting even, overlapping no range reserved in this process,
    /// whose even ports could all be bound just now (UDP).
    public static func free(count: Int) -> ClosedRange<Int> {
        precondition(count > 0 && count < space.count / 4, "RTP range of \(count) ports")
        return allocator.withLock { allocator in
            let now = ContinuousClock.now
            allocator.reserved.removeAll { now - $0.at > reservation }
            var swept = 0
            while swept < space.count {
                if allocator.cursor + count - 1 > space.upperBound {
                    swept += space.upperBound - allocator.cursor + 1
                    allocator.cursor = space.lowerBound
                    continue
                }
                let range = allocator.cursor...(allocator.cursor + count - 1)
                if let taken = allocator.reserved.first(where: { $0.range.overlaps(range) }) {
                    let next = (taken.range.upperBound + 1).roundedUpToEven
                    swept += next - allocator.cursor
                    allocator.cursor = next
                    continue
                }
                let busy = stride(from: range.lowerBound, through: range.upperBound, by: 2).first { !LoopbackPort.isFree($0) }
                if let busy {
                    let next = (busy + 2).roundedUpToEven
                    swept += next - allocator.cursor
                    allocator.cursor = next
                    continue
                }
                allocator.reserved.append(Reserved(range: range, at: now))
                allocator.cursor = (range.upperBound + 1).roundedUpToEven
                return range
            }
            fatalError("no free RTP range of \(count) ports in \(space): \(allocator.reserved.count) ranges reserved")
        }
    }
}

extension Int {
    fileprivate var roundedDownToEven: Int { self & ~1 }
    fileprivate var roundedUpToEven: Int { (self + 1) & ~1 }
}
