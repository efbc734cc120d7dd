// The API rate limit's token bucket, with time passed in.

import Foundation
@testable import Server
import Testing

@Suite struct TokenBucketTests {
    let start = Date(timeIntervalSince1970: 1_000_000)

    @Test("a full bucket allows its burst at once, then refuses and says how long to wait")
    func burstThenRefusal() {
        var bucket = TokenBucket(rate: 50, capacity: 100, now: start)
        for index in 0..<100 {
            #expect(bucket.take(at: start) == nil, "request \(index) of the burst")
        }
        let wait = bucket.take(at: start)
        #expect(wait == 1.0 / 50, "one token comes back every 1/50 s")
    }

    @Test("tokens come back at the rate and never beyond the capacity", arguments: [
        (elapsed: 0.1, allowed: 5), (elapsed: 1.0, allowed: 50), (elapsed: 60.0, allowed: 100),
    ])
    func refill(elapsed: Double, allowed: Int) {
        var bucket = TokenBucket(rate: 50, capacity: 100, now: start)
        for _ in 0..<100 { _ = bucket.take(at: start) }
        let later = start.addingTimeInterval(elapsed)
        var taken = 0
        while bucket.take(at: later) == nil { taken += 1 }
        #expect(taken == allowed)
        #expect(!bucket.isFull(at: later))
        #expect(bucket.isFull(at: later.addingTimeInterval(2)))
    }

    @Test("a clock that steps back does not mint tokens")
    func clockBack() {
        var bucket = TokenBucket(rate: 10, capacity: 1, now: start)
        #expect(bucket.take(at: start) == nil)
        #expect(bucket.take(at: start.addingTimeInterval(-30)) != nil)
        #expect(bucket.take(at: start) != nil)
    }
}
