// Checks a rule set before it is saved: every problem, each naming its rule and field.

/// One problem in a rule set.
public struct RuleSetProblem: Hashable, Sendable, CustomStringConvertible {
    /// The rule at fault; nil for the rule set itself (access number, fallback).
    public var ruleID: RuleID?
    /// The field, as a path inside the rule (`branches[1].route.destinations[0]`).
    public var field: String
    /// What is wrong, and often how to fix it.
    public var message: String

    /// A problem.
    public init(ruleID: RuleID?, field: String, message: String) {
        self.ruleID = ruleID
        self.field = field
        self.message = message
    }

    public var description: String {
        (ruleID.map { "rule '\($0)'" } ?? "rule set") + ", \(field): \(message)"
    }
}

/// What validation may check references against; nil sets are not checked.
public struct RuleSetReferences: Sendable {
    /// The tenant's flows.
    public var flows: Set<FlowID>?
    /// The tenant's queues.
    public var queues: Set<QueueName>?
    /// The tenant's uploaded prompts.
    public var prompts: Set<PromptID>?
    /// When given, area branches must name provinces/cities the table knows.
    public var areas: AreaTable?
    /// References to check; leave out what should not be checked.
    public init(flows: Set<FlowID>? = nil, queues: Set<QueueName>? = nil, prompts: Set<PromptID>? = nil, areas: AreaTable? = nil) {
        self.flows = flows
        self.queues = queues
        self.prompts = prompts
        self.areas = areas
    }
}

