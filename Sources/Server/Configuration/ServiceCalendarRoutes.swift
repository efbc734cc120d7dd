// When a tenant serves: each queue's weekly service hours and the tenant's holiday calendar
// with its make-up working days (调休). Read by supervisors and admins, replaced whole by
// admins; a bad time, an overlap or a bad date is a 400 naming the entry, and a change is
// audited and reaches the call path on the next call through the call center's reload.

import Foundation
import Hummingbird
import Store

/// `/api/v1/config/queues/{id}/hours` and `/api/v1/config/calendar`.
struct ServiceCalendarRoutes {
    let services: ServerServices

    /// One opening window: days of the week and a time range (`24:00` ends at midnight).
    struct Window: Codable, Sendable {
        var days: [String]?
        var start: String?
        var end: String?
    }

    /// `{"business_hours": [...]}`; an empty list means always open.
    struct HoursInput: Decodable {
        var businessHours: [Window]?
    }

    struct HoursOutput: Encodable, Sendable {
        var queueId, queueName: String
        var businessHours: [Window]
        /// Whether the list is empty (the queue never closes).
        var alwaysOpen: Bool
    }

    /// One special day: a holiday, or a make-up working day (`workday`, 调休上班) on a weekend.
    struct Day: Codable, Sendable {
        var date: String?
        var kind: String?
        var name: String?
    }

    /// `{"calendar": [...]}`, the whole calendar.
    struct CalendarInput: Decodable {
        var calendar: [Day]?
    }

    struct CalendarOutput: Encodable, Sendable {
        /// The zone the dates and hours are in.
        var timeZone: String
        var calendar: [Day]
    }

    func register(on routes: APIRouteRecorder) {
        let queues = services.store.queues
        routes.add(.get, "/api/v1/config/queues/{id}/hours") { _, context in
            let tenant = try context.require(.readConfiguration).requireTenant()
            return JSONResponse(Self.hours(try await queues.get(tenant, QueueID(rawValue: try context.pathParameter("id")))))
        }
        routes.add(.put, "/api/v1/config/queues/{id}/hours") { request, context in
            let principal = try context.require(.configure)
            let tenant = try principal.requireTenant()
            let id = QueueID(rawValue: try context.pathParameter("id"))
            var definition = try await queues.get(tenant, id).definition
            let input = try await request.decodeJSON(as: HoursInput.self, context: context)
            guard let windows = input.businessHours else { throw APIError.invalid("business_hours", "is required ([] for always open)") }
            definition.businessHours = try Self.windows(windows)
            let queue = try await queues.update(tenant, id, definition)
            try await services.configurationChanged(
                context, by: principal, scope: .tenant(tenant), action: "queue.hours", kind: "queue", id: id.rawValue,
                detail: ["business_hours": Self.hours(queue).businessHours.map(Self.text).joined(separator: "; ")])
            return JSONResponse(Self.hours(queue))
        }
        routes.add(.get, "/api/v1/config/calendar") { _, context in
            let tenant = try context.require(.readConfiguration).requireTenant()
            return JSONResponse(Self.calendar(try await services.store.tenants.get(tenant)))
        }
        routes.add(.put, "/api/v1/config/calendar") { request, context in
            let principal = try context.require(.configure)
            let tenant = try principal.requireTenant()
            let input = try await request.decodeJSON(as: CalendarInput.self, context: context)
            guard let days = input.calendar else { throw APIError.invalid("calendar", "is required ([] for no special days)") }
            var definition = try await services.store.tenants.get(tenant).definition
            definition.calendar = try Self.days(days)
            let updated = try await services.store.tenants.update(tenant, definition)
            let holidays = updated.calendar.filter { $0.kind == .holiday }.count
            try await services.configurationChanged(
                context, by: principal, scope: .tenant(tenant), action: "calendar.update", kind: "tenant", id: tenant.rawValue,
                detail: ["holidays": "\(holidays)", "workdays": "\(updated.calendar.count - holidays)"])
            return JSONResponse(Self.calendar(updated))
        }
    }

    // MARK: Reading the bodies

    /// The windows as the store keeps them; missing parts and unknown days name their entry.
    /// Times and overlaps are checked by the store, which names the same fields.
    static func windows(_ windows: [Window]) throws -> [BusinessHoursWindow] {
        guard windows.count <= 50 else { throw APIError.invalid("business_hours", "at most 50 windows") }
        return try windows.enumerated().map { index, window in
            let field = "business_hours[\(index)]"
            guard let days = window.days else { throw APIError.invalid("\(field).days", "is required (mon, tue, wed, thu, fri, sat, sun)") }
            guard let start = window.start else { throw APIError.invalid("\(field).start", "is required (HH:MM)") }
            guard let end = window.end else { throw APIError.invalid("\(field).end", "is required (HH:MM, 24:00 for midnight)") }
            let parsed = try days.enumerated().map { position, day in try enumField(day, "\(field).days[\(position)]", as: Weekday.self) }
            return BusinessHoursWindow(days: parsed, start: start, end: end)
        }
    }

    /// The calendar as the store keeps it (it reads back sorted by date); a make-up working day must fall on
    /// a weekend (a weekday is a working day already).
    static func days(_ days: [Day]) throws -> [CalendarDay] {
        guard days.count <= 1_000 else { throw APIError.invalid("calendar", "at most 1000 days") }
        let parsed = try days.enumerated().map { index, day in
            let field = "calendar[\(index)]"
            guard let date = day.date else { throw APIError.invalid("\(field).date", "is required (YYYY-MM-DD)") }
            guard let kindText = day.kind else { throw APIError.invalid("\(field).kind", "is required (holiday or workday)") }
            let kind = try enumField(kindText, "\(field).kind", as: CalendarDay.Kind.self)
            guard let name = day.name, !name.isEmpty else { throw APIError.invalid("\(field).name", "is required (国庆节, 国庆调休)") }
            if kind == .workday, let weekday = weekday(of: date), !(weekday == 1 || weekday == 7) {
                throw APIError.invalid("\(field).date", "\(date) is a weekday; a make-up working day (workday) falls on a Saturday or Sunday")
            }
            return CalendarDay(date: date, kind: kind, name: name)
        }
        // The store checks each date and refuses a date listed twice, naming its index.
        return parsed
    }

    /// 1 (Sunday) to 7 (Saturday) for a valid `YYYY-MM-DD`, else nil (the store then says why).
    private static func weekday(of date: String) -> Int? {
        let parts = date.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let components = DateComponents(year: parts[0], month: parts[1], day: parts[2])
        guard components.isValidDate(in: calendar), let day = calendar.date(from: components) else { return nil }
        return calendar.component(.weekday, from: day)
    }

    // MARK: Writing the answers

    static func hours(_ queue: Queue) -> HoursOutput {
        HoursOutput(
            queueId: queue.id.rawValue, queueName: queue.name,
            businessHours: queue.businessHours.map { Window(days: $0.days.map(\.rawValue), start: $0.start, end: $0.end) },
            alwaysOpen: queue.businessHours.isEmpty)
    }

    static func calendar(_ tenant: Tenant) -> CalendarOutput {
        CalendarOutput(timeZone: tenant.timeZone,
                       calendar: tenant.calendar.sorted().map { Day(date: $0.date, kind: $0.kind.rawValue, name: $0.name) })
    }

    private static func text(_ window: Window) -> String {
        "\((window.days ?? []).joined(separator: ",")) \(window.start ?? "")-\(window.end ?? "")"
    }
}
