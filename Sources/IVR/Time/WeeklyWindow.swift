// A recurring window of time on chosen weekdays: the unit of office hours and time rules.

/// A window such as Monday-Friday 09:00-18:00. When `to` is earlier than `from` the window
/// runs overnight: Friday 22:00-06:00 covers Friday 22:00 to Saturday 06:00.
public struct WeeklyWindow: Hashable, Codable, Sendable, CustomStringConvertible {
    /// The days on which the window starts.
    public var days: [Weekday]
    /// The start, inclusive.
    public var from: TimeOfDay
    /// The end, exclusive; `24:00` for the end of the day.
    public var to: TimeOfDay

    public init(days: [Weekday], from: TimeOfDay, to: TimeOfDay) {
        self.days = days
        self.from = from
        self.to = to
    }

    /// True when the window runs past midnight into the next day.
    public var isOvernight: Bool { to < from }

    /// True when `time` lies in the window.
    public func contains(_ time: LocalDateTime) -> Bool {
        contains(weekday: time.weekday, minuteOfDay: time.minuteOfDay)
    }

    func contains(weekday: Weekday, minuteOfDay minute: Int) -> Bool {
        if isOvernight {
            return (days.contains(weekday) && minute >= from.minutes)
                || (days.contains(weekday.previous) && minute < to.minutes)
        }
        return days.contains(weekday) && minute >= from.minutes && minute < to.minutes
    }

    /// The minutes of the week (0 = Monday 00:00) covered by the window, as half-open ranges.
    var minutesOfWeek: [Range<Int>] {
        var ranges: [Range<Int>] = []
        for day in Set(days) {
            let base = (day.rawValue - 1) * 1440
            if isOvernight {
                ranges.append(base + from.minutes ..< base + 1440)
                let nextBase = (day.rawValue % 7) * 1440
                if to.minutes > 0 { ranges.append(nextBase ..< nextBase + to.minutes) }
            } else if from < to {
                ranges.append(base + from.minutes ..< base + to.minutes)
            }
        }
        return ranges
    }

    /// `mon,tue 09:00-18:00`.
    public var description: String {
        days.map(\.shortName).joined(separator: ",") + " \(from)-\(to)"
    }
}
