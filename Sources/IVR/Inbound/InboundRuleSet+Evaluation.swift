// Evaluates an access number's rules for one call: pure, deterministic, traced.

extension InboundRuleSet {
    /// Decides what happens to `call`. Rules run in order: control rules refuse or pass,
    /// VIP rules set tier and priority, the first routing rule with a matching branch routes;
    /// when none does, ``fallback`` routes. Every rule leaves a line in the trace.
    ///
    /// A password rule answers ``InboundDecision/Outcome/collectPassword(_:)`` until the
    /// call carries a matching ``InboundCall/password``; the call path then evaluates again
    /// with the same inputs plus the attempt.
    public func evaluate(_ call: InboundCall, in environment: InboundEnvironment) -> InboundDecision {
        let caller = call.caller.nationalForm
        let localTime = environment.calendar.localDateTime(at: call.time)
        var state = EvaluationState(caller: caller, localTime: localTime, call: call, environment: environment)
        state.entries.reserveCapacity(rules.count)
        var outcome: InboundDecision.Outcome?
        for rule in rules where outcome == nil {
            guard rule.enabled else {
                state.trace(rule, .skipped, "rule is disabled")
                continue
            }
            outcome = state.apply(rule)
        }
        let finalOutcome = outcome ?? .route(fallback, ruleID: nil)
        return InboundDecision(
            outcome: finalOutcome, tier: state.tier, priority: state.priority, area: state.area?.area,
            localTime: localTime, isOfficeHours: environment.calendar.isOfficeHours(localTime),
            dayKind: environment.calendar.dayKind(localTime), trace: state.entries, caller: caller)
    }
}

/// The running state of one evaluation.
private struct EvaluationState {
    let caller: String
    let localTime: LocalDateTime
    let call: InboundCall
    let environment: InboundEnvironment
    var tier: CustomerTier
    var priority = 0
    var exemptedBy: RuleID?
    var entries: [RuleTraceEntry] = []
    private var areaLookedUp = false
    private var cachedArea: (prefix: String, area: Area)?

    init(caller: String, localTime: LocalDateTime, call: InboundCall, environment: InboundEnvironment) {
        self.caller = caller
        self.localTime = localTime
        self.call = call
        self.environment = environment
        self.tier = call.lookedUpTier ?? .standard
    }

    var area: (prefix: String, area: Area)? {
        mutating get {
            if !areaLookedUp {
                cachedArea = environment.areas.lookup(caller)
                areaLookedUp = true
            }
            return cachedArea
        }
    }

    mutating func trace(_ rule: InboundRule, _ verdict: RuleTraceEntry.Verdict, _ detail: String) {
        entries.append(RuleTraceEntry(ruleID: rule.id, type: rule.kind.typeName, verdict: verdict, detail: detail))
    }

