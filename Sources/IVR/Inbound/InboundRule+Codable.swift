// The file form of inbound rules: one flat JSON/YAML object per rule with a `type`.

extension InboundRule: Codable {
    private enum CodingKeys: String, CodingKey {
        case id, name, enabled, type
        case numbers, prefixes, reject, mode, maxCalls, periodSeconds
        case passwords, prompt, retryPrompt, maxAttempts, timeoutSeconds
        case tiers, tier, priority, route, branches, otherwise, destinations, hangUpSMS
    }

    private static let common: Set<String> = ["id", "name", "enabled", "type"]
    private static let fields: [String: Set<String>] = [
        "blacklist": ["numbers", "prefixes", "reject"],
        "whitelist": ["numbers", "prefixes", "mode", "reject"],
        "callLimit": ["maxCalls", "periodSeconds", "reject"],
        "password": ["passwords", "prompt", "retryPrompt", "maxAttempts", "timeoutSeconds", "reject"],
        "vip": ["numbers", "prefixes", "tiers", "tier", "priority", "route"],
        "schedule": ["branches", "otherwise"],
        "percentage": ["branches"],
        "callerArea": ["branches", "otherwise"],
        "route": ["destinations", "hangUpSMS"],
    ]

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(RuleID.self, forKey: .id)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        enabled = try container.decodeIfPresent(Bool.self, forKey: .enabled) ?? true
        let type = try container.decode(String.self, forKey: .type)
        guard let allowed = InboundRule.fields[type] else {
            throw DecodingError.dataCorruptedError(
                forKey: .type, in: container,
                debugDescription: "rule '\(id)': unknown type '\(type)'; use one of \(InboundRule.fields.keys.sorted().joined(separator: ", "))")
        }
        try decoder.rejectUnknownKeys(allowed: allowed.union(InboundRule.common), in: "rule '\(id)' (\(type))")
        func list() throws -> NumberList {
            NumberList(numbers: try container.decodeIfPresent([PhoneNumber].self, forKey: .numbers) ?? [],
                       prefixes: try container.decodeIfPresent([String].self, forKey: .prefixes) ?? [])
        }
        func reject() throws -> Rejection { try container.decodeIfPresent(Rejection.self, forKey: .reject) ?? .forbidden }
        switch type {
        case "blacklist":
            kind = .blacklist(BlacklistRule(list: try list(), reject: try reject()))
        case "whitelist":
            kind = .whitelist(WhitelistRule(list: try list(), mode: try container.decodeIfPresent(WhitelistRule.Mode.self, forKey: .mode) ?? .onlyListed,
                                            reject: try reject()))
        case "callLimit":
            kind = .callLimit(CallLimitRule(maxCalls: try container.decode(Int.self, forKey: .maxCalls),
                                            periodSeconds: try container.decode(Int.self, forKey: .periodSeconds), reject: try reject()))
        case "password":
            kind = .password(PasswordRule(
                passwords: try container.decode([String].self, forKey: .passwords),
                prompt: try container.decode(Prompt.self, forKey: .prompt),
                retryPrompt: try container.decodeIfPresent(Prompt.self, forKey: .retryPrompt),
                maxAttempts: try container.decodeIfPresent(Int.self, forKey: .maxAttempts) ?? 3,
                timeoutSeconds: try container.decodeIfPresent(Int.self, forKey: .timeoutSeconds) ?? 10,
                reject: try reject()))
        case "vip":
            kind = .vip(VIPRule(list: try list(), tiers: try container.decodeIfPresent([CustomerTier].self, forKey: .tiers) ?? [],
                                tier: try container.decodeIfPresent(CustomerTier.self, forKey: .tier) ?? .vip,
                                priority: try container.decode(Int.self, forKey: .priority),
                                route: try container.decodeIfPresent(RouteTarget.self, forKey: .route)))
        case "schedule":
            kind = .schedule(ScheduleRule(branches: try container.decode([TimeBranch].self, forKey: .branches),
                                          otherwise: try container.decodeIfPresent(RouteTarget.self, forKey: .otherwise)))
        case "percentage":
            kind = .percentage(PercentageRule(branches: try container.decode([PercentBranch].self, forKey: .branches)))
        case "callerArea":
            kind = .callerArea(CallerAreaRule(branches: try container.decode([AreaBranch].self, forKey: .branches),
                                              otherwise: try container.decodeIfPresent(RouteTarget.self, forKey: .otherwise)))
        default:
            kind = .route(RouteTarget(try container.decode([Destination].self, forKey: .destinations),
                                      hangUpSMS: try container.decodeIfPresent(HangUpSMS.self, forKey: .hangUpSMS)))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encodeIfPresent(name, forKey: .name)
        if !enabled { try container.encode(false, forKey: .enabled) }
        try container.encode(kind.typeName, forKey: .type)
        func encodeList(_ list: NumberList) throws {
            if !list.numbers.isEmpty { try container.encode(list.numbers, forKey: .numbers) }
            if !list.prefixes.isEmpty { try container.encode(list.prefixes, forKey: .prefixes) }
        }
        switch kind {
        case .blacklist(let rule):
            try encodeList(rule.list)
            try container.encode(rule.reject, forKey: .reject)
        case .whitelist(let rule):
            try encodeList(rule.list)
            try container.encode(rule.mode, forKey: .mode)
            try container.encode(rule.reject, forKey: .reject)
        case .callLimit(let rule):
            try container.encode(rule.maxCalls, forKey: .maxCalls)
            try container.encode(rule.periodSeconds, forKey: .periodSeconds)
            try container.encode(rule.reject, forKey: .reject)
        case .password(let rule):
            try container.encode(rule.passwords, forKey: .passwords)
            try container.encode(rule.prompt, forKey: .prompt)
            try container.encodeIfPresent(rule.retryPrompt, forKey: .retryPrompt)
            try container.encode(rule.maxAttempts, forKey: .maxAttempts)
            try container.encode(rule.timeoutSeconds, forKey: .timeoutSeconds)
            try container.encode(rule.reject, forKey: .reject)
        case .vip(let rule):
            try encodeList(rule.list)
            if !rule.tiers.isEmpty { try container.encode(rule.tiers, forKey: .tiers) }
            try container.encode(rule.tier, forKey: .tier)
            try container.encode(rule.priority, forKey: .priority)
            try container.encodeIfPresent(rule.route, forKey: .route)
        case .schedule(let rule):
            try container.encode(rule.branches, forKey: .branches)
            try container.encodeIfPresent(rule.otherwise, forKey: .otherwise)
        case .percentage(let rule):
            try container.encode(rule.branches, forKey: .branches)
        case .callerArea(let rule):
            try container.encode(rule.branches, forKey: .branches)
            try container.encodeIfPresent(rule.otherwise, forKey: .otherwise)
        case .route(let target):
            try container.encode(target.destinations, forKey: .destinations)
            try container.encodeIfPresent(target.hangUpSMS, forKey: .hangUpSMS)
        }
    }
}
