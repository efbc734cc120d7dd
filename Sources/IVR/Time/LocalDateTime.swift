// A date and time on the tenant's wall clock: what rules, flows and greetings reason about.

/// A local date and time in the tenant's time zone, to the second.
public struct LocalDateTime: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    /// The local calendar date.
    public var date: CivilDate
    /// Seconds since local midnight, 0..<86400.
    public var secondsOfDay: Int

    /// Creates a local date-time, or nil unless `hour` is 0-23, `minute` 0-59, `second` 0-59.
    public init?(date: CivilDate, hour: Int, minute: Int, second: Int = 0) {
        guard (0..<24).contains(hour) && (0..<60).contains(minute) && (0..<60).contains(second) else { return nil }
        self.date = date
        self.secondsOfDay = hour * 3600 + minute * 60 + second
    }

    /// Creates a local date-time from seconds since local midnight (wrapped into 0..<86400).
    public init(date: CivilDate, secondsOfDay: Int) {
        self.date = date
        self.secondsOfDay = ((secondsOfDay % 86_400) + 86_400) % 86_400
    }

    public var weekday: Weekday { date.weekday }
    public var hour: Int { secondsOfDay / 3600 }
    public var minute: Int { secondsOfDay / 60 % 60 }
    /// Minutes since local midnight, for comparing with ``TimeOfDay``.
    public var minuteOfDay: Int { secondsOfDay / 60 }

    public static func < (lhs: LocalDateTime, rhs: LocalDateTime) -> Bool {
        (lhs.date, lhs.secondsOfDay) < (rhs.date, rhs.secondsOfDay)
    }

    /// `2025-10-01 20:00 (wed)`.
    public var description: String {
        let h = hour, m = minute
        return "\(date) \(h < 10 ? "0" : "")\(h):\(m < 10 ? "0" : "")\(m) (\(weekday))"
    }
}
