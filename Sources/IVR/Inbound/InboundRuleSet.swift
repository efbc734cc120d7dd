// The ordered rule set of one access number: what the platform does with each inbound call.

/// The rules of one access number (e.g. 4001234567), evaluated in order, and the route for
/// calls no rule routed. JSON: `{"accessNumber", "rules": [...], "fallback": {...}}`.
public struct InboundRuleSet: Hashable, Sendable, Codable {
    /// The number callers dial.
    public var accessNumber: PhoneNumber
    /// The rules, first to last.
    public var rules: [InboundRule]
    /// Where calls go that no rule routed.
    public var fallback: RouteTarget

    /// A rule set for `accessNumber`.
    public init(accessNumber: PhoneNumber, rules: [InboundRule], fallback: RouteTarget) {
        self.accessNumber = accessNumber
        self.rules = rules
        self.fallback = fallback
    }

    /// The periods (seconds) for which the caller of ``evaluate(_:in:)`` must count the
    /// caller's earlier calls, one entry per enabled call-limit rule.
    public var countedPeriods: [Int] {
        var periods: [Int] = []
        for rule in rules where rule.enabled {
            if case .callLimit(let limit) = rule.kind, !periods.contains(limit.periodSeconds) { periods.append(limit.periodSeconds) }
        }
        return periods
    }

    private enum CodingKeys: String, CodingKey { case accessNumber, rules, fallback }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(allowed: ["accessNumber", "rules", "fallback"], in: "rule set")
        let container = try decoder.container(keyedBy: CodingKeys.self)
        accessNumber = try container.decode(PhoneNumber.self, forKey: .accessNumber)
        rules = try container.decodeIfPresent([InboundRule].self, forKey: .rules) ?? []
        fallback = try container.decode(RouteTarget.self, forKey: .fallback)
    }
}

/// The facts about one inbound call that rules look at; everything time- or state-dependent
/// is passed in.
public struct InboundCall: Hashable, Sendable {
    /// The caller (P-Asserted-Identity from a trusted trunk, else From).
    public var caller: PhoneNumber
    /// The number dialled.
    public var called: PhoneNumber
    /// When the call arrived.
    public var time: UnixTime
    /// A uniform random draw in 0..<1 for percentage splits (values outside are clamped).
    public var randomDraw: Double
    /// Earlier calls from this caller to this access number within each period of
    /// ``InboundRuleSet/countedPeriods`` (seconds → count, the current call excluded).
    public var recentCalls: [Int: Int]
    /// The tier a CRM lookup returned, if one was made.
    public var lookedUpTier: CustomerTier?
    /// The digits the caller keyed after a password challenge, and which attempt it was.
    public var password: PasswordAttempt?

    /// The facts of one call; defaults suit calls without splits, limits or lookups.
    public init(caller: PhoneNumber, called: PhoneNumber, time: UnixTime, randomDraw: Double = 0,
                recentCalls: [Int: Int] = [:], lookedUpTier: CustomerTier? = nil, password: PasswordAttempt? = nil) {
        self.caller = caller
        self.called = called
        self.time = time
        self.randomDraw = randomDraw
        self.recentCalls = recentCalls
        self.lookedUpTier = lookedUpTier
        self.password = password
    }
}

/// Digits keyed in answer to a ``PasswordChallenge``.
public struct PasswordAttempt: Hashable, Sendable {
    /// The keys, terminator removed.
    public var digits: String
    /// 1 for the first attempt.
    public var attempt: Int
    /// An attempt numbered from 1.
    public init(digits: String, attempt: Int) {
        self.digits = digits
        self.attempt = attempt
    }
}

/// What rules need besides the call: the tenant's calendar and the caller-area table.
public struct InboundEnvironment: Sendable {
    /// Time zone, holidays and office hours.
    public var calendar: TenantCalendar
    /// The caller-area table (号码归属地).
    public var areas: AreaTable
    /// An environment; the defaults are China time and an empty area table.
    public init(calendar: TenantCalendar = TenantCalendar(), areas: AreaTable = AreaTable()) {
        self.calendar = calendar
        self.areas = areas
    }
}
