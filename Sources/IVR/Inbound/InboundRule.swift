// One rule of an access number's ordered rule set (智能路由 / 呼叫控制).

/// A rule: an id for traces, an on/off switch and what it does. JSON flattens the kind:
/// `{"id": "blocked", "type": "blacklist", "numbers": [...], "reject": {"sipStatus": 403}}`.
public struct InboundRule: Hashable, Sendable {
    public var id: RuleID
    /// A note for admins; not used in routing.
    public var name: String?
    /// Disabled rules are skipped (and say so in the trace).
    public var enabled: Bool
    public var kind: Kind

    public init(id: RuleID, name: String? = nil, enabled: Bool = true, _ kind: Kind) {
        self.id = id
        self.name = name
        self.enabled = enabled
        self.kind = kind
    }

    /// What a rule does. Control rules (blacklist, whitelist, callLimit, password) can only
    /// refuse or let pass; VIP sets priority (and may route); routing rules decide where the
    /// call goes when a branch matches and otherwise let evaluation continue.
    public enum Kind: Hashable, Sendable {
        /// Refuse listed callers (黑名单, 呼叫阻截).
        case blacklist(BlacklistRule)
        /// Only listed callers pass, or listed callers skip later control rules (白名单).
        case whitelist(WhitelistRule)
        /// Refuse a caller who called more than `maxCalls` times within the period (次数限制).
        case callLimit(CallLimitRule)
        /// Collect digits and compare before anything else (密码接入).
        case password(PasswordRule)
        /// Recognise VIPs by list or lookup tier: set tier and priority, optionally route.
        case vip(VIPRule)
        /// Route by office hours, holidays, weekday and time windows.
        case schedule(ScheduleRule)
        /// Split calls by percentage between destinations.
        case percentage(PercentageRule)
        /// Route by the caller's province/city (号码归属地).
        case callerArea(CallerAreaRule)
        /// Route every call that reaches this rule.
        case route(RouteTarget)

        /// The `type` string of the kind.
        public var typeName: String {
            switch self {
            case .blacklist: return "blacklist"
            case .whitelist: return "whitelist"
            case .callLimit: return "callLimit"
            case .password: return "password"
            case .vip: return "vip"
            case .schedule: return "schedule"
            case .percentage: return "percentage"
            case .callerArea: return "callerArea"
            case .route: return "route"
            }
        }

        /// True for rules that may decide where the call goes.
        public var routes: Bool {
            switch self {
            case .schedule, .percentage, .callerArea, .route: return true
            case .vip(let rule): return rule.route != nil
            case .blacklist, .whitelist, .callLimit, .password: return false
            }
        }

        /// True when the rule routes every call that reaches it (later rules never apply).
        public var routesEveryCall: Bool {
            switch self {
            case .route, .percentage: return true
            case .schedule(let rule): return rule.otherwise != nil
            case .callerArea(let rule): return rule.otherwise != nil
            default: return false
            }
        }
    }
}

/// Refuse callers on the list.
public struct BlacklistRule: Hashable, Sendable {
    public var list: NumberList
    public var reject: Rejection
    public init(list: NumberList, reject: Rejection = .forbidden) {
        self.list = list
        self.reject = reject
    }
}

/// A whitelist in one of two modes.
public struct WhitelistRule: Hashable, Sendable {
    public enum Mode: String, Hashable, Sendable, Codable {
        /// Callers not on the list are refused (a closed number, 仅白名单呼入).
        case onlyListed
        /// Listed callers skip later blacklist, call-limit and password rules.
        case exempt
    }
    public var list: NumberList
    public var mode: Mode
    /// How unlisted callers are refused in `onlyListed` mode.
    public var reject: Rejection
    public init(list: NumberList, mode: Mode, reject: Rejection = .forbidden) {
        self.list = list
        self.mode = mode
        self.reject = reject
    }
}

