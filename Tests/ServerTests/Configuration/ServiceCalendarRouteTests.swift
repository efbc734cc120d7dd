// Queue service hours and the tenant's holiday calendar with make-up working days (调休)
// through the API: read, replaced, refused naming the entry at fault, audited, and the call
// path's rules see a new holiday at once.

import Foundation
import HTTPTypes
import HummingbirdTesting
import Store
import Testing

@Suite struct ServiceCalendarRouteTests {
    static let weekdays = ["mon", "tue", "wed", "thu", "fri"]

    @Test("an admin replaces a queue's service hours; the supervisor reads them back and the change is audited")
    func hours() async throws {
        try await ServerFixture.with { fixture in
            let queue = try #require(try await fixture.store.queues.list(fixture.demo).first { $0.name == "service" })
            try await fixture.application().test(.router) { client in
                let admin = try await client.login(.demoAdmin)
                let hours: [[String: Any]] = [
                    ["days": Self.weekdays, "start": "09:00", "end": "18:00"],
                    ["days": ["sat"], "start": "10:00", "end": "24:00"],
                ]
                let (status, saved) = try await client.send(.put, "/api/v1/config/queues/\(queue.id.rawValue)/hours", cookie: admin,
                                                            body: ["business_hours": hours])
                #expect(status == .ok)
                #expect(saved["always_open"].value as? Bool == false)
                let supervisor = try await client.login(.demoSupervisor)
                let (read, body) = try await client.send(.get, "/api/v1/config/queues/\(queue.id.rawValue)/hours", cookie: supervisor)
                #expect(read == .ok)
                #expect(body["business_hours"].array.map { $0["days"].array.compactMap(\.string) } == [Self.weekdays, ["sat"]])
                #expect(body["business_hours"][1]["end"].string == "24:00")
                let stored = try await fixture.store.queues.get(fixture.demo, queue.id).businessHours
                #expect(stored == [BusinessHoursWindow(days: [.mon, .tue, .wed, .thu, .fri], start: "09:00", end: "18:00"),
                                   BusinessHoursWindow(days: [.sat], start: "10:00", end: "24:00")])
                let audit = try await client.send(.get, "/api/v1/config/audit-log?action=queue.hours", cookie: admin).1
                #expect(audit["items"][0]["object_id"].string == queue.id.rawValue)
                #expect(audit["items"][0]["detail"]["business_hours"].string == "mon,tue,wed,thu,fri 09:00-18:00; sat 10:00-24:00")
                #expect(try await client.send(.put, "/api/v1/config/queues/\(queue.id.rawValue)/hours", cookie: admin,
                                              body: ["business_hours": [Any]()]).1["always_open"].value as? Bool == true)
            }
        }
    }

    /// Bad service hours and the field the refusal names.
    static let badHours: [(hours: String, field: String, says: String)] = [
        (#"[{"days": ["mon"], "start": "25:00", "end": "26:00"}]"#, "business_hours[0].start", "HH:MM"),
        (#"[{"days": ["mon"], "start": "09:00", "end": "18:60"}]"#, "business_hours[0].end", "HH:MM"),
        (#"[{"days": ["mon"], "start": "18:00", "end": "09:00"}]"#, "business_hours[0].end", "later than the start"),
        (#"[{"days": ["mon", "tue"], "start": "09:00", "end": "12:00"}, {"days": ["tue"], "start": "11:30", "end": "14:00"}]"#,
         "business_hours[1]", "overlaps business_hours[0] on tue"),
        (#"[{"days": ["mon", "funday"], "start": "09:00", "end": "12:00"}]"#, "business_hours[0].days[1]", "funday"),
        (#"[{"days": [], "start": "09:00", "end": "12:00"}]"#, "business_hours[0].days", "at least one day"),
        (#"[{"days": ["mon"], "end": "12:00"}]"#, "business_hours[0].start", "required"),
    ]

    @Test("bad service hours are refused with 400 naming the window, and the stored hours stay as they were", arguments: badHours.indices)
    func badHoursRefused(index: Int) async throws {
        let bad = Self.badHours[index]
        try await ServerFixture.with { fixture in
            let queue = try #require(try await fixture.store.queues.list(fixture.demo).first)
            try await fixture.application().test(.router) { client in
                let admin = try await client.login(.demoAdmin)
                let (status, error) = try await client.send(.put, "/api/v1/config/queues/\(queue.id.rawValue)/hours", cookie: admin,
                                                            body: ["business_hours": try JSONSerialization.jsonObject(with: Data(bad.hours.utf8))])
                #expect(status == .badRequest)
                #expect(error["error"]["field"].string == bad.field)
                #expect(error["error"]["message"].string?.contains(bad.says) == true, "\(error["error"]["message"].string ?? "")")
                #expect(try await fixture.store.queues.get(fixture.demo, queue.id).businessHours == queue.businessHours)
            }
        }
    }

    @Test("a new holiday in the calendar reaches the call path's rules at once: the trace for that day goes to voicemail")
    func calendarReachesTheCallPath() async throws {
        try await ServerFixture.with { fixture in
            try await fixture.application().test(.router) { client in
                let admin = try await client.login(.demoAdmin)
                // 2026-12-25 is a Friday; 2026-12-26 a Saturday worked in exchange (调休).
                let trace: [String: String] = ["number": "4001234567", "caller": "13700000001", "at": "2026-12-25T03:00:00Z"]
                let before = try await client.send(.post, "/api/v1/config/rule-trace", cookie: admin, body: trace).1
                #expect(before["decision"].string?.contains("voicemail") == false, "\(before["decision"].string ?? "")")

                var days = try await client.send(.get, "/api/v1/config/calendar", cookie: admin).1["calendar"].array.map {
                    ["date": $0["date"].string!, "kind": $0["kind"].string!, "name": $0["name"].string!]
                }
                #expect(days.contains { $0["date"] == "2026-09-27" && $0["kind"] == "workday" }, "demo.yaml's make-up day is listed")
                days.append(["date": "2026-12-25", "kind": "holiday", "name": "年末休息"])
                days.append(["date": "2026-12-26", "kind": "workday", "name": "年末调休上班"])
                let (status, saved) = try await client.send(.put, "/api/v1/config/calendar", cookie: admin, body: ["calendar": days])
                #expect(status == .ok)
                #expect(saved["time_zone"].string == "Asia/Shanghai")
                #expect(saved["calendar"].array.compactMap { $0["date"].string } == days.map { $0["date"]! }.sorted())

                let after = try await client.send(.post, "/api/v1/config/rule-trace", cookie: admin, body: trace).1
                #expect(after["decision"].string?.contains("voicemail") == true, "\(after["decision"].string ?? "")")

                let audit = try await client.send(.get, "/api/v1/config/audit-log?action=calendar.update", cookie: admin).1
                #expect(audit["items"][0]["detail"]["workdays"].string == "\(days.filter { $0["kind"] == "workday" }.count)")
                let supervisor = try await client.login(.demoSupervisor)
                #expect(try await client.send(.get, "/api/v1/config/calendar", cookie: supervisor).1["calendar"].array.count == days.count)
                let beta = try await client.login(.betaAdmin)
                #expect(try await client.send(.get, "/api/v1/config/calendar", cookie: beta).1["calendar"].array.isEmpty,
                        "the other tenant's calendar is its own")
            }
        }
    }

    /// Bad calendars and the field the refusal names.
    static let badCalendars: [(days: [[String: String]], field: String, says: String)] = [
        ([["date": "2026-02-30", "kind": "holiday", "name": "x"]], "calendar[0].date", "not a day of that month"),
        ([["date": "2026-13-01", "kind": "holiday", "name": "x"]], "calendar[0].date", "YYYY-MM-DD"),
        ([["date": "26-10-01", "kind": "holiday", "name": "x"]], "calendar[0].date", "YYYY-MM-DD"),
        ([["date": "2026-10-03", "kind": "holiday", "name": "国庆节"], ["date": "2026-10-03", "kind": "workday", "name": "调休"]],
         "calendar[1].date", "listed twice"),
        ([["date": "2026-10-08", "kind": "workday", "name": "调休"]], "calendar[0].date", "weekday"),
        ([["date": "2026-10-01", "kind": "vacation", "name": "x"]], "calendar[0].kind", "vacation"),
        ([["date": "2026-10-01", "kind": "holiday"]], "calendar[0].name", "required"),
    ]

    @Test("a bad calendar is refused with 400 naming the entry, and the stored calendar stays as it was", arguments: badCalendars.indices)
    func badCalendarRefused(index: Int) async throws {
        let bad = Self.badCalendars[index]
        try await ServerFixture.with { fixture in
            let before = try await fixture.store.tenants.get(fixture.demo).calendar
            try await fixture.application().test(.router) { client in
                let admin = try await client.login(.demoAdmin)
                let (status, error) = try await client.send(.put, "/api/v1/config/calendar", cookie: admin, body: ["calendar": bad.days])
                #expect(status == .badRequest)
                #expect(error["error"]["field"].string == bad.field)
                #expect(error["error"]["message"].string?.contains(bad.says) == true, "\(error["error"]["message"].string ?? "")")
                #expect(try await fixture.store.tenants.get(fixture.demo).calendar == before)
            }
        }
    }

    @Test("another tenant's admin gets 404 for the demo queue's hours, and a supervisor may read but not change them")
    func crossTenant() async throws {
        try await ServerFixture.with { fixture in
            let queue = try #require(try await fixture.store.queues.list(fixture.demo).first)
            let path = "/api/v1/config/queues/\(queue.id.rawValue)/hours"
            try await fixture.application().test(.router) { client in
                let body: [String: Any] = ["business_hours": [["days": ["sun"], "start": "00:00", "end": "01:00"]]]
                let beta = try await client.login(.betaAdmin)
                #expect(try await client.send(.get, path, cookie: beta).0 == .notFound)
                #expect(try await client.send(.put, path, cookie: beta, body: body).0 == .notFound)
                let supervisor = try await client.login(.demoSupervisor)
                #expect(try await client.send(.get, path, cookie: supervisor).0 == .ok)
                #expect(try await client.send(.put, path, cookie: supervisor, body: body).0 == .forbidden)
                #expect(try await client.send(.put, "/api/v1/config/calendar", cookie: supervisor, body: ["calendar": [Any]()]).0 == .forbidden)
                let platform = try await client.login(.platformOperator)
                #expect(try await client.send(.get, "/api/v1/config/calendar", cookie: platform).0 == .forbidden)
                #expect(try await fixture.store.queues.get(fixture.demo, queue.id).businessHours == queue.businessHours)
            }
        }
    }
}