    /// Applies one enabled rule; returns the outcome when the rule decides.
    mutating func apply(_ rule: InboundRule) -> InboundDecision.Outcome? {
        switch rule.kind {
        case .blacklist(let blacklist):
            if let exempt = exemptedBy { trace(rule, .skipped, "caller is whitelisted by '\(exempt)'"); return nil }
            guard let match = blacklist.list.match(caller) else {
                trace(rule, .noMatch, "\(caller) is not listed")
                return nil
            }
            trace(rule, .matched, "\(match) → \(blacklist.reject.description)")
            return .reject(blacklist.reject, ruleID: rule.id)

        case .whitelist(let whitelist):
            let match = whitelist.list.match(caller)
            switch (whitelist.mode, match) {
            case (.onlyListed, nil):
                trace(rule, .matched, "\(caller) is not on the whitelist → \(whitelist.reject.description)")
                return .reject(whitelist.reject, ruleID: rule.id)
            case (.onlyListed, let match?):
                trace(rule, .noMatch, "\(match): caller may call")
            case (.exempt, let match?):
                exemptedBy = rule.id
                trace(rule, .matched, "\(match): later blacklist, call-limit and password rules are skipped")
            case (.exempt, nil):
                trace(rule, .noMatch, "\(caller) is not listed")
            }
            return nil

        case .callLimit(let limit):
            if let exempt = exemptedBy { trace(rule, .skipped, "caller is whitelisted by '\(exempt)'"); return nil }
            guard let earlier = call.recentCalls[limit.periodSeconds] else {
                trace(rule, .noMatch, "no call count for \(limit.periodSeconds) s was supplied; limit not applied")
                return nil
            }
            let total = earlier + 1
            guard total > limit.maxCalls else {
                trace(rule, .noMatch, "call \(total) of at most \(limit.maxCalls) within \(limit.periodSeconds) s")
                return nil
            }
            trace(rule, .matched, "call \(total) exceeds \(limit.maxCalls) within \(limit.periodSeconds) s → \(limit.reject.description)")
            return .reject(limit.reject, ruleID: rule.id)

        case .password(let password):
            if let exempt = exemptedBy { trace(rule, .skipped, "caller is whitelisted by '\(exempt)'"); return nil }
            return applyPassword(rule, password)

        case .vip(let vip):
            let listed = vip.list.match(caller)
            let byTier = call.lookedUpTier.map { vip.tiers.contains($0) } ?? false
            guard listed != nil || byTier else {
                trace(rule, .noMatch, "caller is not a VIP" + (call.lookedUpTier.map { " (looked-up tier \($0))" } ?? ""))
                return nil
            }
            tier = vip.tier
            priority = vip.priority
            let why = listed.map(\.description) ?? "looked-up tier \(call.lookedUpTier!)"
            if let route = vip.route {
                trace(rule, .matched, "\(why): tier \(vip.tier), priority \(vip.priority) → \(route.description)")
                return .route(route, ruleID: rule.id)
            }
            trace(rule, .matched, "\(why): tier \(vip.tier), priority \(vip.priority)")
            return nil

        case .schedule(let schedule):
            for (index, branch) in schedule.branches.enumerated()
            where branch.when.holds(at: localTime, calendar: environment.calendar) {
                trace(rule, .matched, "\(localTime) is \(branch.when) (branch \(index + 1)) → \(branch.route.description)")
                return .route(branch.route, ruleID: rule.id)
            }
            if let otherwise = schedule.otherwise {
                trace(rule, .matched, "no branch matches \(localTime) → otherwise \(otherwise.description)")
                return .route(otherwise, ruleID: rule.id)
            }
            trace(rule, .noMatch, "no branch matches \(localTime)")
            return nil

        case .percentage(let split):
            guard !split.branches.isEmpty else { trace(rule, .noMatch, "no branches"); return nil }
            let draw = min(max(call.randomDraw, 0), 0.999_999_999)
            let total = split.branches.reduce(0) { $0 + max($1.percent, 0) }
            var cumulative = 0.0
            var chosen = split.branches.count - 1
            for (index, branch) in split.branches.enumerated() {
                cumulative += max(branch.percent, 0)
                if total > 0 && draw < cumulative / total { chosen = index; break }
            }
            let branch = split.branches[chosen]
            trace(rule, .matched, "draw \(Int(draw * 100))% falls in branch \(chosen + 1) (\(formatPercent(branch.percent))%) → \(branch.route.description)")
            return .route(branch.route, ruleID: rule.id)

        case .callerArea(let byArea):
            guard let found = area else {
                if let otherwise = byArea.otherwise {
                    trace(rule, .matched, "area of \(caller) is unknown → otherwise \(otherwise.description)")
                    return .route(otherwise, ruleID: rule.id)
                }
                trace(rule, .noMatch, "area of \(caller) is unknown")
                return nil
            }
            if let branch = byArea.branches.first(where: { $0.matches(found.area) }) {
                trace(rule, .matched, "\(caller) is in \(found.area) (prefix \(found.prefix)), branch \(branch.label) → \(branch.route.description)")
                return .route(branch.route, ruleID: rule.id)
            }
            if let otherwise = byArea.otherwise {
                trace(rule, .matched, "\(caller) is in \(found.area), no branch → otherwise \(otherwise.description)")
                return .route(otherwise, ruleID: rule.id)
            }
            trace(rule, .noMatch, "\(caller) is in \(found.area), no branch for it")
            return nil

        case .route(let target):
            trace(rule, .matched, "every call → \(target.description)")
            return .route(target, ruleID: rule.id)
        }
    }

    /// Challenges, accepts (nil: evaluation continues) or refuses after the last attempt.
    private mutating func applyPassword(_ rule: InboundRule, _ password: PasswordRule) -> InboundDecision.Outcome? {
        let maxAttempts = max(1, password.maxAttempts)
        func challenge(attempt: Int, retry: Bool) -> InboundDecision.Outcome {
            .collectPassword(PasswordChallenge(
                ruleID: rule.id, prompt: retry ? (password.retryPrompt ?? password.prompt) : password.prompt,
                attempt: attempt, maxAttempts: maxAttempts, maxDigits: password.maxDigits, timeoutSeconds: password.timeoutSeconds))
        }
        guard let attempt = call.password else {
            trace(rule, .matched, "no password entered yet → collect (attempt 1 of \(maxAttempts))")
            return challenge(attempt: 1, retry: false)
        }
        if password.passwords.contains(attempt.digits) {
            trace(rule, .noMatch, "password accepted on attempt \(attempt.attempt)")
            return nil
        }
        if attempt.attempt < maxAttempts {
            trace(rule, .matched, "wrong password on attempt \(attempt.attempt) → collect again (attempt \(attempt.attempt + 1) of \(maxAttempts))")
            return challenge(attempt: attempt.attempt + 1, retry: true)
        }
        trace(rule, .matched, "wrong password on attempt \(attempt.attempt) of \(maxAttempts) → \(password.reject.description)")
        return .reject(password.reject, ruleID: rule.id)
    }
}

private func formatPercent(_ value: Double) -> String {
    value == value.rounded() ? String(Int(value)) : String(value)
}
