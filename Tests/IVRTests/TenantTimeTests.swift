// Local time, holidays, make-up working days and office hours of a tenant.
import Foundation
import Testing
@testable import IVR

@Suite struct TenantTimeTests {
    @Test("dates know their weekday and survive a round trip through day numbers")
    func civilDates() {
        #expect(CivilDate("1970-01-01")!.weekday == .thursday)
        #expect(CivilDate("2000-02-29")!.weekday == .tuesday)
        #expect(CivilDate("2025-10-01")!.weekday == .wednesday)
        #expect(CivilDate("2025-02-29") == nil)
        #expect(CivilDate("2025-1-01") == nil)
        for day in stride(from: -800_000, through: 800_000, by: 997) {
            #expect(CivilDate(daysSince1970: day).daysSince1970 == day)
        }
    }

    @Test("a fixed +08:00 zone turns instants into China wall-clock time, before and after 1970")
    func fixedOffset() {
        #expect(TenantTimeZone.china.localDateTime(at: UnixTime(secondsSince1970: 0)).description == "1970-01-01 08:00 (thu)")
        #expect(TenantTimeZone.china.localDateTime(at: UnixTime(secondsSince1970: -8 * 3600 - 60)).description == "1969-12-31 23:59 (wed)")
        let saturdayEvening = Fixture.china("2025-06-07", 20)
        #expect(saturdayEvening.secondsSince1970 == 1_749_297_600)
        #expect(TenantTimeZone.china.localDateTime(at: saturdayEvening) == Fixture.local("2025-06-07", 20))
    }

    @Test("a named zone follows daylight saving time")
    func namedZone() throws {
        let london = try #require(TenantTimeZone("Europe/London"))
        let summer = london.localDateTime(at: UnixTime(secondsSince1970: 1_751_371_200)) // 2025-07-01 12:00 UTC
        let winter = london.localDateTime(at: UnixTime(secondsSince1970: 1_735_732_800)) // 2025-01-01 12:00 UTC
        #expect(summer.hour == 13)
        #expect(winter.hour == 12)
        #expect(london.instant(for: Fixture.local("2025-07-01", 13)) == UnixTime(secondsSince1970: 1_751_371_200))
        #expect(try #require(TenantTimeZone("Asia/Shanghai")).offsetSeconds(at: UnixTime(secondsSince1970: 0)) == 28_800)
    }

    @Test("time zones parse from offsets and names and refuse nonsense", arguments: [
        ("+08:00", "+08:00"), ("UTC+8", "+08:00"), ("-05:30", "-05:30"), ("UTC", "+00:00"), ("Asia/Shanghai", "Asia/Shanghai"),
    ])
    func parseZones(text: String, canonical: String) throws {
        #expect(try #require(TenantTimeZone(text)).description == canonical)
    }

    @Test("unknown or out-of-range zones are refused with a message naming the value")
    func badZones() {
        #expect(TenantTimeZone("Mars/Olympus") == nil)
        #expect(TenantTimeZone("+15:00") == nil)
        #expect(TenantTimeZone("+08:7") == nil)
        #expect(throws: DecodingError.self) { try Fixture.decode(TenantTimeZone.self, "\"Mars/Olympus\"") }
    }

    @Test("holiday calendars tell holidays, weekends and make-up working days apart", arguments: [
        ("2025-10-01", DayKind.holiday(name: "国庆节")),
        ("2025-10-04", DayKind.holiday(name: "国庆节")),
        ("2025-10-11", DayKind.makeUpWorkday),
        ("2025-09-28", DayKind.makeUpWorkday),
        ("2025-10-18", DayKind.weekend),
        ("2025-10-09", DayKind.workday),
    ])
    func dayKinds(date: String, kind: DayKind) {
        #expect(Fixture.china2025.dayKind(of: CivilDate(date)!) == kind)
    }

    @Test("a calendar with a weekday make-up day or a make-up day inside a holiday is reported")
    func calendarProblems() throws {
        let calendar = try Fixture.decode(HolidayCalendar.self, """
            {"name": "bad", "holidays": [{"name": "国庆节", "from": "2025-10-01", "through": "2025-10-08"},
                                          {"name": "", "from": "2025-05-05", "through": "2025-05-01"}],
             "makeUpWorkdays": ["2025-09-29", "2025-10-04"]}
            """)
        #expect(calendar.problems() == [
            "holidays[1].name: a holiday needs a name",
            "holidays[1].through: 2025-05-01 is before 2025-05-05",
            "makeUpWorkdays[0]: 2025-09-29 is a mon, but make-up working days (调休) fall on weekends",
            "makeUpWorkdays[1]: 2025-10-04 is also a day of the holiday '国庆节'",
        ])
    }

    @Test("office hours are closed on holidays and open on make-up working days", arguments: [
        ("2025-10-09", 10, true), ("2025-10-09", 8, false), ("2025-10-09", 18, false),
        ("2025-10-02", 10, false), ("2025-10-11", 10, true), ("2025-10-18", 10, false),
    ])
    func officeHours(date: String, hour: Int, open: Bool) {
        let calendar = TenantCalendar(timeZone: .china, holidays: Fixture.china2025, officeHours: .standard)
        #expect(calendar.isOfficeHours(Fixture.local(date, hour)) == open)
    }

    @Test("holiday opening hours apply on holidays only")
    func holidayOpening() {
        var hours = BusinessHours.standard
        hours.holidayWindows = [WeeklyWindow(days: [], from: TimeOfDay(hour: 10)!, to: TimeOfDay(hour: 16)!)]
        #expect(hours.isOpen(at: Fixture.local("2025-10-02", 11), holidays: Fixture.china2025))
        #expect(!hours.isOpen(at: Fixture.local("2025-10-02", 17), holidays: Fixture.china2025))
    }
}