extension InboundRuleSet {
    /// Every problem of the rule set, in rule order (empty when it may be saved).
    public func validate(references: RuleSetReferences = RuleSetReferences()) -> [RuleSetProblem] {
        var problems: [RuleSetProblem] = []
        func report(_ rule: RuleID?, _ field: String, _ message: String) {
            problems.append(RuleSetProblem(ruleID: rule, field: field, message: message))
        }
        if !accessNumber.isWellFormed { report(nil, "accessNumber", "'\(accessNumber)' is not a phone number") }

        var seenIDs: Set<RuleID> = []
        var routedEveryCallBy: RuleID?
        var firstRoutingRule: RuleID?
        var whitelists: [(RuleID, NumberList)] = []
        for rule in rules {
            let id = rule.id
            if id.rawValue.isEmpty { report(id, "id", "a rule needs an id") }
            if !seenIDs.insert(id).inserted { report(id, "id", "another rule already has the id '\(id)'") }
            if rule.enabled, let earlier = routedEveryCallBy {
                report(id, "type", "never applies: rule '\(earlier)' before it routes every call")
            }
            switch rule.kind {
            case .blacklist(let blacklist):
                problems += blacklist.list.problems(field: "").map { RuleSetProblem(ruleID: id, field: $0.field, message: $0.message) }
                if blacklist.list.isEmpty { report(id, "numbers", "the blacklist lists no numbers or prefixes") }
                for (whitelistID, whitelist) in whitelists {
                    if let overlap = blacklist.list.overlaps(whitelist) {
                        report(id, "numbers", "\(overlap) is both blacklisted here and whitelisted by rule '\(whitelistID)'")
                    }
                }
                checkRejection(blacklist.reject, rule: id, field: "reject", references: references, report: report)
            case .whitelist(let whitelist):
                problems += whitelist.list.problems(field: "").map { RuleSetProblem(ruleID: id, field: $0.field, message: $0.message) }
                if whitelist.list.isEmpty { report(id, "numbers", "the whitelist lists no numbers or prefixes") }
                for other in rules {
                    guard case .blacklist(let blacklist) = other.kind, other.id != id,
                          rules.firstIndex(where: { $0.id == other.id })! < rules.firstIndex(where: { $0.id == id })! else { continue }
                    if let overlap = whitelist.list.overlaps(blacklist.list) {
                        report(id, "numbers", "\(overlap) is both whitelisted here and blacklisted by rule '\(other.id)'")
                    }
                }
                whitelists.append((id, whitelist.list))
                checkRejection(whitelist.reject, rule: id, field: "reject", references: references, report: report)
            case .callLimit(let limit):
                if limit.maxCalls < 1 { report(id, "maxCalls", "must be at least 1 (found \(limit.maxCalls))") }
                if limit.periodSeconds < 1 || limit.periodSeconds > 31 * 86_400 {
                    report(id, "periodSeconds", "must be between 1 and \(31 * 86_400) seconds (found \(limit.periodSeconds))")
                }
                checkRejection(limit.reject, rule: id, field: "reject", references: references, report: report)
            case .password(let password):
                if let routing = firstRoutingRule {
                    report(id, "type", "comes after routing rule '\(routing)': callers routed there never enter a password; put password rules before routing rules")
                }
                if password.passwords.isEmpty { report(id, "passwords", "list at least one password") }
                for (index, value) in password.passwords.enumerated() where !value.isAllASCIIDigits || value.count > 16 {
                    report(id, "passwords[\(index)]", "a password is 1 to 16 digits keyed on the phone")
                }
                if !(1...5).contains(password.maxAttempts) { report(id, "maxAttempts", "must be between 1 and 5 (found \(password.maxAttempts))") }
                if !(1...60).contains(password.timeoutSeconds) { report(id, "timeoutSeconds", "must be between 1 and 60 (found \(password.timeoutSeconds))") }
                checkPrompt(password.prompt, rule: id, field: "prompt", references: references, report: report)
                if let retry = password.retryPrompt { checkPrompt(retry, rule: id, field: "retryPrompt", references: references, report: report) }
                checkRejection(password.reject, rule: id, field: "reject", references: references, report: report)
            case .vip(let vip):
                problems += vip.list.problems(field: "").map { RuleSetProblem(ruleID: id, field: $0.field, message: $0.message) }
                if vip.list.isEmpty && vip.tiers.isEmpty { report(id, "numbers", "list VIP numbers, prefixes or tiers; as written the rule never matches") }
                if vip.priority < 0 { report(id, "priority", "must not be negative (found \(vip.priority))") }
                if let route = vip.route { checkRoute(route, rule: id, field: "route", references: references, report: report) }
            case .schedule(let schedule):
                if schedule.branches.isEmpty { report(id, "branches", "a schedule needs at least one branch") }
                for (index, branch) in schedule.branches.enumerated() {
                    checkCondition(branch.when, rule: id, field: "branches[\(index)].when", report: report)
                    checkRoute(branch.route, rule: id, field: "branches[\(index)].route", references: references, report: report)
                    for earlier in 0..<index {
                        if let overlap = overlap(schedule.branches[earlier].when, branch.when) {
                            report(id, "branches[\(index)].when",
                                   "overlaps branches[\(earlier)] on \(overlap); the earlier branch wins there" +
                                       (schedule.branches[earlier].route == branch.route ? "" : " although the destinations differ"))
                        }
                    }
                }
                if let otherwise = schedule.otherwise { checkRoute(otherwise, rule: id, field: "otherwise", references: references, report: report) }
            case .percentage(let split):
                if split.branches.count < 2 { report(id, "branches", "a split needs at least two branches (found \(split.branches.count))") }
                for (index, branch) in split.branches.enumerated() {
                    if !(branch.percent > 0 && branch.percent <= 100) {
                        report(id, "branches[\(index)].percent", "must be more than 0 and at most 100 (found \(formatNumber(branch.percent)))")
                    }
                    checkRoute(branch.route, rule: id, field: "branches[\(index)].route", references: references, report: report)
                }
                let total = split.branches.reduce(0) { $0 + $1.percent }
                if !split.branches.isEmpty && abs(total - 100) > 0.001 {
                    report(id, "branches", "percentages add up to \(formatNumber(total)), not 100")
                }
            case .callerArea(let byArea):
                if byArea.branches.isEmpty { report(id, "branches", "an area rule needs at least one branch") }
                for (index, branch) in byArea.branches.enumerated() {
                    if branch.province.isEmpty { report(id, "branches[\(index)].province", "name a province") }
                    if let table = references.areas, !branch.province.isEmpty, !table.knows(province: branch.province, city: branch.city) {
                        report(id, "branches[\(index)]", "the area table knows no \(branch.label)")
                    }
                    for earlier in 0..<index {
                        let first = byArea.branches[earlier]
                        if first.province == branch.province && (first.city == nil || first.city == branch.city) {
                            report(id, "branches[\(index)]", "never applies: branches[\(earlier)] (\(first.label)) already catches \(branch.label)")
                        }
                    }
                    checkRoute(branch.route, rule: id, field: "branches[\(index)].route", references: references, report: report)
                }
                if let otherwise = byArea.otherwise { checkRoute(otherwise, rule: id, field: "otherwise", references: references, report: report) }
            case .route(let target):
                checkRoute(target, rule: id, field: "destinations", references: references, report: report, nested: false)
            }
            if rule.enabled && rule.kind.routesEveryCall && routedEveryCallBy == nil { routedEveryCallBy = id }
            if rule.enabled && rule.kind.routes && firstRoutingRule == nil { firstRoutingRule = id }
        }
        checkRoute(fallback, rule: nil, field: "fallback", references: references, report: report)
        return problems
    }

