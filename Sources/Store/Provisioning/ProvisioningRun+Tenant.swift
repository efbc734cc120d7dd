// Provisioning a tenant: the tenant itself, then its organization, desk settings, skills,
// prompts, queues, flows and numbers, each matched by name and compared with what is stored.
import Foundation

/// The names a tenant's objects are known by in the file, with what is stored under them.
struct TenantNames {
    let tenant: Tenant
    /// The tenant's code as the file writes it (the stored tenant may be a stand-in).
    let code: String
    var skills: [String: Skill] = [:]
    var prompts: [String: Prompt] = [:]
    var queues: [String: Queue] = [:]
    var flows: [String: Flow] = [:]
    var sites: [String: Site] = [:]
    var partners: [String: Partner] = [:]
    var teams: [String: Team] = [:]
    var agents: [String: Agent] = [:]
    /// `kind:name` of objects the file describes but that were refused: references to them
    /// are skipped silently, the refusal itself is already reported.
    var failed: Set<String> = []
}

/// A reference by name, resolved.
enum Resolved<ID> {
    case absent
    case found(ID)
    case missing
}

extension Resolved {
    /// The id, or `nil` when absent; `missing` makes the caller skip the object.
    var value: ID? {
        if case .found(let id) = self { return id }
        return nil
    }

    var isMissing: Bool {
        if case .missing = self { return true }
        return false
    }
}

extension ProvisioningRun {
    /// Applies one tenant entry and returns the tenant's id, or `nil` when the tenant
    /// itself was refused (its contents are then not looked at).
    func applyTenant(_ entry: ProvisioningDocument.TenantEntry, path: String) async throws -> TenantID? {
        let existing = try await store.tenants.find(code: entry.code)
        guard let definition = tenantDefinition(entry, path: path) else {
            // The file is refused already; check the tenant's contents against the stored
            // tenant or a stand-in (rolled back with the rest) so one run lists everything.
            var standIn = existing
            if standIn == nil { standIn = try await standInTenant() }
            guard let standIn else { return nil }
            try await applyContents(entry, of: standIn, path: path)
            return standIn.id
        }
        guard let tenant = try await upsert(
            "tenant", entry.code, path: path, existing: existing,
            isUnchanged: { $0.definition == definition },
            create: { try await self.store.tenants.create(definition) },
            update: { try await self.store.tenants.update($0.id, definition) })
        else { return nil }
        try await applyContents(entry, of: tenant, path: path)
        return tenant.id
    }

    /// A throw-away tenant to check an invalid tenant's contents against.
    private func standInTenant() async throws -> Tenant? {
        let suffix = UUID().uuidString.prefix(8).lowercased()
        return try? await store.tenants.create(TenantDefinition(
            code: "stand-in-\(suffix)", name: "stand-in", timeZone: "UTC", sipDomain: "stand-in-\(suffix).invalid"))
    }

    private func applyContents(_ entry: ProvisioningDocument.TenantEntry, of tenant: Tenant, path: String) async throws {
        var names = try await loadNames(tenant, code: entry.code)
        try await applyOrganization(entry, path: path, names: &names)
        if let desk = entry.deskSettings {
            try await applySetting("\(entry.code)/desk_settings", path: "\(path).desk_settings", to: desk.settings,
                                   current: { try await self.store.deskSettings.get(tenant.id) },
                                   save: { try await self.store.deskSettings.save(tenant.id, $0) })
        }
        try await applySkills(entry, path: path, names: &names)
        try await applyPrompts(entry, path: path, names: &names)
        try await applyQueues(entry, path: path, names: &names)
        try await applyMailboxes(entry, path: path, names: names)
        try await applyFlows(entry, path: path, names: &names)
        try await applyNumbers(entry, path: path, names: names)
        for (index, agent) in (entry.agents ?? []).enumerated() {
            try await applyAgent(agent, path: "\(path).agents[\(index)]", names: &names)
        }
        for (index, user) in (entry.users ?? []).enumerated() {
            try await applyUser(user, scope: .tenant(tenant.id), names: names, path: "\(path).users[\(index)]",
                                label: "\(entry.code)/\(user.username)")
        }
        try await applyWebhooks(entry, path: path, names: names)
    }

    /// Resolves `name` in `map`, reporting an unknown name at `field`.
    func resolve<Object>(_ name: String?, _ map: [String: Object], kind: String, field: String, names: TenantNames) -> Resolved<Object> {
        guard let name else { return .absent }
        if let object = map[name] { return .found(object) }
        if !names.failed.contains("\(kind):\(name)") {
            issues.add(field, name, "no \(kind) named '\(name)' in tenant \(names.code) (neither in this file nor in the store)")
        }
        return .missing
    }

    // MARK: Tenant

