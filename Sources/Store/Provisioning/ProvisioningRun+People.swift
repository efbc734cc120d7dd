// Provisioning agents (with SIP credentials), users (with passwords) and trunks: objects
// whose secrets are compared with their stored hashes, never stored in clear.
import Foundation

extension ProvisioningRun {
    // MARK: Agents

    func applyAgent(_ entry: ProvisioningDocument.AgentEntry, path: String, names: inout TenantNames) async throws {
        let t = names.tenant.id
        let label = "\(names.code)/\(entry.workNumber)"
        guard let definition = agentDefinition(entry, path: path, names: names) else {
            names.failed.insert("agent:\(entry.workNumber)")
            return
        }
        let credentials = desiredCredentials(entry, path: path, realm: names.tenant.sipDomain)
        let before = try await names.agents[entry.workNumber].asyncMap { try await store.agents.sipCredentials(t, $0.id) } ?? []
        guard let stored = try await upsert(
            "agent", label, path: path, existing: names.agents[entry.workNumber],
            isUnchanged: { $0.definition == definition.normalized() },
            create: { try await self.store.agents.create(t, definition) },
            update: { try await self.store.agents.update(t, $0.id, definition) })
        else {
            names.failed.insert("agent:\(entry.workNumber)")
            return
        }
        names.agents[entry.workNumber] = stored
        let current = try await store.agents.sipCredentials(t, stored.id)
        switch credentials {
        case .some(let desired):
            guard Set(current) != Set(desired) else { return }
            do {
                try await store.agents.setSIPCredentials(t, stored.id, desired)
                markChanged("agent", label)
            } catch let error as StoreError {
                try collect(error, path: path)
            }
        case .none:
            let usable = current.contains { $0.realm == names.tenant.sipDomain && $0.username == definition.extensionNumber }
            if !usable && !before.isEmpty {
                issues.add("\(path).password", nil,
                           "the agent's SIP credentials were made for another extension or SIP domain; give a password to make new ones")
            }
        }
    }

    /// The credentials the file asks for: HA1 of `password` in the tenant's realm, or the
    /// hashes given; `nil` when the file gives neither (the stored ones stay).
    private func desiredCredentials(_ entry: ProvisioningDocument.AgentEntry, path: String, realm: String) -> [DigestHA1]? {
        if let password = entry.password {
            if entry.sipCredentials != nil { issues.add("\(path).password", nil, "give either password or sip_credentials, not both") }
            if let reason = AgentRepository.checkPassword(password) { issues.add("\(path).password", nil, reason) }
            return [DigestHA1(realm: realm, username: entry.extension, password: password)]
        }
        guard let hashes = entry.sipCredentials else { return nil }
        var result: [DigestHA1] = []
        for (index, hash) in hashes.enumerated() {
            do {
                result.append(try DigestHA1(realm: hash.realm, username: entry.extension, md5: hash.ha1Md5, sha256: hash.ha1Sha256))
            } catch let error as StoreError {
                issues.add(contentsOf: error.issues, prefix: "\(path).sip_credentials[\(index)]")
            } catch {}
        }
        return result
    }

    private func agentDefinition(_ entry: ProvisioningDocument.AgentEntry, path: String, names: TenantNames) -> AgentDefinition? {
        let status = choice(AgentStatus.self, entry.status, default: .active, field: "\(path).status")
        var missing = status == nil
        var skills: [AgentSkill] = []
        for (index, skill) in (entry.skills ?? []).enumerated() {
            switch resolve(skill.skill, names.skills, kind: "skill", field: "\(path).skills[\(index)].skill", names: names) {
            case .found(let stored): skills.append(AgentSkill(skillID: stored.id, level: skill.level ?? 1))
            case .missing: missing = true
            case .absent: break
            }
        }
        var queues: [AgentQueueMembership] = []
        for (index, queue) in (entry.queues ?? []).enumerated() {
            switch resolve(queue.queue, names.queues, kind: "queue", field: "\(path).queues[\(index)].queue", names: names) {
            case .found(let stored): queues.append(AgentQueueMembership(queueID: stored.id, tier: queue.tier ?? 1))
            case .missing: missing = true
            case .absent: break
            }
        }
        let team = resolve(entry.team, names.teams, kind: "team", field: "\(path).team", names: names)
        let site = resolve(entry.site, names.sites, kind: "site", field: "\(path).site", names: names)
        let partner = resolve(entry.partner, names.partners, kind: "partner", field: "\(path).partner", names: names)
        let definition = AgentDefinition(
            workNumber: entry.workNumber, displayName: entry.name, extensionNumber: entry.extension, pcPhoneNumber: entry.pcPhone,
            capacity: ChannelCapacity(voice: entry.capacity?.voice ?? 1, chat: entry.capacity?.chat ?? 3, email: entry.capacity?.email ?? 5),
            autoAnswer: entry.autoAnswer ?? false, status: status ?? .active, skills: skills, queues: queues,
            teamID: team.value?.id, siteID: site.value?.id, partnerID: partner.value?.id)
        if missing || team.isMissing || site.isMissing || partner.isMissing {
            reportStatic(field: path) { try AgentRepository.validate(definition, sipPassword: nil) }
            return nil
        }
        return definition
    }

    // MARK: Users

