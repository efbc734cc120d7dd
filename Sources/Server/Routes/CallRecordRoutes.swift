// Call detail records (话单): the list with filters and paging, and one record with its legs.
// Agents see only their own calls, with customer numbers masked by the tenant's policy.

import Foundation
import Hummingbird
import Store

/// `GET /api/v1/cdrs`, `GET /api/v1/cdrs/{id}`.
struct CallRecordRoutes {
    let services: ServerServices

    struct Page: Encodable, Sendable {
        var items: [CallRecordBody]
        var nextCursor: String?
    }

    func register(on routes: APIRouteRecorder) {
        routes.add(.get, "/api/v1/cdrs") { request, context in
            let principal = try context.require(.readCallRecords)
            let tenant = try principal.requireTenant()
            var (filter, limit, cursor) = try Self.query(request.uri.queryParameters)
            if !principal.seesWholeTenant, principal.roles.contains(.agent), !principal.roles.contains(.qaInspector) {
                guard let own = principal.agentID else { throw APIError.forbidden("this user is linked to no agent") }
                if let asked = filter.agentID, asked != own { throw APIError.forbidden("an agent sees only their own calls") }
                filter.agentID = own
            }
            let page = try await services.store.callDetailRecords.list(tenant, filter: filter, limit: limit, cursor: cursor)
            let masking = try await masking(for: principal, tenant: tenant)
            return JSONResponse(Page(items: page.records.map { CallRecordBody($0, masking: masking) }, nextCursor: page.nextCursor))
        }
        routes.add(.get, "/api/v1/cdrs/{id}") { _, context in
            let principal = try context.require(.readCallRecords)
            let tenant = try principal.requireTenant()
            let id = try context.pathParameter("id")
            let record = try await services.store.callDetailRecords.get(tenant, CallDetailRecordID(rawValue: id))
            if !principal.seesWholeTenant, principal.roles.contains(.agent), !principal.roles.contains(.qaInspector),
               record.agentID == nil || record.agentID != principal.agentID {
                throw APIError.notFound("call record", id)
            }
            return JSONResponse(CallRecordBody(record, masking: try await masking(for: principal, tenant: tenant)))
        }
    }

    /// The policy numbers are shown under: the tenant's for agents, `nil` (in full) for everyone else.
    private func masking(for principal: Principal, tenant: TenantID) async throws -> MaskingPolicy? {
        guard principal.seesMaskedNumbers else { return nil }
        return try await services.store.tenants.get(tenant).maskingPolicy
    }

    /// The filter, page size and cursor from the query string, each checked.
    static func query(_ parameters: Parameters) throws -> (CallDetailRecordFilter, Int, String?) {
        var filter = CallDetailRecordFilter()
        let known: Set<String> = ["from", "to", "number", "agent", "queue", "disposition", "limit", "cursor"]
        for (name, _) in parameters where !known.contains(String(name)) {
            throw APIError.invalid(String(name), "is not a filter of this list (use \(known.sorted().joined(separator: ", ")))")
        }
        filter.from = try date(parameters, "from")
        filter.to = try date(parameters, "to")
        if let from = filter.from, let to = filter.to, to <= from { throw APIError.invalid("to", "must be after 'from'") }
        if let number = parameters.get("number") {
            guard !number.isEmpty, number.count <= 32, number.allSatisfy({ $0.isNumber || $0 == "+" }) else {
                throw APIError.invalid("number", "must be a phone number of up to 32 digits")
            }
            filter.number = number
        }
        filter.agentID = parameters.get("agent").map { AgentID(rawValue: $0) }
        filter.queueID = parameters.get("queue").map { QueueID(rawValue: $0) }
        if let disposition = parameters.get("disposition") {
            guard let value = CallDisposition(rawValue: disposition) else {
                throw APIError.invalid("disposition", "must be one of \(CallDisposition.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            filter.disposition = value
        }
        var limit = 50
        if let text = parameters.get("limit") {
            guard let value = Int(text), (1...200).contains(value) else { throw APIError.invalid("limit", "must be a whole number from 1 to 200") }
            limit = value
        }
        return (filter, limit, parameters.get("cursor"))
    }

    static func date(_ parameters: Parameters, _ name: String) throws -> Date? {
        guard let text = parameters.get(name) else { return nil }
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        throw APIError.invalid(name, "must be an ISO 8601 time such as 2026-11-21T08:00:00Z")
    }
}

/// A CDR as the API shows it.
struct CallRecordBody: Encodable, Sendable {
    struct Leg: Encodable, Sendable {
        var kind: String
        var agentId: String?
        var number: String?
        var startedAt: Date
        var answeredAt: Date?
        var endedAt: Date
        var outcome: String
        var holdCount: Int
        var holdSeconds: Double
    }

    var id: String
    var callId: String
    var direction: String
    var caller: String
    var called: String
    var arrivedAt: Date
    var answeredAt: Date?
    var endedAt: Date
    var queueId: String?
    var agentId: String?
    var agentWorkNumber: String?
    var disposition: String
    var hungUpBy: String
    var recordingId: String?
    var callData: [String: String]
    var legs: [Leg]

    /// The record shown under `masking` (an agent's view; a caller who asked for privacy is
    /// hidden entirely), or in full when `masking` is `nil`.
    init(_ record: CallDetailRecord, masking: MaskingPolicy?) {
        let shown: (String) -> String = { number in masking.map { $0.mask(number) } ?? number }
        id = record.id.rawValue
        callId = record.callID
        direction = record.direction.rawValue
        caller = record.callerHidden && masking != nil ? MaskingPolicy.full.mask(record.callerNumber) : shown(record.callerNumber)
        called = record.calledNumber
        arrivedAt = record.arrivedAt
        answeredAt = record.answeredAt
        endedAt = record.endedAt
        queueId = record.queueID?.rawValue
        agentId = record.agentID?.rawValue
        agentWorkNumber = record.agentWorkNumber
        disposition = record.disposition.rawValue
        hungUpBy = record.hungUpBy.rawValue
        recordingId = record.recordingID?.rawValue
        callData = record.callData
        legs = record.legs.map { leg in
            Leg(kind: leg.kind.rawValue, agentId: leg.agentID?.rawValue,
                number: leg.kind == .customer ? leg.number.map(shown) : leg.number,
                startedAt: leg.startedAt, answeredAt: leg.answeredAt, endedAt: leg.endedAt, outcome: leg.outcome.rawValue,
                holdCount: leg.holdCount, holdSeconds: Double(leg.holdMilliseconds) / 1000)
        }
    }
}
