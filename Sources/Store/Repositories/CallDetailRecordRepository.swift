// CDRs: appended once per call with their legs (and recording) in one transaction; never
// updated; listed with filters and keyset paging for the API and reports.
import Foundation
import SQLKit

/// A tenant's call detail records. Append-only: there is no update; only retention
/// (``RetentionRepository``) removes records.
public struct CallDetailRecordRepository: Sendable {
    let context: DatabaseContext

    /// Rows per INSERT statement in batches. Smaller statements measured faster than one
    /// statement per 100-CDR batch on both databases (StoreBenchmarks, 100 per transaction).
    private static let rowsPerStatement = 20

    /// Writes one call's record, its legs and (when given) its recording, in one transaction.
    @discardableResult
    public func append(_ tenant: TenantID, _ record: CallDetailRecord, recording: Recording? = nil) async throws -> CallDetailRecordID {
        try Self.validate(record)
        if let recording { try RecordingRepository.validate(recording) }
        try await context.write("writing the CDR of call \(record.callID)") { db in
            try await insert([(tenant, record)], on: db)
            if let recording { try await RecordingRepository.insert(tenant, recording, context: context, on: db) }
        }
        return record.id
    }

    /// Writes many records (any tenants) in one transaction, with multi-row inserts: the
    /// fast path for a CDR writer that flushes every few milliseconds. All or none commit.
    public func appendBatch(_ entries: [(tenant: TenantID, record: CallDetailRecord)]) async throws {
        try IssueCollector.validateEach(entries) { try Self.validate($0.record) }
        guard !entries.isEmpty else { return }
        try await context.write("writing \(entries.count) CDRs") { db in
            try await insert(entries.map { ($0.tenant, $0.record) }, on: db)
        }
    }

    /// One record with its legs, or ``StoreError/notFound(kind:key:)``.
    public func get(_ tenant: TenantID, _ id: CallDetailRecordID) async throws -> CallDetailRecord {
        try await context.read("reading CDR \(id)") { db in
            guard let row = try await db.select().column("*").from("call_detail_records")
                .where("tenant_id", .equal, SQLBind(tenant.rawValue)).where("id", .equal, SQLBind(id.rawValue)).first()
            else { throw StoreError.notFound(kind: "call detail record", key: id.rawValue) }
            return try await withLegs(tenant, [try Self.record(row)], on: db)[0]
        }
    }

    /// The record of a call by the platform's call id, if written.
    public func find(_ tenant: TenantID, callID: String) async throws -> CallDetailRecord? {
        try await context.read("finding the CDR of call \(callID)") { db in
            guard let row = try await db.select().column("*").from("call_detail_records")
                .where("tenant_id", .equal, SQLBind(tenant.rawValue)).where("call_id", .equal, SQLBind(callID)).first()
            else { return nil }
            return try await withLegs(tenant, [try Self.record(row)], on: db).first
        }
    }

    /// A page of the tenant's records matching `filter`, newest first (with legs).
    /// Pass the returned `nextCursor` back for the next page.
    public func list(_ tenant: TenantID, filter: CallDetailRecordFilter = .init(), limit: Int = 50, cursor: String? = nil) async throws -> CallDetailRecordPage {
        guard (1...1_000).contains(limit) else { throw StoreError.invalid("limit", String(limit), "must be between 1 and 1000") }
        let after = try cursor.map(Self.parseCursor)
        return try await context.read("listing CDRs") { db in
            var query = Self.filtered(db.select().column("*").from("call_detail_records"), tenant, filter)
            if let after {
                query = query.where { group in
                    group.where("arrived_at", .lessThan, SQLBind(after.arrived))
                        .orWhere { inner in
                            inner.where("arrived_at", .equal, SQLBind(after.arrived)).where("id", .lessThan, SQLBind(after.id))
                        }
                }
            }
            let rows = try await query.orderBy("arrived_at", .descending).orderBy("id", .descending).limit(limit + 1).all()
            var records = try rows.prefix(limit).map(Self.record)
            records = try await withLegs(tenant, records, on: db)
            let next = rows.count > limit ? records.last.map { "\($0.arrivedAt.millisecondsSince1970).\($0.id.rawValue)" } : nil
            return CallDetailRecordPage(records: records, nextCursor: next)
        }
    }