    func applyUser(_ entry: ProvisioningDocument.UserEntry, scope: DataScope, names: TenantNames?, path: String, label: String) async throws {
        var missing = false
        var roles: Set<UserRole> = []
        for (index, role) in entry.roles.enumerated() {
            if let parsed = UserRole(rawValue: role) { roles.insert(parsed) } else {
                issues.add("\(path).roles[\(index)]", role, "must be one of: \(UserRole.allCases.map(\.rawValue).joined(separator: ", "))")
                missing = true
            }
        }
        let status = choice(UserStatus.self, entry.status, default: .active, field: "\(path).status")
        var agent: Resolved<Agent> = .absent
        var partner: Resolved<Partner> = .absent
        var teams: [TeamID] = []
        if let names {
            agent = resolve(entry.agent, names.agents, kind: "agent", field: "\(path).agent", names: names)
            partner = resolve(entry.partner, names.partners, kind: "partner", field: "\(path).partner", names: names)
            for (index, team) in (entry.teams ?? []).enumerated() {
                switch resolve(team, names.teams, kind: "team", field: "\(path).teams[\(index)]", names: names) {
                case .found(let stored): teams.append(stored.id)
                case .missing: missing = true
                case .absent: break
                }
            }
        } else if entry.agent != nil || entry.partner != nil || entry.teams?.isEmpty == false {
            issues.add(path, entry.username, "platform users have no agent, partner or teams")
            missing = true
        }
        var password: PasswordInput?
        switch (entry.password, entry.passwordHash) {
        case (let plain?, nil): password = .plain(plain)
        case (nil, let hash?):
            do { password = .hashed(try PasswordHash(encoded: hash)) } catch let error as StoreError {
                issues.add(contentsOf: error.issues, prefix: path)
                missing = true
            }
        case (_?, _?):
            issues.add("\(path).password", nil, "give either password or password_hash, not both")
            missing = true
        case (nil, nil): break
        }
        if missing || status == nil || agent.isMissing || partner.isMissing { return }
        let definition = UserDefinition(
            username: entry.username, displayName: entry.displayName ?? entry.username, roles: roles,
            agentID: agent.value?.id, partnerID: partner.value?.id, teamIDs: teams, status: status ?? .active)
        let existing = try await store.users.find(scope, username: entry.username)
        if existing == nil && password == nil {
            issues.add("\(path).password", nil, "a new user needs a password or password_hash")
            return
        }
        guard let stored = try await upsert(
            "user", label, path: path, existing: existing,
            isUnchanged: { $0.definition == definition.normalized() },
            create: { try await self.store.users.create(scope, definition, password: password!) },
            update: { try await self.store.users.update(scope, $0.id, definition) })
        else { return }
        guard existing != nil, let password else { return }
        let hash = try await store.users.passwordHash(scope, stored.id)
        let same = switch password {
        case .plain(let text): hash.verify(text)
        case .hashed(let given): given == hash
        }
        guard !same else { return }
        do {
            try await store.users.setPassword(scope, stored.id, password)
            markChanged("user", label)
        } catch let error as StoreError {
            try collect(error, path: path)
        }
    }

    // MARK: Trunks

    func applyTrunk(
        _ entry: ProvisioningDocument.TrunkEntry, tenantIDs: [String: TenantID], tenantsInFile: Set<String>, path: String
    ) async throws {
        var missing = false
        var tenant: TenantID?
        if let code = entry.tenant {
            if let id = tenantIDs[code] {
                tenant = id
            } else if let stored = try await store.tenants.find(code: code) {
                tenant = stored.id
            } else {
                if !tenantsInFile.contains(code) {
                    issues.add("\(path).tenant", code, "no tenant with this code (neither in this file nor in the store)")
                }
                missing = true
            }
        }
        let transport = choice(TrunkTransport.self, entry.transport, default: .udp, field: "\(path).transport")
        var addresses: [TrunkAddress] = []
        for (index, text) in entry.addresses.enumerated() {
            if let address = TrunkAddress(parsing: text) { addresses.append(address) } else {
                issues.add("\(path).addresses[\(index)]", text, "must be host, host:port or [IPv6]:port")
                missing = true
            }
        }
        var credentials: DigestHA1?
        if let auth = entry.auth {
            switch (auth.password, auth.ha1Md5, auth.ha1Sha256) {
            case (let password?, nil, nil):
                credentials = DigestHA1(realm: auth.realm, username: auth.username, password: password)
            case (nil, let md5?, let sha256?):
                do { credentials = try DigestHA1(realm: auth.realm, username: auth.username, md5: md5, sha256: sha256) }
                catch let error as StoreError {
                    issues.add(contentsOf: error.issues, prefix: "\(path).auth")
                    missing = true
                }
            default:
                issues.add("\(path).auth", nil, "give password, or both ha1_md5 and ha1_sha256")
                missing = true
            }
        }
        guard !missing, let transport else { return }
        let definition = TrunkDefinition(
            name: entry.name, tenantID: tenant, transport: transport, addresses: addresses, inbound: entry.inbound ?? true,
            outbound: entry.outbound ?? true, trusted: entry.trusted ?? false, maxChannels: entry.maxChannels,
            allowedPrefixes: entry.allowedPrefixes ?? [], credentials: credentials)
        _ = try await upsert(
            "trunk", entry.name, path: path, existing: try await store.trunks.find(name: entry.name),
            isUnchanged: { $0.definition == definition.normalized() },
            create: { try await self.store.trunks.create(definition) },
            update: { try await self.store.trunks.update($0.id, definition) })
    }
}
