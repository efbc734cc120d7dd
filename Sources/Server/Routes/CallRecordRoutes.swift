// Call detail records (话单): the list with filters and paging, and one record with its legs.
// Agents see only their own calls, with customer numbers masked by the tenant's policy; team
// leads and partner managers the calls their scope's agents handled (404 for others). The
// list filters by team, site, partner and region; the report counts calls per group.

import Foundation
import Hummingbird
import Store

/// `GET /api/v1/cdrs`, `GET /api/v1/cdrs/{id}`, `GET /api/v1/reports/calls`.
struct CallRecordRoutes {
    let services: ServerServices

    struct Page: Encodable, Sendable {
        var items: [CallRecordBody]
        var nextCursor: String?
    }

    /// One group of the call report.
    struct GroupBody: Encodable, Sendable {
        var key: String?
        var name: String
        var calls, answered, abandoned: Int
        /// Answered over calls, 0...1.
        var answerRate: Double?
        var talkSeconds: Int
    }

    struct Report: Encodable, Sendable {
        var groupBy: String
        var from: Date?
        var to: Date?
        var groups: [GroupBody]
    }

    func register(on routes: APIRouteRecorder) {
        routes.add(.get, "/api/v1/cdrs") { request, context in
            let principal = try context.require(.readCallRecords)
            let tenant = try principal.requireTenant()
            let (filter, limit, cursor, _) = try await scopedQuery(request, principal: principal, tenant: tenant, grouped: false)
            guard let filter else { return JSONResponse(Page(items: [], nextCursor: nil)) }
            let page = try await services.store.callDetailRecords.list(tenant, filter: filter, limit: limit, cursor: cursor)
            let masking = try await masking(for: principal, tenant: tenant)
            return JSONResponse(Page(items: page.records.map { CallRecordBody($0, masking: masking) }, nextCursor: page.nextCursor))
        }
        routes.add(.get, "/api/v1/cdrs/{id}") { _, context in
            let principal = try context.require(.readCallRecords)
            let tenant = try principal.requireTenant()
            let id = try context.pathParameter("id")
            let record = try await services.store.callDetailRecords.get(tenant, CallDetailRecordID(rawValue: id))
            guard Self.reaches(principal, record) else { throw APIError.notFound("call record", id) }
            return JSONResponse(CallRecordBody(record, masking: try await masking(for: principal, tenant: tenant)))
        }
        routes.add(.get, "/api/v1/reports/calls") { request, context in
            let principal = try context.require(.readCallRecords)
            let tenant = try principal.requireTenant()
            guard request.uri.queryParameters.get("group_by") != nil else {
                throw APIError.invalid("group_by", "is required: one of \(OrganizationFilter.Dimension.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let (filter, _, _, organization) = try await scopedQuery(request, principal: principal, tenant: tenant, grouped: true)
            let dimension = organization.groupBy ?? .team
            var groups: [CallDetailRecordGroup] = []
            if let filter {
                groups = try await services.store.callDetailRecords.grouped(
                    tenant, filter: filter, by: CallDetailRecordGrouping(rawValue: dimension.rawValue) ?? .team)
            }
            return JSONResponse(Report(
                groupBy: dimension.rawValue, from: filter?.from, to: filter?.to,
                groups: groups.map { group in
                    GroupBody(key: group.key, name: group.key.map { organization.name(of: $0, by: dimension) } ?? "",
                              calls: group.calls, answered: group.answered, abandoned: group.abandoned,
                              answerRate: group.calls > 0 ? Double(group.answered) / Double(group.calls) : nil,
                              talkSeconds: group.talkSeconds)
                }))
        }
    }

    /// Whether the caller may read `record`: an agent their own calls, a scoped supervisor or
    /// partner manager the calls of their scope, everyone else with the permission any.
    static func reaches(_ principal: Principal, _ record: CallDetailRecord) -> Bool {
        if principal.supervises { return principal.agentScope.contains(record) }
        if principal.roles.contains(.agent), !principal.roles.contains(.qaInspector) {
            return record.agentID != nil && record.agentID == principal.agentID
        }
        return true
    }

    /// The list's filter with the caller's limits applied (`nil`: the caller's scope leaves
    /// nothing to list), its page size, cursor, and the organization filter.
    private func scopedQuery(
        _ request: Request, principal: Principal, tenant: TenantID, grouped: Bool
    ) async throws -> (CallDetailRecordFilter?, Int, String?, OrganizationFilter) {
        var own: [String: String] = [:]
        var organizational: [String: String] = [:]
        for (name, value) in request.uri.queryParameters {
            if OrganizationFilter.parameterNames.contains(String(name)) {
                organizational[String(name)] = String(value)
            } else {
                own[String(name)] = String(value)
            }
        }
        if !grouped, organizational["group_by"] != nil {
            throw APIError.invalid("group_by", "the list is not grouped; ask GET /api/v1/reports/calls?group_by=… for counts per group")
        }
        let (asked, limit, cursor) = try Self.query(own, grouped: grouped)
        var filter = asked
        let organization = try await OrganizationFilter.parse(organizational, store: services.store, tenant: tenant, groupable: grouped)
        filter = organization.applied(to: filter)
        if principal.supervises {
            let scope = principal.agentScope
            if let teams = scope.teams {
                if let team = filter.teamID, !teams.contains(team.rawValue) { return (nil, limit, cursor, organization) }
                filter.teamIDs = Set(teams.map { TeamID(rawValue: $0) })
                filter.includingUnhandled = scope.seesWaitingCalls && !organization.isFiltering
            }
            if let partner = scope.partner {
                if let asked = filter.partnerID, asked.rawValue != partner { return (nil, limit, cursor, organization) }
                filter.partnerID = PartnerID(rawValue: partner)
            }
        } else if principal.roles.contains(.agent), !principal.roles.contains(.qaInspector) {
            guard let own = principal.agentID else { throw APIError.forbidden("this user is linked to no agent") }
            if let asked = filter.agentID, asked != own { throw APIError.forbidden("an agent sees only their own calls") }
            filter.agentID = own
        }
        return (filter, limit, cursor, organization)
    }

    /// The policy numbers are shown under: the tenant's for agents, `nil` (in full) for everyone else.
    private func masking(for principal: Principal, tenant: TenantID) async throws -> MaskingPolicy? {
        guard principal.seesMaskedNumbers else { return nil }
        return try await services.store.tenants.get(tenant).maskingPolicy
    }

    /// The filter, page size and cursor from the query string (less the organization
    /// parameters), each checked; a report (`grouped`) takes no page size or cursor.
    static func query(_ parameters: [String: String], grouped: Bool = false) throws -> (CallDetailRecordFilter, Int, String?) {
        var filter = CallDetailRecordFilter()
        var known: Set<String> = ["from", "to", "number", "agent", "queue", "disposition"]
        if !grouped { known.formUnion(["limit", "cursor"]) }
        for name in parameters.keys.sorted() where !known.contains(name) {
            let all = known.union(OrganizationFilter.parameterNames).subtracting(grouped ? [] : ["group_by"])
            throw APIError.invalid(name, "is not a filter of this list (use \(all.sorted().joined(separator: ", ")))")
        }
        filter.from = try date(parameters, "from")
        filter.to = try date(parameters, "to")
        if let from = filter.from, let to = filter.to, to <= from { throw APIError.invalid("to", "must be after 'from'") }
        if let number = parameters["number"] {
            guard !number.isEmpty, number.count <= 32, number.allSatisfy({ $0.isNumber || $0 == "+" }) else {
                throw APIError.invalid("number", "must be a phone number of up to 32 digits")
            }
            filter.number = number
        }
        filter.agentID = parameters["agent"].map { AgentID(rawValue: $0) }
        filter.queueID = parameters["queue"].map { QueueID(rawValue: $0) }
        if let disposition = parameters["disposition"] {
            guard let value = CallDisposition(rawValue: disposition) else {
                throw APIError.invalid("disposition", "must be one of \(CallDisposition.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            filter.disposition = value
        }
        var limit = 50
        if let text = parameters["limit"] {
            guard let value = Int(text), (1...200).contains(value) else { throw APIError.invalid("limit", "must be a whole number from 1 to 200") }
            limit = value
        }
        return (filter, limit, parameters["cursor"])
    }

    static func date(_ parameters: [String: String], _ name: String) throws -> Date? {
        guard let text = parameters[name] else { return nil }
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
