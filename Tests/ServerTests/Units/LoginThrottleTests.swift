// Login throttling with time passed in.

import Foundation
import Server
import Testing

@Suite struct LoginThrottleTests {
    let start = Date(timeIntervalSince1970: 1_000_000)

    @Test("the fifth failure in the window locks the key until the oldest failure leaves the window")
    func locksAndUnlocks() {
        var throttle = LoginThrottle(configuration: .init(maxFailures: 5, window: 900))
        for index in 0..<4 {
            throttle.failed("account:demo/admin", at: start.addingTimeInterval(Double(index) * 10))
            #expect(throttle.retryAfter("account:demo/admin", at: start.addingTimeInterval(Double(index) * 10)) == nil)
        }
        throttle.failed("account:demo/admin", at: start.addingTimeInterval(40))
        #expect(throttle.retryAfter("account:demo/admin", at: start.addingTimeInterval(40)) == 860)
        #expect(throttle.retryAfter("account:demo/other", at: start.addingTimeInterval(40)) == nil, "other keys are not locked")
        #expect(throttle.retryAfter("account:demo/admin", at: start.addingTimeInterval(901)) == nil, "the oldest failure left the window")
    }

    @Test("a success forgets the failures")
    func successResets() {
        var throttle = LoginThrottle(configuration: .init(maxFailures: 2, window: 900))
        throttle.failed("k", at: start)
        throttle.succeeded("k")
        throttle.failed("k", at: start)
        #expect(throttle.retryAfter("k", at: start) == nil)
    }
}
