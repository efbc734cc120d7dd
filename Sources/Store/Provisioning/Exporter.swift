// `kefu export`: the store written back in the provisioning format, secrets as hashes, so
// that provisioning the export changes nothing.
import Foundation

/// Writes tenants (and optionally the platform's own settings, users and shared trunks) as
/// a ``ProvisioningDocument``.
public struct Exporter: Sendable {
    let store: Store
    let dataDirectory: String?

    /// - Parameter dataDirectory: where audio prompts live, so their `file:` entries point
    ///   at real files; without it the paths are written relative to the data directory.
    public init(store: Store, dataDirectory: String? = nil) {
        self.store = store
        self.dataDirectory = dataDirectory
    }

    /// The tenants with these codes, their dedicated trunks, and with `includePlatform` the
    /// approval switch, platform users and shared trunks.
    public func export(tenantCodes: [String], includePlatform: Bool = false) async throws -> ProvisioningDocument {
        var document = ProvisioningDocument(version: 1)
        var tenants: [Tenant] = []
        for code in tenantCodes {
            guard let tenant = try await store.tenants.find(code: code) else {
                throw StoreError.invalid("tenant", code, "no tenant with this code")
            }
            tenants.append(tenant)
        }
        if includePlatform {
            var users: [ProvisioningDocument.UserEntry] = []
            for user in try await store.users.list(.platform) {
                users.append(try await userEntry(user, scope: .platform, agents: [:], partners: [:], teams: [:]))
            }
            document.platform = .init(approvalRequired: try await store.platformSettings.approvalRequired(), users: users)
        }
        var entries: [ProvisioningDocument.TenantEntry] = []
        for tenant in tenants { entries.append(try await tenantEntry(tenant)) }
        document.tenants = entries
        let codes = Dictionary(uniqueKeysWithValues: tenants.map { ($0.id, $0.code) })
        let trunks = try await store.trunks.list().filter { trunk in
            trunk.tenantID.map { codes[$0] != nil } ?? includePlatform
        }
        if !trunks.isEmpty {
            var tenantCodes = codes
            for trunk in trunks {
                if let id = trunk.tenantID, tenantCodes[id] == nil { tenantCodes[id] = try await store.tenants.get(id).code }
            }
            document.trunks = trunks.map { trunkEntry($0, tenantCode: $0.tenantID.flatMap { tenantCodes[$0] }) }
        }
        return document
    }

