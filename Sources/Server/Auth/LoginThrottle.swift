// Login throttling: after a few failed logins for one account or from one address, further
// attempts are refused for a while, so passwords cannot be guessed at speed.

import Foundation

/// Counts failed logins per key (account, client address) in a sliding window; a pure value,
/// time comes in with each call.
public struct LoginThrottle: Sendable {
    /// The limits.
    public struct Configuration: Sendable {
        /// Failures allowed within `window` before the key is locked.
        public var maxFailures: Int
        /// The window failures are counted in, and how long a lock lasts.
        public var window: TimeInterval

        /// Five failures in fifteen minutes lock the key for fifteen minutes.
        public init(maxFailures: Int = 5, window: TimeInterval = 15 * 60) {
            self.maxFailures = maxFailures
            self.window = window
        }
    }

    /// The limits in force.
    public let configuration: Configuration
    private var failures: [String: [Date]] = [:]

    /// A throttle with no failures recorded.
    public init(configuration: Configuration = .init()) {
        self.configuration = configuration
    }

    /// Seconds until `key` may try again, or `nil` when it may try now.
    public func retryAfter(_ key: String, at now: Date) -> TimeInterval? {
        let recent = (failures[key] ?? []).filter { now.timeIntervalSince($0) < configuration.window }
        guard recent.count >= configuration.maxFailures, let oldest = recent.first else { return nil }
        return max(1, configuration.window - now.timeIntervalSince(oldest))
    }

    /// Notes a failed attempt for `key`.
    public mutating func failed(_ key: String, at now: Date) {
        var recent = (failures[key] ?? []).filter { now.timeIntervalSince($0) < configuration.window }
        recent.append(now)
        failures[key] = Array(recent.suffix(configuration.maxFailures))
        if failures.count > 100_000 {
            failures = failures.filter { $0.value.contains { now.timeIntervalSince($0) < configuration.window } }
        }
    }

    /// Forgets `key`'s failures after a successful login.
    public mutating func succeeded(_ key: String) {
        failures[key] = nil
    }
}
