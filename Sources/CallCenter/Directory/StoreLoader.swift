// Reads every active tenant's call-path configuration from the store into plain records.

import Foundation
import Store

/// Loads ``TenantRecord``s from the store: one read per aggregate and tenant, at start and
/// on reload, never per call.
struct StoreLoader: Sendable {
    let store: Store

    /// Every tenant's records.
    func loadAll() async throws -> [TenantRecord] {
        var records: [TenantRecord] = []
        for tenant in try await store.tenants.list() where tenant.definition.status == .active {
            records.append(try await load(tenant))
        }
        return records
    }

    private func load(_ tenant: StoredTenant) async throws -> TenantRecord {
        let id = tenant.id
        let definition = tenant.definition
        let encoder = JSONEncoder()
        var flows: [String: Data] = [:]
        var flowIDsByName: [String: String] = [:]
        for flow in try await store.flows.list(id) {
            flowIDsByName[flow.definition.name] = flow.id.rawValue
            if let version = try await store.flows.publishedVersion(id, flow.id) {
                flows[flow.id.rawValue] = try encoder.encode(version.document)
            }
        }
        let numbers = try await store.accessNumbers.list(id).filter(\.definition.inbound).map { number in
            AccessNumberRecord(
                id: number.id.rawValue, number: number.definition.number, outbound: number.definition.outbound,
                flowID: number.definition.flowID?.rawValue,
                rules: Self.isEmpty(number.definition.rules) ? nil : try encoder.encode(number.definition.rules))
        }
        let queues = try await store.queues.list(id).map { queue in
            let q = queue.definition
            return QueueRecord(
                id: queue.id.rawValue, name: q.name, displayName: q.displayName, strategy: q.strategy.rawValue,
                priority: q.priority, serviceLevelSeconds: q.serviceLevelSeconds, wrapUpSeconds: q.wrapUpSeconds,
                maxWaitSeconds: q.maxWaitSeconds, maxWaiting: q.maxWaiting, overflowQueueID: q.overflowQueueID?.rawValue,
                announceIntervalSeconds: q.announceIntervalSeconds, callbackEnabled: q.callbackEnabled,
                skills: q.skills.map { ($0.skillID.rawValue, $0.minimumLevel) },
                businessHours: q.businessHours.map { ($0.days.map(\.rawValue), $0.start, $0.end) },
                surveyFlow: q.surveyFlow, surveyFlowID: q.surveyFlow.flatMap { flowIDsByName[$0] })
        }
        let teams = Dictionary(try await store.organization.teams(id).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let regions = Dictionary(try await store.organization.sites(id).map { ($0.id, $0.region) }, uniquingKeysWith: { first, _ in first })
        let agents = try await store.agents.list(id).filter { $0.definition.status == .active }.map { agent in
            let a = agent.definition
            let team = a.teamID.flatMap { teams[$0] }
            let site = a.siteID ?? team?.siteID
            return AgentRecord(
                id: agent.id.rawValue, workNumber: a.workNumber, name: a.displayName, extensionNumber: a.extensionNumber,
                pcPhoneNumber: a.pcPhoneNumber, autoAnswer: a.autoAnswer, voiceCapacity: a.capacity.voice,
                teamID: a.teamID?.rawValue, siteID: site?.rawValue, partnerID: (a.partnerID ?? team?.partnerID)?.rawValue,
                region: site.flatMap { regions[$0] }.flatMap { $0.isEmpty ? nil : $0 },
                skills: a.skills.map { ($0.skillID.rawValue, $0.level) }, queues: a.queues.map { ($0.queueID.rawValue, $0.tier) })
        }
        let trunks = try await store.trunks.usable(by: id).filter(\.definition.outbound).map { trunk in
            let t = trunk.definition
            return TrunkRecord(
                id: trunk.id.rawValue, name: t.name, transport: t.transport.rawValue,
                addresses: t.addresses.map { ($0.host, $0.port) },
                credentials: t.credentials.map { ($0.username, $0.realm, $0.md5) }, allowedPrefixes: t.allowedPrefixes)
        }
        let inboundTrunks = try await store.trunks.usable(by: id).filter(\.definition.inbound).map { trunk in
            InboundTrunkRecord(
                name: trunk.definition.name, transport: trunk.definition.transport.rawValue,
                addresses: trunk.definition.addresses.map { ($0.host, $0.port) }, trusted: trunk.definition.trusted)
        }
        let callerIDs = try await store.accessNumbers.outboundCallerIDs(id)
        let reasons = try await store.notReadyReasons.list(id).filter(\.definition.active).map { reason in
            let r = reason.definition
            return NotReadyReasonRecord(
                code: r.code, name: r.name, maxDurationSeconds: r.maxDurationSeconds, maxPerShift: r.maxPerShift,
                maxConcurrentPerTeam: r.maxConcurrentPerTeam)
        }
        var skills: [String: String] = [:]
        for skill in try await store.skills.list(id) { skills[skill.id.rawValue] = skill.definition.name }
        var record = TenantRecord(
            id: id.rawValue, code: definition.code, sipDomain: definition.sipDomain, timeZone: definition.timeZone,
            calendarDays: definition.calendar.map { ($0.date, $0.name, $0.kind == .workday) },
            ivrPorts: definition.quotas.ivrPorts, seats: definition.quotas.seats,
            numbers: numbers, queues: queues, agents: agents, skills: skills, flows: flows,
            trunks: trunks, inboundTrunks: inboundTrunks, outboundCallerIDs: callerIDs, notReadyReasons: reasons)
        record.callLimits = TenantCallLimits(
            maxConcurrentCalls: definition.quotas.maxConcurrentCalls, maxCallsPerSecond: definition.quotas.maxCallsPerSecond)
        return record
    }

    /// Whether a stored rule set is absent (null or `{}`).
    static func isEmpty(_ rules: StoredJSON) -> Bool {
        switch rules {
        case .null: true
        case .object(let members): members.isEmpty
        default: false
        }
    }
}
