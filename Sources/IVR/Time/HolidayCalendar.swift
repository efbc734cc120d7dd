// Public holidays and make-up working days (调休) of one tenant's calendar.

/// A named public holiday lasting from `from` through `through` (inclusive).
public struct Holiday: Hashable, Codable, Sendable {
    /// The holiday's name as shown to admins and in traces (e.g. `国庆节`).
    public var name: String
    /// The first day off.
    public var from: CivilDate
    /// The last day off; the same as `from` for a one-day holiday.
    public var through: CivilDate

    public init(name: String, from: CivilDate, through: CivilDate? = nil) {
        self.name = name
        self.from = from
        self.through = through ?? from
    }

    private enum CodingKeys: String, CodingKey { case name, from, through, date }

    /// Decodes `{"name", "date"}` for one day or `{"name", "from", "through"}` for a range.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        if let date = try container.decodeIfPresent(CivilDate.self, forKey: .date) {
            from = date
            through = date
        } else {
            from = try container.decode(CivilDate.self, forKey: .from)
            through = try container.decodeIfPresent(CivilDate.self, forKey: .through) ?? from
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        if from == through {
            try container.encode(from, forKey: .date)
        } else {
            try container.encode(from, forKey: .from)
            try container.encode(through, forKey: .through)
        }
    }
}

/// What kind of day a date is for a tenant.
public enum DayKind: Hashable, Sendable {
    /// Monday to Friday, not a holiday.
    case workday
    /// Saturday or Sunday, not a holiday and not a make-up working day.
    case weekend
    /// A public holiday, whatever weekday it falls on.
    case holiday(name: String)
    /// A Saturday or Sunday that is a working day because of a holiday swap (调休).
    case makeUpWorkday

    /// True for workdays and make-up working days.
    public var isWorkingDay: Bool {
        switch self {
        case .workday, .makeUpWorkday: return true
        case .weekend, .holiday: return false
        }
    }
}

/// A holiday calendar: public holidays (ranges of days off) and make-up working days that
/// fall on weekends (调休上班). Encodes as `{"name", "holidays": [...], "makeUpWorkdays": [...]}`.
public struct HolidayCalendar: Hashable, Codable, Sendable {
    /// The calendar's name, e.g. `CN 2025`.
    public var name: String {
        didSet { rebuildIndex() }
    }
    /// Public holidays.
    public var holidays: [Holiday] {
        didSet { rebuildIndex() }
    }
    /// Weekend days that are working days.
    public var makeUpWorkdays: [CivilDate] {
        didSet { rebuildIndex() }
    }

    private var holidayByDay: [Int: Int] = [:]
    private var makeUpDays: Set<Int> = []

    /// A calendar with no holidays: every Saturday and Sunday is a weekend day.
    public static let none = HolidayCalendar(name: "none", holidays: [], makeUpWorkdays: [])

    public init(name: String, holidays: [Holiday], makeUpWorkdays: [CivilDate] = []) {
        self.name = name
        self.holidays = holidays
        self.makeUpWorkdays = makeUpWorkdays
        rebuildIndex()
    }

    private mutating func rebuildIndex() {
        holidayByDay = [:]
        for (index, holiday) in holidays.enumerated() where holiday.from <= holiday.through {
            let first = holiday.from.daysSince1970, last = holiday.through.daysSince1970
            guard last - first < 366 else { continue }
            for day in first...last where holidayByDay[day] == nil { holidayByDay[day] = index }
        }
        makeUpDays = Set(makeUpWorkdays.map(\.daysSince1970))
    }

    /// Whether `date` is a workday, a weekend day, a holiday or a make-up working day.
    /// A date listed both as holiday and make-up day counts as a holiday (and fails validation).
    public func dayKind(of date: CivilDate) -> DayKind {
        let day = date.daysSince1970
        if let index = holidayByDay[day] { return .holiday(name: holidays[index].name) }
        if date.weekday.isWeekend { return makeUpDays.contains(day) ? .makeUpWorkday : .weekend }
        return .workday
    }

    /// Problems that make the calendar wrong, one line each (empty when it is fine).
    public func problems() -> [String] {
        var problems: [String] = []
        for (index, holiday) in holidays.enumerated() {
            if holiday.name.isEmpty { problems.append("holidays[\(index)].name: a holiday needs a name") }
            if holiday.through < holiday.from {
                problems.append("holidays[\(index)].through: \(holiday.through) is before \(holiday.from)")
            } else if holiday.through.daysSince1970 - holiday.from.daysSince1970 >= 366 {
                problems.append("holidays[\(index)].through: a holiday cannot last a year or more")
            }
        }
        for (index, date) in makeUpWorkdays.enumerated() {
            if !date.weekday.isWeekend {
                problems.append("makeUpWorkdays[\(index)]: \(date) is a \(date.weekday), but make-up working days (调休) fall on weekends")
            }
            if let holiday = holidayByDay[date.daysSince1970] {
                problems.append("makeUpWorkdays[\(index)]: \(date) is also a day of the holiday '\(holidays[holiday].name)'")
            }
        }
        return problems
    }

    private enum CodingKeys: String, CodingKey { case name, holidays, makeUpWorkdays }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            name: try container.decodeIfPresent(String.self, forKey: .name) ?? "",
            holidays: try container.decodeIfPresent([Holiday].self, forKey: .holidays) ?? [],
            makeUpWorkdays: try container.decodeIfPresent([CivilDate].self, forKey: .makeUpWorkdays) ?? [])
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(holidays, forKey: .holidays)
        try container.encode(makeUpWorkdays, forKey: .makeUpWorkdays)
    }

    public static func == (lhs: HolidayCalendar, rhs: HolidayCalendar) -> Bool {
        lhs.name == rhs.name && lhs.holidays == rhs.holidays && lhs.makeUpWorkdays == rhs.makeUpWorkdays
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(holidays)
        hasher.combine(makeUpWorkdays)
    }
}