/// At most `maxCalls` calls per caller within `periodSeconds` (this call included).
public struct CallLimitRule: Hashable, Sendable {
    public var maxCalls: Int
    public var periodSeconds: Int
    public var reject: Rejection
    public init(maxCalls: Int, periodSeconds: Int, reject: Rejection = .forbidden) {
        self.maxCalls = maxCalls
        self.periodSeconds = periodSeconds
        self.reject = reject
    }
}

/// Password access: the caller keys one of `passwords` (followed by `#`).
public struct PasswordRule: Hashable, Sendable {
    public var passwords: [String]
    public var prompt: Prompt
    /// Played instead of `prompt` after a wrong entry; `prompt` again when nil.
    public var retryPrompt: Prompt?
    public var maxAttempts: Int
    public var timeoutSeconds: Int
    public var reject: Rejection
    public init(passwords: [String], prompt: Prompt, retryPrompt: Prompt? = nil, maxAttempts: Int = 3,
                timeoutSeconds: Int = 10, reject: Rejection = .forbidden) {
        self.passwords = passwords
        self.prompt = prompt
        self.retryPrompt = retryPrompt
        self.maxAttempts = maxAttempts
        self.timeoutSeconds = timeoutSeconds
        self.reject = reject
    }
    /// The longest password, which bounds digit collection.
    public var maxDigits: Int { passwords.map(\.count).max() ?? 0 }
}

/// VIP recognition by list or by the tier a CRM lookup returned.
public struct VIPRule: Hashable, Sendable {
    public var list: NumberList
    /// Lookup tiers that count as VIP (e.g. `vip`, `gold`).
    public var tiers: [CustomerTier]
    /// The tier the call carries once recognised.
    public var tier: CustomerTier
    /// The priority set on the call (higher is served first).
    public var priority: Int
    /// A dedicated destination for VIPs; nil lets later rules route with the new priority.
    public var route: RouteTarget?
    public init(list: NumberList = NumberList(), tiers: [CustomerTier] = [], tier: CustomerTier = .vip,
                priority: Int, route: RouteTarget? = nil) {
        self.list = list
        self.tiers = tiers
        self.tier = tier
        self.priority = priority
        self.route = route
    }
}

/// A time-dependent branch.
public struct TimeBranch: Hashable, Sendable, Codable {
    public var when: TimeCondition
    public var route: RouteTarget
    public init(when: TimeCondition, route: RouteTarget) {
        self.when = when
        self.route = route
    }
}

/// Route by time: the first branch whose condition holds wins; `otherwise` catches the rest.
public struct ScheduleRule: Hashable, Sendable {
    public var branches: [TimeBranch]
    public var otherwise: RouteTarget?
    public init(branches: [TimeBranch], otherwise: RouteTarget? = nil) {
        self.branches = branches
        self.otherwise = otherwise
    }
}

/// A weighted branch of a percentage split.
public struct PercentBranch: Hashable, Sendable, Codable {
    public var percent: Double
    public var route: RouteTarget
    public init(percent: Double, route: RouteTarget) {
        self.percent = percent
        self.route = route
    }
}

/// Split calls by percentage; the percentages add up to 100.
public struct PercentageRule: Hashable, Sendable {
    public var branches: [PercentBranch]
    public init(branches: [PercentBranch]) { self.branches = branches }
}

/// An area branch: a province, or a city within it.
public struct AreaBranch: Hashable, Sendable, Codable {
    public var province: String
    public var city: String?
    public var route: RouteTarget
    public init(province: String, city: String? = nil, route: RouteTarget) {
        self.province = province
        self.city = city
        self.route = route
    }
    func matches(_ area: Area) -> Bool { area.province == province && (city == nil || city == area.city) }
    var label: String { city.map { "\(province)/\($0)" } ?? province }
}

/// Route by the caller's area; callers whose area is unknown or unlisted go to `otherwise`
/// (or on to the next rule when nil).
public struct CallerAreaRule: Hashable, Sendable {
    public var branches: [AreaBranch]
    public var otherwise: RouteTarget?
    public init(branches: [AreaBranch], otherwise: RouteTarget? = nil) {
        self.branches = branches
        self.otherwise = otherwise
    }
}
