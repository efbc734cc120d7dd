// Conditions on the tenant's local time for schedule rules: office hours, holidays, windows.

/// When a schedule branch applies. JSON, one form each:
/// `{"officeHours": true}` (办公时间), `{"officeHours": false}` (非办公时间),
/// `{"holiday": true}`, `{"weekend": true}`, `{"workingDay": true}`,
/// `{"days": ["sat", "sun"], "from": "09:00", "to": "17:00"}` (plain weekdays and times,
/// holidays not considered), `{"dates": {"from": "2025-10-01", "through": "2025-10-08"}}`.
public enum TimeCondition: Hashable, Sendable, Codable, CustomStringConvertible {
    case officeHours
    case nonOfficeHours
    /// A public holiday of the tenant's calendar.
    case holiday
    /// Saturday or Sunday that is neither a holiday nor a make-up working day.
    case weekend
    /// A workday or a make-up working day (调休上班).
    case workingDay
    case window(WeeklyWindow)
    case dates(from: CivilDate, through: CivilDate)

    /// True when the condition holds at `time`.
    public func holds(at time: LocalDateTime, calendar: TenantCalendar) -> Bool {
        switch self {
        case .officeHours: return calendar.isOfficeHours(time)
        case .nonOfficeHours: return !calendar.isOfficeHours(time)
        case .holiday: if case .holiday = calendar.dayKind(time) { return true } else { return false }
        case .weekend: return calendar.dayKind(time) == .weekend
        case .workingDay: return calendar.dayKind(time).isWorkingDay
        case .window(let window): return window.contains(time)
        case .dates(let from, let through): return from <= time.date && time.date <= through
        }
    }

    public var description: String {
        switch self {
        case .officeHours: return "office hours"
        case .nonOfficeHours: return "non-office hours"
        case .holiday: return "a holiday"
        case .weekend: return "a weekend day"
        case .workingDay: return "a working day"
        case .window(let window): return window.description
        case .dates(let from, let through): return "dates \(from) to \(through)"
        }
    }

    private enum CodingKeys: String, CodingKey { case officeHours, holiday, weekend, workingDay, days, from, to, dates }
    private struct DateRange: Codable { var from: CivilDate; var through: CivilDate }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func flag(_ key: CodingKeys) throws -> Bool? { try container.decodeIfPresent(Bool.self, forKey: key) }
        let forms = container.allKeys.filter { $0 != .from && $0 != .to }
        guard forms.count == 1 else {
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: decoder.codingPath,
                debugDescription: "a time condition has exactly one of officeHours, holiday, weekend, workingDay, days, dates"))
        }
        switch forms[0] {
        case .officeHours: self = try flag(.officeHours)! ? .officeHours : .nonOfficeHours
        case .holiday, .weekend, .workingDay:
            guard try flag(forms[0]) == true else {
                throw DecodingError.dataCorruptedError(forKey: forms[0], in: container, debugDescription: "write \(forms[0].stringValue): true")
            }
            self = forms[0] == .holiday ? .holiday : forms[0] == .weekend ? .weekend : .workingDay
        case .days:
            self = .window(WeeklyWindow(days: try container.decode([Weekday].self, forKey: .days),
                                        from: try container.decode(TimeOfDay.self, forKey: .from),
                                        to: try container.decode(TimeOfDay.self, forKey: .to)))
        default:
            let range = try container.decode(DateRange.self, forKey: .dates)
            self = .dates(from: range.from, through: range.through)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .officeHours: try container.encode(true, forKey: .officeHours)
        case .nonOfficeHours: try container.encode(false, forKey: .officeHours)
        case .holiday: try container.encode(true, forKey: .holiday)
        case .weekend: try container.encode(true, forKey: .weekend)
        case .workingDay: try container.encode(true, forKey: .workingDay)
        case .window(let window):
            try container.encode(window.days, forKey: .days)
            try container.encode(window.from, forKey: .from)
            try container.encode(window.to, forKey: .to)
        case .dates(let from, let through): try container.encode(DateRange(from: from, through: through), forKey: .dates)
        }
    }
}
