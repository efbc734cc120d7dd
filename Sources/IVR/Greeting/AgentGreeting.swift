// The greeting script the screen pop shows an agent for a call: tier, day and agent decide it.
//
// DOMAIN.md: the agent greets within 2 seconds; the VIP greeting names the agent; from
// Friday 18:00 to Saturday 24:00 (「每周五18:00--周六24:00」) and on holidays a "happy
// weekend / happy holiday" wish is added; a make-up working day (调休) is no weekend; a
// silent caller hears the greeting again after 2 s, then once more, then a polite goodbye.

/// Which wish, if any, the greeting carries.
public enum GreetingOccasion: Hashable, Sendable {
    /// An ordinary working time: no wish.
    case none
    /// Friday 18:00 to Saturday 24:00 (周末愉快).
    case weekend
    /// A public holiday (节日快乐), with its name.
    case holiday(name: String)
}

/// The agent speaking: name and work number (工号), as the greeting names them.
public struct AgentIdentity: Hashable, Codable, Sendable {
    public var name: String
    public var workNumber: WorkNumber
    public init(name: String, workNumber: WorkNumber) {
        self.name = name
        self.workNumber = workNumber
    }
}

/// The script for one call: what to say first, what to say when the caller stays silent.
public struct AgentGreeting: Hashable, Sendable {
    /// The opening line, wish included.
    public var text: String
    /// Why the wish was (or was not) added.
    public var occasion: GreetingOccasion
    /// Seconds of silence after which the agent repeats.
    public var repeatAfterSeconds: Int
    /// Lines for a silent caller: the repeats, then the polite closing line.
    public var silenceScript: [String]
}

/// A tenant's greeting wording. Templates may use `${agentName}`, `${workNumber}` and
/// `${holiday}` (in the holiday wish).
public struct GreetingPolicy: Hashable, Codable, Sendable {
    /// Greeting per tier; tiers not listed use `standard`.
    public var byTier: [String: TextTemplate]
    /// Greeting for callers whose tier has no entry.
    public var standard: TextTemplate
    /// Wish put before the greeting from Friday 18:00 to Saturday 24:00.
    public var weekendWish: TextTemplate
    /// Wish put before the greeting on public holidays.
    public var holidayWish: TextTemplate
    /// Seconds of silence before repeating (2 in the sources).
    public var repeatAfterSeconds: Int
    /// How often the greeting is repeated to a silent caller before closing (2: "then again").
    public var silenceRepeats: Int
    /// The polite closing line for a caller who never speaks.
    public var silenceClosing: TextTemplate

    public init(
        byTier: [String: TextTemplate] = ["vip": "尊敬的贵宾您好，我是${workNumber}号客服代表${agentName}，很高兴为您服务！"],
        standard: TextTemplate = "您好，${workNumber}号为您服务，请问有什么可以帮您？",
        weekendWish: TextTemplate = "周末愉快！",
        holidayWish: TextTemplate = "${holiday}快乐！",
        repeatAfterSeconds: Int = 2,
        silenceRepeats: Int = 2,
        silenceClosing: TextTemplate = "对不起，听不到您的声音，请您稍后再拨，再见！"
    ) {
        self.byTier = byTier
        self.standard = standard
        self.weekendWish = weekendWish
        self.holidayWish = holidayWish
        self.repeatAfterSeconds = repeatAfterSeconds
        self.silenceRepeats = silenceRepeats
        self.silenceClosing = silenceClosing
    }

    /// The wish that applies at `time`: a holiday beats the weekend window; the weekend window
    /// is Friday 18:00 to Saturday 24:00, but not on make-up working days, and the Friday
    /// evening only counts when the Saturday after it is a day off.
    public static func occasion(at time: LocalDateTime, holidays: HolidayCalendar) -> GreetingOccasion {
        switch holidays.dayKind(of: time.date) {
        case .holiday(let name):
            return .holiday(name: name)
        case .makeUpWorkday:
            return .none
        case .weekend:
            return time.weekday == .saturday ? .weekend : .none
        case .workday:
            guard time.weekday == .friday, time.hour >= 18 else { return .none }
            return holidays.dayKind(of: time.date.adding(days: 1)).isWorkingDay ? .none : .weekend
        }
    }

    /// The greeting script for a caller of `tier` answered by `agent` at local `time`.
    public func greeting(for tier: CustomerTier, at time: LocalDateTime, holidays: HolidayCalendar,
                         agent: AgentIdentity) -> AgentGreeting {
        let occasion = GreetingPolicy.occasion(at: time, holidays: holidays)
        var values = ["agentName": agent.name, "workNumber": agent.workNumber.rawValue]
        let wish: String
        switch occasion {
        case .none: wish = ""
        case .weekend: wish = weekendWish.render(values)
        case .holiday(let name):
            values["holiday"] = name
            wish = holidayWish.render(values)
        }
        let body = (byTier[tier.rawValue] ?? standard).render(values)
        let text = wish + body
        let repeats = Array(repeating: body, count: max(0, silenceRepeats))
        return AgentGreeting(text: text, occasion: occasion, repeatAfterSeconds: repeatAfterSeconds,
                             silenceScript: repeats + [silenceClosing.render(values)])
    }
}
