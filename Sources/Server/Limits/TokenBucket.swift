// The token bucket behind the API's rate limit: a pure value, time comes in with each call.

import Foundation

/// Allows `rate` requests per second on average and `capacity` at once.
struct TokenBucket: Sendable, Equatable {
    /// Tokens added per second.
    let rate: Double
    /// The most tokens the bucket holds.
    let capacity: Double
    private(set) var tokens: Double
    private(set) var updated: Date

    /// A full bucket at `now`.
    init(rate: Double, capacity: Int, now: Date) {
        self.rate = rate
        self.capacity = Double(capacity)
        self.tokens = Double(capacity)
        self.updated = now
    }

    /// Takes one token at `now`: `nil` when there was one, else the seconds until there is.
    mutating func take(at now: Date) -> TimeInterval? {
        refill(at: now)
        guard tokens < 1 else {
            tokens -= 1
            return nil
        }
        return (1 - tokens) / rate
    }

    /// Whether the bucket is full again at `now` (it can be forgotten).
    func isFull(at now: Date) -> Bool {
        tokens + max(0, now.timeIntervalSince(updated)) * rate >= capacity
    }

    private mutating func refill(at now: Date) {
        let elapsed = max(0, now.timeIntervalSince(updated))
        tokens = min(capacity, tokens + elapsed * rate)
        updated = max(updated, now)
    }
}
