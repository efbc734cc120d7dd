// The answer of rule evaluation: what to do with the call, and why.

/// The call path must collect a password and evaluate again with ``InboundCall/password``.
public struct PasswordChallenge: Hashable, Sendable {
    /// The password rule asking.
    public var ruleID: RuleID
    /// The prompt to play while collecting (the retry prompt after a wrong entry).
    public var prompt: Prompt
    /// The attempt the caller is about to make (1 for the first).
    public var attempt: Int
    /// Tries in all.
    public var maxAttempts: Int
    /// The most digits to collect; `#` ends the entry early.
    public var maxDigits: Int
    /// Seconds to wait for the entry.
    public var timeoutSeconds: Int
}

/// How one rule took part in a decision.
public struct RuleTraceEntry: Hashable, Sendable, CustomStringConvertible {
    /// What the rule did with the call.
    public enum Verdict: String, Hashable, Sendable {
        /// The rule applied: it refused, challenged, routed or set the priority.
        case matched
        /// The rule looked at the call and let it pass.
        case noMatch = "no match"
        /// The rule did not look at the call (disabled, or the caller is exempt).
        case skipped
    }

    /// The rule.
    public var ruleID: RuleID
    /// Its type (`blacklist`, `schedule`, ...).
    public var type: String
    /// What it did.
    public var verdict: Verdict
    /// Why, in words an admin understands.
    public var detail: String

    public var description: String { "\(type) '\(ruleID)': \(verdict.rawValue): \(detail)" }
}

/// The decision for one call: outcome, the caller's tier and priority, and the trace.
public struct InboundDecision: Hashable, Sendable, CustomStringConvertible {
    /// What the call path does next.
    public enum Outcome: Hashable, Sendable {
        /// Route to the target; `ruleID` nil means the rule set's fallback.
        case route(RouteTarget, ruleID: RuleID?)
        /// Refuse the call.
        case reject(Rejection, ruleID: RuleID)
        /// Answer, collect a password, then evaluate again.
        case collectPassword(PasswordChallenge)
    }

    /// What happens to the call.
    public var outcome: Outcome
    /// The caller's tier (VIP rules may raise it from the looked-up one).
    public var tier: CustomerTier
    /// The call's priority for queues (0 unless a VIP rule set it).
    public var priority: Int
    /// The caller's area, when the table knows the number.
    public var area: Area?
    /// The tenant's local time of the call.
    public var localTime: LocalDateTime
    /// Whether that time is office hours.
    public var isOfficeHours: Bool
    /// The kind of day.
    public var dayKind: DayKind
    /// Every rule in order and what it did.
    public var trace: [RuleTraceEntry]
    /// The caller as evaluated (national form).
    public var caller: String

    /// The hang-up SMS attached to the outcome, if any.
    public var hangUpSMS: HangUpSMS? {
        switch outcome {
        case .route(let target, _): return target.hangUpSMS
        case .reject(let rejection, _): return rejection.hangUpSMS
        case .collectPassword: return nil
        }
    }

    /// A short sentence saying what happens.
    public var summary: String {
        switch outcome {
        case .route(let target, let rule):
            return "route to \(target.description)" + (rule.map { " (rule '\($0)')" } ?? " (fallback)")
                + (target.hangUpSMS != nil ? ", hang-up SMS" : "")
        case .reject(let rejection, let rule):
            return "\(rejection.description) (rule '\(rule)')" + (rejection.hangUpSMS != nil ? ", hang-up SMS" : "")
        case .collectPassword(let challenge):
            return "collect a password (rule '\(challenge.ruleID)', attempt \(challenge.attempt) of \(challenge.maxAttempts))"
        }
    }

    /// The readable answer to "what would happen to this call?": context, one line per
    /// rule, and the decision.
    public var description: String {
        let day: String
        switch dayKind {
        case .workday: day = "workday"
        case .weekend: day = "weekend"
        case .holiday(let name): day = "holiday \(name)"
        case .makeUpWorkday: day = "make-up working day"
        }
        var lines = ["call from \(caller) at \(localTime), \(day), \(isOfficeHours ? "office hours" : "non-office hours")"
            + (area.map { ", area \($0)" } ?? ", area unknown") + ", tier \(tier), priority \(priority)"]
        for (index, entry) in trace.enumerated() { lines.append("\(index + 1). \(entry)") }
        lines.append("decision: \(summary)")
        return lines.joined(separator: "\n")
    }
}
