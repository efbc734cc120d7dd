// One token bucket per session or API key, shared by every request of the server.

import Foundation
import Store
import Synchronization

/// Who a request's rate limit counts against.
enum RateLimitKey: Hashable, Sendable {
    /// A console session (its cookie's token).
    case session(String)
    /// An integration's API key.
    case apiKey(APIKeyID)
}

/// The buckets of every session and API key; full buckets are forgotten now and then so
/// the table holds only callers that were busy lately.
final class RateLimiter: Sendable {
    private struct State {
        var buckets: [RateLimitKey: TokenBucket] = [:]
        var sweptAt: Date?
    }

    private let limits: APILimits
    private let state = Mutex(State())

    init(limits: APILimits) {
        self.limits = limits
    }

    /// Counts a request of `key` at `now`: `nil` when it may go ahead, else the seconds until
    /// it may try again.
    func admit(_ key: RateLimitKey, at now: Date) -> TimeInterval? {
        guard limits.requestsPerSecond > 0 else { return nil }
        return state.withLock { state in
            sweep(&state, at: now)
            var bucket = state.buckets[key] ?? TokenBucket(rate: limits.requestsPerSecond, capacity: limits.burst, now: now)
            let wait = bucket.take(at: now)
            state.buckets[key] = bucket
            return wait
        }
    }

    /// How many callers have a bucket (tests).
    var trackedCallers: Int { state.withLock { $0.buckets.count } }

    /// Forgets full buckets, at most once a minute.
    private func sweep(_ state: inout State, at now: Date) {
        if let swept = state.sweptAt, now.timeIntervalSince(swept) < 60 { return }
        state.sweptAt = now
        state.buckets = state.buckets.filter { !$0.value.isFull(at: now) }
    }
}
