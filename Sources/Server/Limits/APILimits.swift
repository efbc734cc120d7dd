// The API's limits per caller: how many requests a session or API key may make per second,
// how many event streams a user and a tenant may hold open at once, and how long a wallboard
// snapshot is shared.

import Foundation

/// Per-caller limits of the HTTP API and the event stream.
public struct APILimits: Sendable {
    /// Requests per second a session or API key may make on average (0: no limit).
    public var requestsPerSecond: Double
    /// Requests a session or API key may make at once after a quiet spell.
    public var burst: Int
    /// Event streams one user (or API key) may hold open at once (0: no limit).
    public var streamsPerUser: Int
    /// Event streams one tenant's users may hold open at once (0: no limit).
    public var streamsPerTenant: Int
    /// Messages a stream may have waiting for its client before the client counts as too
    /// slow and is disconnected (it reconnects and starts again from a snapshot).
    public var streamQueue: Int
    /// Seconds a wallboard snapshot is reused for every board of the same view (0: never).
    /// Shorter than the boards' 250 ms wait before reloading after an event, so a board that
    /// reloads for an event gets a snapshot taken after it.
    public var wallboardReuse: TimeInterval

    /// 50 requests per second with bursts of 100; 20 streams per user, 5,000 per tenant;
    /// 1,024 messages waiting per stream (under a second of a busy tenant's events: enough to
    /// ride out a spell in which the API's lower-priority threads get no CPU); a wallboard
    /// snapshot reused for 0.2 s.
    public init(requestsPerSecond: Double = 50, burst: Int = 100, streamsPerUser: Int = 20, streamsPerTenant: Int = 5_000,
                streamQueue: Int = 1_024, wallboardReuse: TimeInterval = 0.2) {
        self.requestsPerSecond = requestsPerSecond
        self.burst = max(1, burst)
        self.streamsPerUser = streamsPerUser
        self.streamsPerTenant = streamsPerTenant
        self.streamQueue = max(1, streamQueue)
        self.wallboardReuse = max(0, wallboardReuse)
    }
}