    private func checkRoute(_ target: RouteTarget, rule: RuleID?, field: String, references: RuleSetReferences,
                            report: (RuleID?, String, String) -> Void, nested: Bool = true) {
        let base = nested ? "\(field).destinations" : field
        if target.destinations.isEmpty { report(rule, base, "list at least one destination") }
        for (index, destination) in target.destinations.enumerated() {
            let path = "\(base)[\(index)]"
            if index > 0 && !target.destinations[index - 1].fallsThrough {
                report(rule, path, "never reached: \(target.destinations[index - 1].kind) before it does not fall through (only external and agent legs do)")
            }
            switch destination {
            case .flow(let flow):
                if let known = references.flows, !known.contains(flow) { report(rule, path, "no IVR flow '\(flow)'") }
            case .queue(let queue, let priority, _):
                if let known = references.queues, !known.contains(queue) { report(rule, path, "no queue '\(queue)'") }
                if let priority, priority < 0 { report(rule, path + ".priority", "must not be negative") }
            case .external(let number, let ring):
                if !number.isWellFormed || number.digits.count < 3 { report(rule, path, "'\(number)' is not a phone number") }
                if !(5...120).contains(ring) { report(rule, path + ".ringSeconds", "must be between 5 and 120 (found \(ring))") }
            case .agent(let work, let ring):
                if !work.rawValue.isAllASCIIDigits { report(rule, path, "work number '\(work)' must be digits") }
                if !(5...120).contains(ring) { report(rule, path + ".ringSeconds", "must be between 5 and 120 (found \(ring))") }
            case .voicemail(let mailbox, let greeting):
                if mailbox.isEmpty { report(rule, path, "name a mailbox") }
                if let greeting { checkPrompt(greeting, rule: rule, field: path + ".greeting", references: references, report: report) }
            case .hangUp(let prompt):
                if let prompt { checkPrompt(prompt, rule: rule, field: path + ".prompt", references: references, report: report) }
            }
        }
    }

    private func checkRejection(_ rejection: Rejection, rule: RuleID, field: String, references: RuleSetReferences,
                                report: (RuleID?, String, String) -> Void) {
        switch rejection.style {
        case .sipStatus(let status):
            if !(400...699).contains(status) { report(rule, field + ".sipStatus", "\(status) is not a SIP failure status (400-699)") }
        case .prompt(let prompt):
            checkPrompt(prompt, rule: rule, field: field + ".prompt", references: references, report: report)
        }
    }

    private func checkPrompt(_ prompt: Prompt, rule: RuleID?, field: String, references: RuleSetReferences,
                             report: (RuleID?, String, String) -> Void) {
        if case .localized(let map) = prompt, map.isEmpty { report(rule, field, "a localized prompt needs at least one language") }
        guard let known = references.prompts else { return }
        for file in prompt.files where !known.contains(file) { report(rule, field, "no prompt '\(file)' in the prompt library") }
    }

    private func checkCondition(_ condition: TimeCondition, rule: RuleID, field: String, report: (RuleID?, String, String) -> Void) {
        switch condition {
        case .window(let window):
            if window.days.isEmpty { report(rule, field + ".days", "name at least one weekday") }
            if window.from == window.to { report(rule, field, "from and to are both \(window.from); the window is empty") }
        case .dates(let from, let through):
            if through < from { report(rule, field + ".dates", "\(through) is before \(from)") }
        default: break
        }
    }

    /// Where two conditions certainly overlap, in words, or nil. Calendar-dependent
    /// conditions overlap only when they are the same condition.
    private func overlap(_ a: TimeCondition, _ b: TimeCondition) -> String? {
        switch (a, b) {
        case (.window(let first), .window(let second)):
            for x in first.minutesOfWeek {
                for y in second.minutesOfWeek where x.overlaps(y) {
                    let start = max(x.lowerBound, y.lowerBound), end = min(x.upperBound, y.upperBound)
                    let day = Weekday(rawValue: start / 1440 + 1)!, endInDay = end - start / 1440 * 1440
                    return "\(day) \(TimeOfDay(hour: start % 1440 / 60, minute: start % 60)!)-\(TimeOfDay(hour: endInDay / 60, minute: endInDay % 60)!)"
                }
            }
            return nil
        case (.dates(let f1, let t1), .dates(let f2, let t2)):
            return f1 <= t2 && f2 <= t1 ? "dates \(max(f1, f2)) to \(min(t1, t2))" : nil
        default:
            return a == b ? a.description : nil
        }
    }
}

private func formatNumber(_ value: Double) -> String {
    value == value.rounded() ? String(Int(value)) : String(value)
}
