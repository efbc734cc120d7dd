// Slowing a source that keeps failing digest authentication (brute force, extension scans).

/// Counts authentication failures per source IP and blocks a source that fails too often.
///
/// After `maxFailures` failures within `window` seconds, the source is blocked for `cooldown`
/// seconds: the registrar stops checking its credentials and stops challenging it, and
/// answers it as it answers a wrong password, after a delay. An extension scan (svwar) sends
/// no credentials at all, so challenges count too: a challenge is remembered by its nonce
/// until a request authenticates with that nonce, and once `maxChallenges` challenges have
/// gone unanswered for `answerGrace` seconds (within the window) the source is blocked as
/// well. The grace lets a site of many phones behind one NAT address re-register all at once
/// (hundreds of challenges out before the first answer) without looking like a scan. Other
/// sources are unaffected, so a legitimate phone elsewhere still registers. Pure: time
/// (seconds) comes in as a parameter; memory is bounded by `capacity` sources and
/// `pendingLimit` challenges per source.
public struct RegistrationThrottle: Sendable {
    struct PendingChallenge: Sendable {
        var nonce: String
        var at: UInt64
    }

    struct Record: Sendable {
        var failures: Int
        var windowStart: UInt64
        var blockedUntil: UInt64
        /// Challenges not answered yet, oldest first.
        var pending: [PendingChallenge] = []
    }

    /// Failures allowed within the window before blocking.
    public var maxFailures: Int
    /// Challenges left unanswered (past the grace) allowed within the window.
    public var maxChallenges: Int
    /// Seconds a challenge may wait for its answer before it counts as unanswered.
    public var answerGrace: UInt64
    /// The counting window in seconds.
    public var window: UInt64
    /// How long a source stays blocked, in seconds.
    public var cooldown: UInt64
    /// The most sources tracked.
    public var capacity: Int
    private var records: [String: Record] = [:]

    /// The most challenges remembered per source (a burst beyond is not remembered; the
    /// first ones suffice to tell a scan).
    var pendingLimit: Int { max(64, maxChallenges * 4) }

    /// A throttle; by default 5 failures, or 30 challenges unanswered for 3 s, in 60 s block a
    /// source for 120 s.
    public init(
        maxFailures: Int = 5, maxChallenges: Int = 30, answerGrace: UInt64 = 3, window: UInt64 = 60, cooldown: UInt64 = 120,
        capacity: Int = 100_000
    ) {
        self.maxFailures = maxFailures
        self.maxChallenges = maxChallenges
        self.answerGrace = answerGrace
        self.window = window
        self.cooldown = cooldown
        self.capacity = capacity
    }

    /// Whether `source` is blocked at `now`.
    public func isBlocked(_ source: String, now: UInt64) -> Bool {
        guard let record = records[source] else { return false }
        return record.blockedUntil > now
    }

    /// Records a failed attempt from `source`; returns true when this blocks it.
    @discardableResult
    public mutating func recordFailure(_ source: String, now: UInt64) -> Bool {
        let limit = maxFailures
        return count(source, now: now) { record in
            record.failures += 1
            return record.failures >= limit
        }
    }

    /// Records a challenge with `nonce` sent to `source` (a request without usable
    /// credentials); returns true when this blocks it (an extension scan).
    @discardableResult
    public mutating func recordChallenge(_ source: String, nonce: String, now: UInt64) -> Bool {
        let limit = maxChallenges, grace = answerGrace, window = window, pendingLimit = pendingLimit
        return count(source, now: now) { record in
            record.pending.removeAll { now >= $0.at + window }
            if record.pending.count < pendingLimit { record.pending.append(PendingChallenge(nonce: nonce, at: now)) }
            let unanswered = record.pending.count { now >= $0.at + grace }
            return limit > 0 && unanswered >= limit
        }
    }

    private mutating func count(_ source: String, now: UInt64, _ step: (inout Record) -> Bool) -> Bool {
        var record = records[source] ?? Record(failures: 0, windowStart: now, blockedUntil: 0)
        if now >= record.windowStart + window {
            record.failures = 0
            record.windowStart = now
        }
        let blocked = step(&record)
        if blocked {
            record.blockedUntil = now + cooldown
            record.failures = 0
            record.pending = []
            record.windowStart = now
        }
        if records[source] == nil, records.count >= capacity { prune(now: now) }
        records[source] = record
        return blocked
    }

    /// Forgets `source`'s failures, and the challenge with `nonce`, after it authenticated.
    public mutating func recordSuccess(_ source: String, nonce: String) {
        guard var record = records[source] else { return }
        record.failures = 0
        if let index = record.pending.firstIndex(where: { $0.nonce == nonce }) { record.pending.remove(at: index) }
        records[source] = record.blockedUntil == 0 && record.pending.isEmpty ? nil : record
    }

    /// Drops records that no longer matter at `now`; when still full, drops half.
    public mutating func prune(now: UInt64) {
        records = records.filter {
            $0.value.blockedUntil > now || now < $0.value.windowStart + window || $0.value.pending.contains { now < $0.at + window }
        }
        if records.count >= capacity {
            let keep = records.sorted { $0.value.windowStart > $1.value.windowStart }.prefix(capacity / 2)
            records = Dictionary(uniqueKeysWithValues: keep.map { ($0.key, $0.value) })
        }
    }

    /// The number of sources tracked.
    public var trackedSourceCount: Int { records.count }
}