    private func tenantDefinition(_ entry: ProvisioningDocument.TenantEntry, path: String) -> TenantDefinition? {
        let before = issues.issues.count
        let status = choice(TenantStatus.self, entry.status, default: .active, field: "\(path).status")
        let masking = choice(MaskingPolicy.self, entry.masking, default: .middle, field: "\(path).masking")
        var calendar: [CalendarDay] = []
        for (index, day) in (entry.calendar ?? []).enumerated() {
            switch (day.holiday, day.workday) {
            case (let name?, nil): calendar.append(CalendarDay(date: day.date, kind: .holiday, name: name))
            case (nil, let name?): calendar.append(CalendarDay(date: day.date, kind: .workday, name: name))
            default:
                issues.add("\(path).calendar[\(index)]", day.date, "give either holiday: NAME or workday: NAME")
            }
        }
        let definition = TenantDefinition(
            code: entry.code, name: entry.name, timeZone: entry.timeZone, sipDomain: entry.sipDomain,
            quotas: TenantQuotas(
                seats: entry.quotas?.seats ?? 10, ivrPorts: entry.quotas?.ivrPorts ?? 10,
                maxConcurrentCalls: entry.quotas?.maxConcurrentCalls, maxCallsPerSecond: entry.quotas?.maxCallsPerSecond),
            maskingPolicy: masking ?? .middle, retentionDays: entry.retentionDays ?? 365, status: status ?? .active,
            calendar: calendar.sorted())
        do {
            try TenantRepository.validate(definition)
        } catch let error as StoreError {
            issues.add(contentsOf: error.issues, prefix: path)
        } catch {}
        return issues.issues.count == before ? definition : nil
    }

    private func loadNames(_ tenant: Tenant, code: String) async throws -> TenantNames {
        var names = TenantNames(tenant: tenant, code: code)
        let t = tenant.id
        for skill in try await store.skills.list(t) { names.skills[skill.name] = skill }
        for prompt in try await store.prompts.list(t) { names.prompts[prompt.name] = prompt }
        for queue in try await store.queues.list(t) { names.queues[queue.name] = queue }
        for flow in try await store.flows.list(t) { names.flows[flow.name] = flow }
        for site in try await store.organization.sites(t) { names.sites[site.name] = site }
        for partner in try await store.organization.partners(t) { names.partners[partner.name] = partner }
        for team in try await store.organization.teams(t) { names.teams[team.name] = team }
        for agent in try await store.agents.list(t) { names.agents[agent.workNumber] = agent }
        return names
    }

    // MARK: Organization and not-ready reasons