    private func tenantEntry(_ tenant: Tenant) async throws -> ProvisioningDocument.TenantEntry {
        let t = tenant.id
        let sites = try await store.organization.sites(t)
        let partners = try await store.organization.partners(t)
        let teams = try await store.organization.teams(t)
        let skills = try await store.skills.list(t)
        let prompts = try await store.prompts.list(t)
        let queues = try await store.queues.list(t)
        let flows = try await store.flows.list(t)
        let agents = try await store.agents.list(t)
        let siteNames = Dictionary(uniqueKeysWithValues: sites.map { ($0.id, $0.name) })
        let partnerNames = Dictionary(uniqueKeysWithValues: partners.map { ($0.id, $0.name) })
        let teamNames = Dictionary(uniqueKeysWithValues: teams.map { ($0.id, $0.name) })
        let skillNames = Dictionary(uniqueKeysWithValues: skills.map { ($0.id, $0.name) })
        let promptNames = Dictionary(uniqueKeysWithValues: prompts.map { ($0.id, $0.name) })
        let queueNames = Dictionary(uniqueKeysWithValues: queues.map { ($0.id, $0.name) })
        let flowNames = Dictionary(uniqueKeysWithValues: flows.map { ($0.id, $0.name) })
        let agentNumbers = Dictionary(uniqueKeysWithValues: agents.map { ($0.id, $0.workNumber) })

        var entry = ProvisioningDocument.TenantEntry(
            code: tenant.code, name: tenant.name, timeZone: tenant.timeZone, sipDomain: tenant.sipDomain,
            status: tenant.status.rawValue,
            quotas: .init(
                seats: tenant.quotas.seats, ivrPorts: tenant.quotas.ivrPorts,
                maxConcurrentCalls: tenant.quotas.maxConcurrentCalls, maxCallsPerSecond: tenant.quotas.maxCallsPerSecond),
            masking: tenant.maskingPolicy.rawValue, retentionDays: tenant.retentionDays)
        entry.calendar = tenant.calendar.map { day in
            .init(date: day.date, holiday: day.kind == .holiday ? day.name : nil, workday: day.kind == .workday ? day.name : nil)
        }
        entry.sites = sites.map { .init(name: $0.name, region: $0.region) }
        entry.partners = partners.map { .init(name: $0.name, regions: $0.regions) }
        entry.teams = teams.map { .init(name: $0.name, site: $0.siteID.flatMap { siteNames[$0] }, partner: $0.partnerID.flatMap { partnerNames[$0] }) }
        entry.notReadyReasons = try await store.notReadyReasons.list(t).map { reason in
            .init(code: reason.code, name: reason.name, maxDurationSeconds: reason.maxDurationSeconds, maxPerShift: reason.maxPerShift,
                  maxConcurrentPerTeam: reason.maxConcurrentPerTeam, active: reason.active, sortOrder: reason.sortOrder)
        }
        entry.deskSettings = ProvisioningDocument.DeskSettingsEntry(try await store.deskSettings.get(t))
        entry.skills = skills.map { .init(name: $0.name, description: $0.description) }
        var promptEntries: [ProvisioningDocument.PromptEntry] = []
        for prompt in prompts {
            let versions = try await store.prompts.versions(t, prompt.id)
            guard let version = versions.first(where: { $0.status == .published }) ?? versions.first else { continue }
            var item = ProvisioningDocument.PromptEntry(name: prompt.name, description: prompt.description)
            switch version.source {
            case .tts(let text, let voice):
                item.tts = text
                item.voice = voice
            case .audio(let path, let sha256, _):
                item.file = dataDirectory.map { URL(fileURLWithPath: $0).appendingPathComponent(path).path } ?? path
                item.audioSha256 = sha256
            }
            promptEntries.append(item)
        }
        entry.prompts = promptEntries
        entry.queues = queues.map { queue in
            .init(
                name: queue.name, displayName: queue.displayName, strategy: queue.strategy.rawValue, priority: queue.priority,
                serviceLevelSeconds: queue.serviceLevelSeconds, wrapUpSeconds: queue.wrapUpSeconds,
                maxWaitSeconds: queue.maxWaitSeconds, maxWaiting: queue.maxWaiting,
                overflow: queue.overflowQueueID.flatMap { queueNames[$0] },
                businessHours: queue.businessHours.map { .init(days: $0.days.map(\.rawValue), start: $0.start, end: $0.end) },
                musicOnHold: queue.musicOnHoldPromptID.flatMap { promptNames[$0] },
                announceIntervalSeconds: queue.announceIntervalSeconds, callback: queue.callbackEnabled,
                skills: queue.skills.compactMap { requirement in
                    skillNames[requirement.skillID].map { .init(skill: $0, minLevel: requirement.minimumLevel) }
                }, surveyFlow: queue.surveyFlow)
        }
        entry.mailboxes = try await store.mailboxes.list(t).map { mailbox in
            .init(name: mailbox.name, displayName: mailbox.displayName,
                  greeting: mailbox.greetingPromptID.flatMap { promptNames[$0] },
                  maxMessageSeconds: mailbox.maxMessageSeconds, queue: mailbox.queueID.flatMap { queueNames[$0] })
        }
        let webhooks = try await store.webhooks.list(t)
        entry.webhooks = webhooks.isEmpty ? nil : webhooks.map { .init(url: $0.url, events: $0.events, active: $0.active, secret: nil) }
        var flowEntries: [ProvisioningDocument.FlowEntry] = []
        for flow in flows {
            let versions = try await store.flows.versions(t, flow.id)
            guard let version = versions.first(where: { $0.status == .published }) ?? versions.first else { continue }
            flowEntries.append(.init(name: flow.name, description: flow.description, flowFile: nil, document: version.document))
        }
        entry.flows = flowEntries
        entry.numbers = try await store.accessNumbers.list(t).map { number in
            .init(number: number.number, purpose: number.purpose, carrier: number.carrier, inbound: number.inbound,
                  outbound: number.outbound, flow: number.flowID.flatMap { flowNames[$0] }, rules: number.rules, rulesFile: nil)
        }
        var agentEntries: [ProvisioningDocument.AgentEntry] = []
        for agent in agents {
            let credentials = try await store.agents.sipCredentials(t, agent.id)
            agentEntries.append(.init(
                workNumber: agent.workNumber, name: agent.displayName, extension: agent.extensionNumber, password: nil,
                sipCredentials: credentials.isEmpty ? nil : credentials.map { .init(realm: $0.realm, ha1Md5: $0.md5, ha1Sha256: $0.sha256) },
                pcPhone: agent.pcPhoneNumber,
                capacity: .init(voice: agent.capacity.voice, chat: agent.capacity.chat, email: agent.capacity.email),
                autoAnswer: agent.autoAnswer, status: agent.status.rawValue,
                skills: agent.skills.compactMap { skill in skillNames[skill.skillID].map { .init(skill: $0, level: skill.level) } },
                queues: agent.queues.compactMap { membership in queueNames[membership.queueID].map { .init(queue: $0, tier: membership.tier) } },
                team: agent.teamID.flatMap { teamNames[$0] }, site: agent.siteID.flatMap { siteNames[$0] },
                partner: agent.partnerID.flatMap { partnerNames[$0] }))
        }
        entry.agents = agentEntries
        var userEntries: [ProvisioningDocument.UserEntry] = []
        for user in try await store.users.list(.tenant(t)) {
            userEntries.append(try await userEntry(user, scope: .tenant(t), agents: agentNumbers, partners: partnerNames, teams: teamNames))
        }
        entry.users = userEntries
        return entry
    }

    private func userEntry(
        _ user: User, scope: DataScope, agents: [AgentID: String], partners: [PartnerID: String], teams: [TeamID: String]
    ) async throws -> ProvisioningDocument.UserEntry {
        .init(
            username: user.username, displayName: user.displayName, roles: user.roles.map(\.rawValue).sorted(), password: nil,
            passwordHash: try await store.users.passwordHash(scope, user.id).encoded,
            agent: user.agentID.flatMap { agents[$0] }, partner: user.partnerID.flatMap { partners[$0] },
            teams: user.teamIDs.isEmpty ? nil : user.teamIDs.compactMap { teams[$0] }.sorted(), status: user.status.rawValue)
    }

    private func trunkEntry(_ trunk: Trunk, tenantCode: String?) -> ProvisioningDocument.TrunkEntry {
        .init(
            name: trunk.name, tenant: tenantCode, transport: trunk.transport.rawValue, addresses: trunk.addresses.map(\.text),
            inbound: trunk.inbound, outbound: trunk.outbound, trusted: trunk.trusted, maxChannels: trunk.maxChannels,
            allowedPrefixes: trunk.allowedPrefixes,
            auth: trunk.credentials.map { .init(username: $0.username, realm: $0.realm, password: nil, ha1Md5: $0.md5, ha1Sha256: $0.sha256) })
    }
}
