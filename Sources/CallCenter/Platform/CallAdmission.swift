// Overload control in front of the call path: beyond the configured concurrency or call
// rate, new INVITEs get 503 with Retry-After at once, and calls already accepted keep their
// quality.

import Foundation
import SIP
import SIPStack
import Synchronization

/// The admission limits of a node.
public struct CallAdmissionLimits: Sendable {
    /// Calls in progress (all tenants) beyond which new INVITEs are refused; 0: no limit.
    public var maxConcurrentCalls: Int
    /// New INVITEs per second beyond which new ones are refused (burst of one second); 0: no limit.
    public var maxCallsPerSecond: Int
    /// The Retry-After of a refusal, in seconds.
    public var retryAfterSeconds: UInt32

    /// Limits; zero means unlimited.
    public init(maxConcurrentCalls: Int = 0, maxCallsPerSecond: Int = 0, retryAfterSeconds: UInt32 = 5) {
        self.maxConcurrentCalls = maxConcurrentCalls
        self.maxCallsPerSecond = maxCallsPerSecond
        self.retryAfterSeconds = retryAfterSeconds
    }
}

/// Counts calls in progress and new calls per second; the SIP stack asks it about every new
/// INVITE before allocating anything.
public final class CallAdmission: AdmissionControl {
    private struct State {
        var active = 0
        var tokens: Double
        var refilledAt: ContinuousClock.Instant
        var refused = 0
    }

    /// The limits in force.
    public let limits: CallAdmissionLimits
    private let state: Mutex<State>

    /// Admission with `limits`.
    public init(limits: CallAdmissionLimits) {
        self.limits = limits
        self.state = Mutex(State(tokens: Double(limits.maxCallsPerSecond), refilledAt: .now))
    }

    public func admit(_ invite: SIPRequest, from source: SIPDestination) -> AdmissionDecision {
        admit(at: .now) ? .accept : .overloaded(retryAfter: limits.retryAfterSeconds)
    }

    /// Whether a new call may start at `now` (takes a rate token when it may).
    func admit(at now: ContinuousClock.Instant) -> Bool {
        state.withLock { state in
            if limits.maxConcurrentCalls > 0, state.active >= limits.maxConcurrentCalls {
                state.refused += 1
                return false
            }
            if limits.maxCallsPerSecond > 0 {
                let rate = Double(limits.maxCallsPerSecond)
                let elapsed = now - state.refilledAt
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                state.tokens = min(rate, state.tokens + seconds * rate)
                state.refilledAt = now
                guard state.tokens >= 1 else {
                    state.refused += 1
                    return false
                }
                state.tokens -= 1
            }
            return true
        }
    }

    /// A call entered the call path.
    func callStarted() { state.withLock { $0.active += 1 } }

    /// A call left the call path.
    func callEnded() { state.withLock { $0.active = max(0, $0.active - 1) } }

    /// Calls in progress.
    public var activeCalls: Int { state.withLock { $0.active } }

    /// INVITEs refused so far.
    public var refusedCalls: Int { state.withLock { $0.refused } }
}