    /// How many of the tenant's records match `filter`.
    public func count(_ tenant: TenantID, filter: CallDetailRecordFilter = .init()) async throws -> Int {
        try await context.read("counting CDRs") { db in
            let row = try await Self.filtered(db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
                .from("call_detail_records"), tenant, filter).first()
            return try row?.int("n") ?? 0
        }
    }

    /// Counts of the tenant's records matching `filter`, grouped by team, site, partner or
    /// region (the organization the call was handled in), largest group first.
    public func grouped(_ tenant: TenantID, filter: CallDetailRecordFilter = .init(), by grouping: CallDetailRecordGrouping) async throws -> [CallDetailRecordGroup] {
        let key: any SQLExpression = switch grouping {
        case .team: SQLIdentifier("team_id")
        case .site: SQLIdentifier("site_id")
        case .partner: SQLIdentifier("partner_id")
        case .region: SQLGroupExpression(SQLRaw("SELECT s.region FROM sites s WHERE s.id = call_detail_records.site_id"))
        }
        return try await context.read("grouping CDRs by \(grouping.rawValue)") { db in
            // PostgreSQL sums BIGINTs as NUMERIC: cast back so both databases return integers.
            let answered = SQLRaw("CAST(SUM(CASE WHEN disposition = 'answered' THEN 1 ELSE 0 END) AS BIGINT)")
            let abandoned = SQLRaw("CAST(SUM(CASE WHEN disposition = 'abandoned' THEN 1 ELSE 0 END) AS BIGINT)")
            let talk = SQLRaw("CAST(SUM(CASE WHEN answered_at IS NULL THEN 0 ELSE ended_at - answered_at END) AS BIGINT)")
            let rows = try await Self.filtered(db.select()
                .column(SQLAlias(key, as: SQLIdentifier("group_key")))
                .column(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: SQLIdentifier("calls")))
                .column(SQLAlias(answered, as: SQLIdentifier("answered")))
                .column(SQLAlias(abandoned, as: SQLIdentifier("abandoned")))
                .column(SQLAlias(talk, as: SQLIdentifier("talk_ms")))
                .from("call_detail_records"), tenant, filter)
                .groupBy(key).all()
            return try rows.map { row in
                CallDetailRecordGroup(
                    key: try row.optionalString("group_key"), calls: try row.int("calls"), answered: try row.int("answered"),
                    abandoned: try row.int("abandoned"), talkSeconds: try row.int("talk_ms") / 1000)
            }.sorted { ($0.calls, $1.key ?? "") > ($1.calls, $0.key ?? "") }
        }
    }

    // MARK: Validation

    static func validate(_ record: CallDetailRecord) throws {
        var issues = IssueCollector()
        if record.callID.isEmpty || record.callID.count > 200 { issues.add("call_id", record.callID, "must be 1-200 characters") }
        if record.endedAt < record.arrivedAt {
            issues.add("ended_at", iso(record.endedAt), "is before arrived_at \(iso(record.arrivedAt))")
        }
        let steps: [(String, Date?)] = [("ivr_started_at", record.ivrStartedAt), ("enqueued_at", record.enqueuedAt),
                                        ("offered_at", record.offeredAt), ("answered_at", record.answeredAt)]
        for (field, time) in steps {
            if let time, time < record.arrivedAt || time > record.endedAt {
                issues.add(field, iso(time), "must lie between arrived_at and ended_at")
            }
        }
        if let score = record.surveyScore, let reason = Validate.within(score, 0...10) { issues.add("survey_score", String(score), reason) }
        if let reason = Validate.within(record.forwardCount, 0...10) { issues.add("forward_count", String(record.forwardCount), reason) }
        if record.disposition == .answered && (record.answeredAt == nil || record.agentID == nil) {
            issues.add("disposition", "answered", "an answered call needs answered_at and agent")
        }
        for duplicate in Validate.duplicates(record.legs.map(\.sequence)) {
            issues.add("legs", String(duplicate), "two legs have sequence \(duplicate)")
        }
        for (index, leg) in record.legs.enumerated() {
            if leg.endedAt < leg.startedAt { issues.add("legs[\(index)].ended_at", iso(leg.endedAt), "is before started_at") }
            if let answered = leg.answeredAt, answered < leg.startedAt || answered > leg.endedAt {
                issues.add("legs[\(index)].answered_at", iso(answered), "must lie between started_at and ended_at")
            }
            if leg.outcome == .answered && leg.answeredAt == nil {
                issues.add("legs[\(index)].answered_at", nil, "an answered leg needs answered_at")
            }
            if leg.holdCount < 0 || leg.holdMilliseconds < 0 { issues.add("legs[\(index)].hold", nil, "must not be negative") }
        }
        try issues.throwIfAny()
    }

    private static func iso(_ date: Date) -> String {
        date.formatted(.iso8601)
    }

    // MARK: Rows

    private func insert(_ entries: [(TenantID, CallDetailRecord)], on db: any SQLDatabase) async throws {
        let now = context.nowMilliseconds
        do {
            for chunk in stride(from: 0, to: entries.count, by: Self.rowsPerStatement).map({ entries[$0..<min($0 + Self.rowsPerStatement, entries.count)] }) {
                var insert = db.insert(into: "call_detail_records").columns(
                    "id", "tenant_id", "call_id", "direction", "caller_number", "caller_hidden", "called_number",
                    "access_number_id", "arrived_at", "ivr_started_at", "enqueued_at", "offered_at", "answered_at",
                    "ended_at", "queue_id", "agent_id", "agent_work_number", "team_id", "site_id", "partner_id",
                    "hung_up_by", "disposition", "survey_score", "recording_id", "forward_count", "diversion",
                    "call_data", "trace_id", "created_at")
                for (tenant, record) in chunk {
                    insert = insert.values(Self.values(tenant, record, createdAt: now))
                }
                try await insert.run()
            }
            let legs = entries.flatMap { tenant, record in record.legs.map { (tenant, record.id, $0) } }
            for chunk in stride(from: 0, to: legs.count, by: Self.rowsPerStatement).map({ legs[$0..<min($0 + Self.rowsPerStatement, legs.count)] }) {
                var insert = db.insert(into: "call_legs").columns(
                    "id", "tenant_id", "cdr_id", "seq", "kind", "agent_id", "number", "trunk_id", "sip_call_id",
                    "started_at", "answered_at", "ended_at", "outcome", "sip_status", "hold_count", "hold_ms")
                for (tenant, cdr, leg) in chunk {
                    insert = insert.values([
                        SQLBind(leg.id.rawValue), SQLBind(tenant.rawValue), SQLBind(cdr.rawValue), SQLBind(leg.sequence),
                        SQLBind(leg.kind.rawValue), bindOrNull(leg.agentID?.rawValue), bindOrNull(leg.number),
                        bindOrNull(leg.trunkID?.rawValue), bindOrNull(leg.sipCallID),
                        SQLBind(leg.startedAt.millisecondsSince1970), bindOrNull(leg.answeredAt.milliseconds),
                        SQLBind(leg.endedAt.millisecondsSince1970), SQLBind(leg.outcome.rawValue), bindOrNull(leg.sipStatus),
                        SQLBind(leg.holdCount), SQLBind(leg.holdMilliseconds),
                    ])
                }
                try await insert.run()
            }
        } catch {
            let mapped = DatabaseContext.mapped(error, operation: "writing CDRs")
            if let store = mapped as? StoreError, case .invalidInput(let issues) = store,
               issues.contains(where: { $0.reason.contains("call_id") || $0.reason.contains("call_detail_records") }) {
                let ids = entries.map(\.1.callID).prefix(3).joined(separator: ", ")
                throw StoreError.invalid("call_id", ids, "a CDR for this call is already recorded; CDRs are append-only")
            }
            throw mapped
        }
    }

    private static func values(_ tenant: TenantID, _ record: CallDetailRecord, createdAt: Int64) -> [any SQLExpression] {
        let diversions = JSONValue.array(record.diversions.map { entry in
            var object: [String: JSONValue] = ["number": .string(entry.number), "source": .string(entry.source.rawValue)]
            if let reason = entry.reason { object["reason"] = .string(reason) }
            return .object(object)
        }).canonicalText
        let data = JSONValue.object(record.callData.mapValues(JSONValue.string)).canonicalText
        return [
            SQLBind(record.id.rawValue), SQLBind(tenant.rawValue), SQLBind(record.callID), SQLBind(record.direction.rawValue),
            SQLBind(record.callerNumber), SQLBind(record.callerHidden), SQLBind(record.calledNumber),
            bindOrNull(record.accessNumberID?.rawValue), SQLBind(record.arrivedAt.millisecondsSince1970),
            bindOrNull(record.ivrStartedAt.milliseconds), bindOrNull(record.enqueuedAt.milliseconds),
            bindOrNull(record.offeredAt.milliseconds), bindOrNull(record.answeredAt.milliseconds),
            SQLBind(record.endedAt.millisecondsSince1970), bindOrNull(record.queueID?.rawValue),
            bindOrNull(record.agentID?.rawValue), bindOrNull(record.agentWorkNumber), bindOrNull(record.teamID?.rawValue),
            bindOrNull(record.siteID?.rawValue), bindOrNull(record.partnerID?.rawValue), SQLBind(record.hungUpBy.rawValue),
            SQLBind(record.disposition.rawValue), bindOrNull(record.surveyScore), bindOrNull(record.recordingID?.rawValue),
            SQLBind(record.forwardCount), SQLBind(diversions), SQLBind(data), bindOrNull(record.traceID), SQLBind(createdAt),
        ]
    }

    private static func filtered(_ query: SQLSelectBuilder, _ tenant: TenantID, _ filter: CallDetailRecordFilter) -> SQLSelectBuilder {
        var query = query.where("tenant_id", .equal, SQLBind(tenant.rawValue))
        if let from = filter.from { query = query.where("arrived_at", .greaterThanOrEqual, SQLBind(from.millisecondsSince1970)) }
        if let to = filter.to { query = query.where("arrived_at", .lessThan, SQLBind(to.millisecondsSince1970)) }
        if let number = filter.number {
            query = query.where { $0.where("caller_number", .equal, SQLBind(number)).orWhere("called_number", .equal, SQLBind(number)) }
        }
        if let agent = filter.agentID { query = query.where("agent_id", .equal, SQLBind(agent.rawValue)) }
        if let queue = filter.queueID { query = query.where("queue_id", .equal, SQLBind(queue.rawValue)) }
        if let disposition = filter.disposition { query = query.where("disposition", .equal, SQLBind(disposition.rawValue)) }
        if let partner = filter.partnerID { query = query.where("partner_id", .equal, SQLBind(partner.rawValue)) }
        if let team = filter.teamID { query = query.where("team_id", .equal, SQLBind(team.rawValue)) }
        if let teams = filter.teamIDs {
            query = query.where { group in
                var group = teams.isEmpty ? group.where(SQLRaw("1 = 0"))
                    : group.where("team_id", .in, SQLBind.group(teams.map(\.rawValue).sorted()))
                if filter.includingUnhandled { group = group.orWhere("agent_id", .is, SQLLiteral.null) }
                return group
            }
        }
        if let site = filter.siteID { query = query.where("site_id", .equal, SQLBind(site.rawValue)) }
        if let region = filter.region {
            query = query.where("site_id", .in, SQLGroupExpression(
                SQLQueryString("SELECT id FROM sites WHERE tenant_id = \(bind: tenant.rawValue) AND region = \(bind: region)")))
        }
        return query
    }

    private static func parseCursor(_ cursor: String) throws -> (arrived: Int64, id: String) {
        let parts = cursor.split(separator: ".", maxSplits: 1)
        guard parts.count == 2, let arrived = Int64(parts[0]), !parts[1].isEmpty else {
            throw StoreError.invalid("cursor", cursor, "is not a cursor this API returned")
        }
        return (arrived, String(parts[1]))
    }

    private func withLegs(_ tenant: TenantID, _ records: [CallDetailRecord], on db: any SQLDatabase) async throws -> [CallDetailRecord] {
        guard !records.isEmpty else { return records }
        let rows = try await db.select().column("*").from("call_legs")
            .where("tenant_id", .equal, SQLBind(tenant.rawValue))
            .where("cdr_id", .in, SQLBind.group(records.map(\.id.rawValue)))
            .orderBy("seq").all()
        var legs: [String: [CallLeg]] = [:]
        for row in rows {
            legs[try row.string("cdr_id"), default: []].append(CallLeg(
                id: try row.id("id"), sequence: try row.int("seq"),
                kind: CallLegKind(rawValue: try row.string("kind")) ?? .customer, agentID: try row.optionalID("agent_id"),
                number: try row.optionalString("number"), trunkID: try row.optionalID("trunk_id"),
                sipCallID: try row.optionalString("sip_call_id"), startedAt: try row.date("started_at"),
                answeredAt: try row.optionalDate("answered_at"), endedAt: try row.date("ended_at"),
                outcome: CallLegOutcome(rawValue: try row.string("outcome")) ?? .failed,
                sipStatus: try row.optionalInt("sip_status"), holdCount: try row.int("hold_count"),
                holdMilliseconds: try row.int("hold_ms")))
        }
        return records.map { record in
            var copy = record
            copy.legs = legs[record.id.rawValue] ?? []
            return copy
        }
    }

    static func record(_ row: any SQLRow) throws -> CallDetailRecord {
        let diversions = ((try? JSONValue(parsing: try row.string("diversion")))?.arrayValue ?? []).compactMap { value -> DiversionEntry? in
            guard let number = value["number"]?.stringValue,
                  let source = value["source"]?.stringValue.flatMap(DiversionEntry.Source.init(rawValue:)) else { return nil }
            return DiversionEntry(number: number, reason: value["reason"]?.stringValue, source: source)
        }
        let data = ((try? JSONValue(parsing: try row.string("call_data")))?.objectValue ?? [:]).compactMapValues(\.stringValue)
        return CallDetailRecord(
            id: try row.id("id"), callID: try row.string("call_id"),
            direction: CallDirection(rawValue: try row.string("direction")) ?? .inbound,
            callerNumber: try row.string("caller_number"), callerHidden: try row.bool("caller_hidden"),
            calledNumber: try row.string("called_number"), accessNumberID: try row.optionalID("access_number_id"),
            arrivedAt: try row.date("arrived_at"), ivrStartedAt: try row.optionalDate("ivr_started_at"),
            enqueuedAt: try row.optionalDate("enqueued_at"), offeredAt: try row.optionalDate("offered_at"),
            answeredAt: try row.optionalDate("answered_at"), endedAt: try row.date("ended_at"),
            queueID: try row.optionalID("queue_id"), agentID: try row.optionalID("agent_id"),
            agentWorkNumber: try row.optionalString("agent_work_number"), teamID: try row.optionalID("team_id"),
            siteID: try row.optionalID("site_id"), partnerID: try row.optionalID("partner_id"),
            hungUpBy: HangupParty(rawValue: try row.string("hung_up_by")) ?? .system,
            disposition: CallDisposition(rawValue: try row.string("disposition")) ?? .failed,
            surveyScore: try row.optionalInt("survey_score"), recordingID: try row.optionalID("recording_id"),
            forwardCount: try row.int("forward_count"), diversions: diversions, callData: data,
            traceID: try row.optionalString("trace_id"), legs: [], createdAt: try row.date("created_at"))
    }
}
