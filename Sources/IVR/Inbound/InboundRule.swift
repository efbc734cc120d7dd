// One rule of an access number's ordered rule set (智能路由 / 呼叫控制).

/// A rule: an id for traces, an on/off switch and what it does. JSON flattens the kind:
/// `{"id": "blocked", "type": "blacklist", "numbers": [...], "reject": {"sipStatus": 403}}`.
public struct InboundRule: Hashable, Sendable {
    /// The id traces and validation errors name.
    public var id: RuleID
    /// A note for admins; not used in routing.
    public var name: String?
    /// Disabled rules are skipped (and say so in the trace).
    public var enabled: Bool
    /// What the rule does.
    public var kind: Kind

    /// A rule, enabled by default.
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
    /// The numbers and prefixes refused.
    public var list: NumberList
    /// How they are refused (403 by default).
    public var reject: Rejection
    /// A blacklist refusing with `reject`.
    public init(list: NumberList, reject: Rejection = .forbidden) {
        self.list = list
        self.reject = reject
    }
}

/// A whitelist in one of two modes.
public struct WhitelistRule: Hashable, Sendable {
    /// What being listed means.
    public enum Mode: String, Hashable, Sendable, Codable {
        /// Callers not on the list are refused (a closed number, 仅白名单呼入).
        case onlyListed
        /// Listed callers skip later blacklist, call-limit and password rules.
        case exempt
    }
    /// The listed numbers and prefixes.
    public var list: NumberList
    /// Closed number or exemption list.
    public var mode: Mode
    /// How unlisted callers are refused in `onlyListed` mode.
    public var reject: Rejection
    /// A whitelist in `mode`.
    public init(list: NumberList, mode: Mode, reject: Rejection = .forbidden) {
        self.list = list
        self.mode = mode
        self.reject = reject
    }
}

/// At most `maxCalls` calls per caller within `periodSeconds` (this call included).
public struct CallLimitRule: Hashable, Sendable {
    /// Calls allowed within the period, this one included.
    public var maxCalls: Int
    /// The sliding window, in seconds.
    public var periodSeconds: Int
    /// How a caller over the limit is refused.
    public var reject: Rejection
    /// A limit of `maxCalls` per `periodSeconds`.
    public init(maxCalls: Int, periodSeconds: Int, reject: Rejection = .forbidden) {
        self.maxCalls = maxCalls
        self.periodSeconds = periodSeconds
        self.reject = reject
    }
}

/// Password access: the caller keys one of `passwords` (followed by `#`).
public struct PasswordRule: Hashable, Sendable {
    /// Accepted passwords (digits); never written to traces.
    public var passwords: [String]
    /// The request to key the password.
    public var prompt: Prompt
    /// Played instead of `prompt` after a wrong entry; `prompt` again when nil.
    public var retryPrompt: Prompt?
    /// Tries before the caller is refused.
    public var maxAttempts: Int
    /// Seconds to wait for the entry.
    public var timeoutSeconds: Int
    /// How a caller who never gets it right is refused.
    public var reject: Rejection
    /// Password access with three tries by default.
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
    /// VIP numbers and prefixes.
    public var list: NumberList
    /// Lookup tiers that count as VIP (e.g. `vip`, `gold`).
    public var tiers: [CustomerTier]
    /// The tier the call carries once recognised.
    public var tier: CustomerTier
    /// The priority set on the call (higher is served first).
    public var priority: Int
    /// A dedicated destination for VIPs; nil lets later rules route with the new priority.
    public var route: RouteTarget?
    /// A VIP rule setting `priority` and `tier`.
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
    /// When the branch applies.
    public var when: TimeCondition
    /// Where the call goes then.
    public var route: RouteTarget
    /// A branch routing to `route` while `when` holds.
    public init(when: TimeCondition, route: RouteTarget) {
        self.when = when
        self.route = route
    }
}

/// Route by time: the first branch whose condition holds wins; `otherwise` catches the rest.
public struct ScheduleRule: Hashable, Sendable {
    /// Tried in order.
    public var branches: [TimeBranch]
    /// Where other times go; nil lets later rules decide.
    public var otherwise: RouteTarget?
    /// A schedule rule.
    public init(branches: [TimeBranch], otherwise: RouteTarget? = nil) {
        self.branches = branches
        self.otherwise = otherwise
    }
}

/// A weighted branch of a percentage split.
public struct PercentBranch: Hashable, Sendable, Codable {
    /// This branch's share, more than 0 and at most 100.
    public var percent: Double
    /// Where its share of calls goes.
    public var route: RouteTarget
    /// A share of calls.
    public init(percent: Double, route: RouteTarget) {
        self.percent = percent
        self.route = route
    }
}

/// Split calls by percentage; the percentages add up to 100.
public struct PercentageRule: Hashable, Sendable {
    /// The shares, adding up to 100.
    public var branches: [PercentBranch]
    /// A split.
    public init(branches: [PercentBranch]) { self.branches = branches }
}

/// An area branch: a province, or a city within it.
public struct AreaBranch: Hashable, Sendable, Codable {
    /// The province as the area table writes it.
    public var province: String
    /// The city, or nil for the whole province.
    public var city: String?
    /// Where callers from there go.
    public var route: RouteTarget
    /// A branch for a province or city.
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
    /// Tried in order: put cities before their province.
    public var branches: [AreaBranch]
    /// Where other and unknown areas go; nil lets later rules decide.
    public var otherwise: RouteTarget?
    /// A caller-area rule.
    public init(branches: [AreaBranch], otherwise: RouteTarget? = nil) {
        self.branches = branches
        self.otherwise = otherwise
    }
}
