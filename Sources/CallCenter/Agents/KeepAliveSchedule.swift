// When to send OPTIONS to each registered agent phone, and what the answers (or their absence)
// mean for routing: a sans-I/O value that takes registrations, ping results and the time.

import HeapModule

/// How agents' phones are pinged with OPTIONS (the call path's phone keep-alive).
public struct KeepAliveSettings: Sendable, Hashable {
    /// Time between two pings of one phone; `.zero` turns the keep-alive off.
    public var interval: Duration
    /// How long one ping waits for any response before it counts as missed.
    public var timeout: Duration
    /// Consecutive missed pings after which the phone is taken out of routing.
    public var allowedMisses: Int

    /// Pings every `interval` (30 s by default), waiting at most `timeout` (the interval, up
    /// to 5 s, when nil) each time; `allowedMisses` misses in a row mark the phone dead.
    public init(interval: Duration = .seconds(30), timeout: Duration? = nil, allowedMisses: Int = 2) {
        self.interval = interval
        self.timeout = timeout ?? min(interval, .seconds(5))
        self.allowedMisses = max(1, allowedMisses)
    }

    /// No pings at all.
    public static let off = KeepAliveSettings(interval: .zero)

    /// Whether phones are pinged.
    public var isOn: Bool { interval > .zero }
}

/// One registered contact of an agent: the unit that is pinged and judged.
public struct KeepAlivePhone: Hashable, Sendable {
    /// The extension.
    public var user: String
    /// The tenant's SIP domain (the registrar realm).
    public var realm: String
    /// The registered Contact, as text.
    public var contact: String

    /// A phone key.
    public init(user: String, realm: String, contact: String) {
        self.user = user
        self.realm = realm
        self.contact = contact
    }
}

/// The ping plan for every registered phone, ordered by due time in a heap so a tick costs
/// only the phones that are due (10,000 phones at 30 s is about 330 pings a second, spread
/// over the interval by a hash of each contact).
///
/// Times are offsets from any fixed origin the owner chooses (its start). `Target` is what the
/// owner needs to send the ping (request URI and destination); the schedule only keeps it.
struct KeepAliveSchedule<Target: Sendable>: Sendable {
    /// A ping to send now; report its outcome with ``answered(_:at:)`` or ``missed(_:at:)``.
    struct Ping: Sendable {
        /// The phone.
        var phone: KeepAlivePhone
        /// Where to send it.
        var target: Target
        /// Identifies this ping, so a late answer to an older one is ignored.
        var sequence: UInt64
    }

    private struct Entry {
        var target: Target
        var misses = 0
        var reachable = true
        /// The ping waiting for its outcome.
        var inFlight: UInt64?
        /// Set (from one counter for all) whenever the entry is scheduled; older heap items are stale.
        var generation: UInt64 = 0
    }

    private struct Due: Comparable {
        var at: Duration
        var generation: UInt64
        var phone: KeepAlivePhone

        static func < (lhs: Due, rhs: Due) -> Bool { lhs.at < rhs.at }
        static func == (lhs: Due, rhs: Due) -> Bool { lhs.at == rhs.at && lhs.generation == rhs.generation && lhs.phone == rhs.phone }
    }

    let settings: KeepAliveSettings
    private var entries: [KeepAlivePhone: Entry] = [:]
    private var heap = Heap<Due>()
    private var nextSequence: UInt64 = 0
    private var nextGeneration: UInt64 = 0

    /// An empty schedule.
    init(settings: KeepAliveSettings) {
        self.settings = settings
    }

    /// How many phones are followed.
    var count: Int { entries.count }

    /// How many followed phones are out of routing for not answering.
    private(set) var deadCount = 0

    /// Whether `phone` answers (an unknown phone counts as alive: it was never judged).
    func isAlive(_ phone: KeepAlivePhone) -> Bool {
        entries[phone]?.reachable ?? true
    }

    /// A phone registered or re-registered at `now`. A new one is first pinged somewhere in
    /// the coming interval (by a hash of its contact); a REGISTER is a sign of life, so a
    /// phone marked dead is alive again. Returns true when the phone came back to life.
    mutating func registered(_ phone: KeepAlivePhone, target: Target, at now: Duration) -> Bool {
        guard settings.isOn else { return false }
        if var entry = entries[phone] {
            let cameBack = !entry.reachable
            if cameBack { deadCount -= 1 }
            entry.target = target
            entry.misses = 0
            entry.reachable = true
            entries[phone] = entry
            return cameBack
        }
        entries[phone] = Entry(target: target)
        schedule(phone, at: now + settings.interval * Self.spread(phone))
        return false
    }

    /// The phone un-registered or its registration ran out: no more pings.
    mutating func unregistered(_ phone: KeepAlivePhone) {
        if entries.removeValue(forKey: phone)?.reachable == false { deadCount -= 1 }
    }

    /// The pings due at `now`, each marked in flight (not due again before its outcome).
    mutating func due(at now: Duration) -> [Ping] {
        var pings: [Ping] = []
        while let first = heap.min, first.at <= now {
            let item = heap.removeMin()
            guard var entry = entries[item.phone], entry.generation == item.generation, entry.inFlight == nil else { continue }
            nextSequence &+= 1
            entry.inFlight = nextSequence
            entries[item.phone] = entry
            pings.append(Ping(phone: item.phone, target: entry.target, sequence: nextSequence))
        }
        return pings
    }

    /// The phone answered `ping` (any response: its SIP stack is alive). Returns true when
    /// a phone taken out of routing is back.
    mutating func answered(_ ping: Ping, at now: Duration) -> Bool {
        guard var entry = entries[ping.phone], entry.inFlight == ping.sequence else { return false }
        let cameBack = !entry.reachable
        if cameBack { deadCount -= 1 }
        entry.inFlight = nil
        entry.misses = 0
        entry.reachable = true
        entries[ping.phone] = entry
        schedule(ping.phone, at: now + settings.interval)
        return cameBack
    }

    /// No answer to `ping` within the timeout (or it could not be sent). After the allowed
    /// misses in a row the phone is dead: returns true at that moment. A phone still counting
    /// misses is pinged again at once; a dead one every interval.
    mutating func missed(_ ping: Ping, at now: Duration) -> Bool {
        guard var entry = entries[ping.phone], entry.inFlight == ping.sequence else { return false }
        entry.inFlight = nil
        entry.misses += 1
        let died = entry.reachable && entry.misses >= settings.allowedMisses
        if died {
            entry.reachable = false
            deadCount += 1
        }
        entries[ping.phone] = entry
        schedule(ping.phone, at: entry.reachable ? now : now + settings.interval)
        return died
    }

    private mutating func schedule(_ phone: KeepAlivePhone, at time: Duration) {
        guard var entry = entries[phone] else { return }
        nextGeneration &+= 1
        entry.generation = nextGeneration
        entries[phone] = entry
        heap.insert(Due(at: time, generation: entry.generation, phone: phone))
    }

    /// A stable fraction in [0, 1) from the phone's key (FNV-1a), so first pings of phones
    /// that registered together spread over the interval.
    static func spread(_ phone: KeepAlivePhone) -> Double {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in (phone.user + "@" + phone.realm + " " + phone.contact).utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        return Double(hash % 1_000_003) / 1_000_003
    }
}
