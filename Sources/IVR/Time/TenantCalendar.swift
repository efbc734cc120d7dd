// Everything time-related a tenant configures, handed to rules, flows and greetings as one value.

/// A tenant's time zone, holiday calendar and office hours.
public struct TenantCalendar: Hashable, Codable, Sendable {
    /// The zone in which office hours and time rules are written.
    public var timeZone: TenantTimeZone
    /// Public holidays and make-up working days.
    public var holidays: HolidayCalendar
    /// Office hours (办公时间); everything else is non-office hours.
    public var officeHours: BusinessHours

    public init(timeZone: TenantTimeZone = .china, holidays: HolidayCalendar = .none, officeHours: BusinessHours = .standard) {
        self.timeZone = timeZone
        self.holidays = holidays
        self.officeHours = officeHours
    }

    /// The tenant's wall-clock time at `instant`.
    public func localDateTime(at instant: UnixTime) -> LocalDateTime { timeZone.localDateTime(at: instant) }

    /// True when the office is open at the local time `time`.
    public func isOfficeHours(_ time: LocalDateTime) -> Bool { officeHours.isOpen(at: time, holidays: holidays) }

    /// The kind of day of `time`'s date.
    public func dayKind(_ time: LocalDateTime) -> DayKind { holidays.dayKind(of: time.date) }

    private enum CodingKeys: String, CodingKey { case timeZone, holidays, officeHours }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            timeZone: try container.decodeIfPresent(TenantTimeZone.self, forKey: .timeZone) ?? .china,
            holidays: try container.decodeIfPresent(HolidayCalendar.self, forKey: .holidays) ?? .none,
            officeHours: try container.decodeIfPresent(BusinessHours.self, forKey: .officeHours) ?? .standard)
    }
}
