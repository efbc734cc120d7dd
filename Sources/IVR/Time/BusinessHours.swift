// Office hours (办公时间) of a tenant, aware of holidays and make-up working days.

/// When a tenant's office is open. Holidays are closed unless `holidayWindows` says
/// otherwise; a make-up working day (调休) keeps the hours of `makeUpWorkdayFollows`.
public struct BusinessHours: Hashable, Codable, Sendable {
    /// Open windows in an ordinary week.
    public var weekly: [WeeklyWindow]
    /// Open times on public holidays (`days` is ignored); empty means closed.
    public var holidayWindows: [WeeklyWindow]
    /// The weekday whose hours a make-up working day keeps (default Monday).
    public var makeUpWorkdayFollows: Weekday

    public init(weekly: [WeeklyWindow], holidayWindows: [WeeklyWindow] = [], makeUpWorkdayFollows: Weekday = .monday) {
        self.weekly = weekly
        self.holidayWindows = holidayWindows
        self.makeUpWorkdayFollows = makeUpWorkdayFollows
    }

    /// Monday to Friday, 09:00-18:00.
    public static let standard = BusinessHours(weekly: [
        WeeklyWindow(days: [.monday, .tuesday, .wednesday, .thursday, .friday],
                     from: TimeOfDay(hour: 9)!, to: TimeOfDay(hour: 18)!),
    ])

    /// True when the office is open at `time` under `holidays`.
    public func isOpen(at time: LocalDateTime, holidays: HolidayCalendar) -> Bool {
        let minute = time.minuteOfDay
        switch holidays.dayKind(of: time.date) {
        case .holiday:
            return holidayWindows.contains { minute >= $0.from.minutes && minute < $0.to.minutes }
        case .makeUpWorkday:
            return weekly.contains { window in
                !window.isOvernight && window.days.contains(makeUpWorkdayFollows)
                    && minute >= window.from.minutes && minute < window.to.minutes
            }
        case .workday, .weekend:
            return weekly.contains { $0.contains(weekday: time.weekday, minuteOfDay: minute) }
        }
    }

    /// Problems with the hours, each naming its field (empty when fine).
    public func problems() -> [String] {
        var problems: [String] = []
        for (index, window) in weekly.enumerated() {
            if window.days.isEmpty { problems.append("weekly[\(index)].days: name at least one weekday") }
            if window.from == window.to { problems.append("weekly[\(index)]: from and to are both \(window.from); the window is empty") }
            if window.isOvernight { problems.append("weekly[\(index)]: office hours \(window.from)-\(window.to) run past midnight; split them into two windows") }
        }
        for (index, window) in holidayWindows.enumerated() where window.from >= window.to {
            problems.append("holidayWindows[\(index)]: \(window.from)-\(window.to) is empty or runs past midnight")
        }
        return problems
    }

    private enum CodingKeys: String, CodingKey { case weekly, holidayWindows, makeUpWorkdayFollows }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            weekly: try container.decode([WeeklyWindow].self, forKey: .weekly),
            holidayWindows: try container.decodeIfPresent([WeeklyWindow].self, forKey: .holidayWindows) ?? [],
            makeUpWorkdayFollows: try container.decodeIfPresent(Weekday.self, forKey: .makeUpWorkdayFollows) ?? .monday)
    }
}