    private func applyOrganization(_ entry: ProvisioningDocument.TenantEntry, path: String, names: inout TenantNames) async throws {
        let t = names.tenant.id
        for (index, site) in (entry.sites ?? []).enumerated() {
            let definition = SiteDefinition(name: site.name, region: site.region ?? "")
            let stored = try await upsert(
                "site", "\(names.code)/\(site.name)", path: "\(path).sites[\(index)]", existing: names.sites[site.name],
                isUnchanged: { $0.definition == definition },
                create: { try await self.store.organization.createSite(t, definition) },
                update: { try await self.store.organization.updateSite(t, $0.id, definition) })
            if let stored { names.sites[site.name] = stored } else { names.failed.insert("site:\(site.name)") }
        }
        for (index, partner) in (entry.partners ?? []).enumerated() {
            let definition = PartnerDefinition(name: partner.name, regions: partner.regions ?? [])
            let stored = try await upsert(
                "partner", "\(names.code)/\(partner.name)", path: "\(path).partners[\(index)]", existing: names.partners[partner.name],
                isUnchanged: { $0.definition == definition },
                create: { try await self.store.organization.createPartner(t, definition) },
                update: { try await self.store.organization.updatePartner(t, $0.id, definition) })
            if let stored { names.partners[partner.name] = stored } else { names.failed.insert("partner:\(partner.name)") }
        }
        for (index, team) in (entry.teams ?? []).enumerated() {
            let field = "\(path).teams[\(index)]"
            let site = resolve(team.site, names.sites, kind: "site", field: "\(field).site", names: names)
            let partner = resolve(team.partner, names.partners, kind: "partner", field: "\(field).partner", names: names)
            guard !site.isMissing, !partner.isMissing else {
                names.failed.insert("team:\(team.name)")
                continue
            }
            let definition = TeamDefinition(name: team.name, siteID: site.value?.id, partnerID: partner.value?.id)
            let stored = try await upsert(
                "team", "\(names.code)/\(team.name)", path: field, existing: names.teams[team.name],
                isUnchanged: { $0.definition == definition },
                create: { try await self.store.organization.createTeam(t, definition) },
                update: { try await self.store.organization.updateTeam(t, $0.id, definition) })
            if let stored { names.teams[team.name] = stored } else { names.failed.insert("team:\(team.name)") }
        }
        let reasons = Dictionary(try await store.notReadyReasons.list(t).map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        for (index, reason) in (entry.notReadyReasons ?? []).enumerated() {
            let definition = NotReadyReasonDefinition(
                code: reason.code, name: reason.name, maxDurationSeconds: reason.maxDurationSeconds,
                maxPerShift: reason.maxPerShift, maxConcurrentPerTeam: reason.maxConcurrentPerTeam,
                active: reason.active ?? true, sortOrder: reason.sortOrder ?? index)
            _ = try await upsert(
                "not-ready reason", "\(names.code)/\(reason.code)", path: "\(path).not_ready_reasons[\(index)]",
                existing: reasons[reason.code], isUnchanged: { $0.definition == definition },
                create: { try await self.store.notReadyReasons.create(t, definition) },
                update: { try await self.store.notReadyReasons.update(t, $0.id, definition) })
        }
    }

    // MARK: Skills and prompts

    private func applySkills(_ entry: ProvisioningDocument.TenantEntry, path: String, names: inout TenantNames) async throws {
        let t = names.tenant.id
        for (index, skill) in (entry.skills ?? []).enumerated() {
            let definition = SkillDefinition(name: skill.name, description: skill.description ?? "")
            let stored = try await upsert(
                "skill", "\(names.code)/\(skill.name)", path: "\(path).skills[\(index)]", existing: names.skills[skill.name],
                isUnchanged: { $0.definition == definition },
                create: { try await self.store.skills.create(t, definition) },
                update: { try await self.store.skills.update(t, $0.id, definition) })
            if let stored { names.skills[skill.name] = stored } else { names.failed.insert("skill:\(skill.name)") }
        }
    }

    private func applyPrompts(_ entry: ProvisioningDocument.TenantEntry, path: String, names: inout TenantNames) async throws {
        let t = names.tenant.id
        for (index, prompt) in (entry.prompts ?? []).enumerated() {
            let field = "\(path).prompts[\(index)]"
            guard let source = promptSource(prompt, tenantCode: names.code, field: field) else {
                names.failed.insert("prompt:\(prompt.name)")
                continue
            }
            let definition = PromptDefinition(name: prompt.name, description: prompt.description ?? "")
            let existing = names.prompts[prompt.name]
            let published = try await existing.asyncMap { try await store.prompts.publishedVersion(t, $0.id) } ?? nil
            let stored = try await upsert(
                "prompt", "\(names.code)/\(prompt.name)", path: field, existing: existing,
                isUnchanged: { $0.definition == definition && published?.source == source },
                create: {
                    let created = try await self.store.prompts.create(t, definition)
                    try await self.publishPrompt(t, created.id, source: source, audioFile: prompt.file)
                    return try await self.store.prompts.get(t, created.id)
                },
                update: { current in
                    if current.definition != definition { _ = try await self.store.prompts.update(t, current.id, definition) }
                    if published?.source != source {
                        try await self.publishPrompt(t, current.id, source: source, audioFile: prompt.file)
                    }
                    return try await self.store.prompts.get(t, current.id)
                })
            if let stored { names.prompts[prompt.name] = stored } else { names.failed.insert("prompt:\(prompt.name)") }
        }
    }

    private func promptSource(_ prompt: ProvisioningDocument.PromptEntry, tenantCode: String, field: String) -> PromptSource? {
        switch (prompt.tts, prompt.file, prompt.audioSha256) {
        case (let text?, nil, nil):
            return .tts(text: text, voice: prompt.voice ?? "zh")
        case (nil, _?, let sha256?):
            guard options.dataDirectory != nil else {
                issues.add("\(field).file", prompt.file, "audio prompts need the data directory (--data-dir) to copy the file into")
                return nil
            }
            return .audio(path: "prompts/\(tenantCode)/\(sha256).wav", sha256: sha256, durationMilliseconds: nil)
        case (nil, nil, _):
            issues.add(field, nil, "give tts: TEXT or file: PATH.wav")
            return nil
        default:
            issues.add(field, nil, "give either tts or file, not both")
            return nil
        }
    }

    /// Adds a version with `source` and publishes it (through review when the platform
    /// requires approval: provisioning is a platform operator's act).
    private func publishPrompt(_ tenant: TenantID, _ prompt: PromptID, source: PromptSource, audioFile: String?) async throws {
        if case .audio(let path, _, _) = source, let file = audioFile, let dataDirectory = options.dataDirectory {
            let target = URL(fileURLWithPath: dataDirectory).appendingPathComponent(path)
            if !FileManager.default.fileExists(atPath: target.path) {
                try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try FileManager.default.copyItem(at: URL(fileURLWithPath: file), to: target)
            }
        }
        let version = try await store.prompts.addVersion(tenant, prompt, source: source, createdBy: options.actor)
        if try await store.platformSettings.approvalRequired() {
            _ = try await store.prompts.submit(tenant, version.id, by: options.actor)
            _ = try await store.prompts.approve(tenant, version.id, by: options.actor, comment: "provisioned")
        }
        _ = try await store.prompts.publish(tenant, version.id, by: options.actor)
    }
}

extension Optional {
    /// `map` for an async transform.
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
