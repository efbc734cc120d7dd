// Agents of a tenant with their skills, queues and SIP credentials (HA1 only), and the
// registrar's lookup by SIP user name and realm.
import Foundation
import SQLKit

/// A tenant's agents.
public struct AgentRepository: Sendable {
    let context: DatabaseContext

    /// Creates an agent; a SIP password, when given, is stored as HA1 (MD5 and SHA-256) for
    /// the tenant's realm and the agent's extension.
    public func create(
        _ tenant: TenantID, _ definition: AgentDefinition, sipPassword: String? = nil, id: AgentID = .generate()
    ) async throws -> Agent {
        try Self.validate(definition, sipPassword: sipPassword)
        return try await context.write("creating agent \(definition.workNumber)") { db in
            let tenantRow = try await TenantRepository(context: context).fetch(tenant, on: db)
            try await checkReferences(tenant, id, definition, on: db)
            let now = context.nowMilliseconds
            try await db.insert(into: "agents")
                .columns("id", "tenant_id", "work_number", "display_name", "extension", "pc_phone_number", "voice_capacity",
                         "chat_capacity", "email_capacity", "auto_answer", "status", "team_id", "site_id", "partner_id",
                         "created_at", "updated_at")
                .values(SQLBind(id.rawValue), SQLBind(tenant.rawValue), SQLBind(definition.workNumber),
                        SQLBind(definition.displayName), SQLBind(definition.extensionNumber),
                        bindOrNull(definition.pcPhoneNumber), SQLBind(definition.capacity.voice),
                        SQLBind(definition.capacity.chat), SQLBind(definition.capacity.email),
                        SQLBind(definition.autoAnswer), SQLBind(definition.status.rawValue),
                        bindOrNull(definition.teamID?.rawValue), bindOrNull(definition.siteID?.rawValue),
                        bindOrNull(definition.partnerID?.rawValue), SQLBind(now), SQLBind(now))
                .run()
            try await writeMemberships(tenant, id, definition, on: db)
            if let sipPassword {
                let ha1 = DigestHA1(realm: tenantRow.sipDomain, username: definition.extensionNumber, password: sipPassword)
                try await replaceCredentials(tenant, id, [ha1], on: db)
            }
            return try await fetch(tenant, id, on: db)
        }
    }

    /// Replaces an agent's definition. When the extension changes, credentials made for
    /// the old extension are dropped (HA1 includes the user name): set a new password.
    public func update(_ tenant: TenantID, _ id: AgentID, _ definition: AgentDefinition) async throws -> Agent {
        try Self.validate(definition, sipPassword: nil)
        return try await context.write("updating agent \(id)") { db in
            _ = try await fetch(tenant, id, on: db)
            try await checkReferences(tenant, id, definition, on: db)
            try await db.update("agents")
                .set("work_number", to: SQLBind(definition.workNumber))
                .set("display_name", to: SQLBind(definition.displayName))
                .set("extension", to: SQLBind(definition.extensionNumber))
                .set("pc_phone_number", to: bindOrNull(definition.pcPhoneNumber))
                .set("voice_capacity", to: SQLBind(definition.capacity.voice))
                .set("chat_capacity", to: SQLBind(definition.capacity.chat))
                .set("email_capacity", to: SQLBind(definition.capacity.email))
                .set("auto_answer", to: SQLBind(definition.autoAnswer))
                .set("status", to: SQLBind(definition.status.rawValue))
                .set("team_id", to: bindOrNull(definition.teamID?.rawValue))
                .set("site_id", to: bindOrNull(definition.siteID?.rawValue))
                .set("partner_id", to: bindOrNull(definition.partnerID?.rawValue))
                .set("updated_at", to: SQLBind(context.nowMilliseconds))
                .where("tenant_id", .equal, SQLBind(tenant.rawValue)).where("id", .equal, SQLBind(id.rawValue))
                .run()
            for table in ["agent_skills", "agent_queues"] {
                try await db.delete(from: table).where("tenant_id", .equal, SQLBind(tenant.rawValue))
                    .where("agent_id", .equal, SQLBind(id.rawValue)).run()
            }
            try await writeMemberships(tenant, id, definition, on: db)
            try await db.delete(from: "sip_credentials").where("tenant_id", .equal, SQLBind(tenant.rawValue))
                .where("agent_id", .equal, SQLBind(id.rawValue))
                .where("username", .notEqual, SQLBind(definition.extensionNumber)).run()
            return try await fetch(tenant, id, on: db)
        }
    }

    /// Sets the agent's SIP password: stored as HA1 for the tenant's realm, replacing any
    /// earlier credentials.
    public func setSIPPassword(_ tenant: TenantID, _ id: AgentID, _ password: String) async throws {
        if let reason = Self.checkPassword(password) { throw StoreError.invalid("password", nil, reason) }
        try await context.write("setting the SIP password of agent \(id)") { db in
            let tenantRow = try await TenantRepository(context: context).fetch(tenant, on: db)
            let agent = try await fetch(tenant, id, on: db)
            let ha1 = DigestHA1(realm: tenantRow.sipDomain, username: agent.extensionNumber, password: password)
            try await replaceCredentials(tenant, id, [ha1], on: db)
        }
    }

    /// Stores ready-made HA1 credentials (e.g. from an export); each must be for the
    /// agent's extension, and a realm may be used by one agent per user name only.
    public func setSIPCredentials(_ tenant: TenantID, _ id: AgentID, _ credentials: [DigestHA1]) async throws {
        try await context.write("setting the SIP credentials of agent \(id)") { db in
            let agent = try await fetch(tenant, id, on: db)
            var issues = IssueCollector()
            for (index, credential) in credentials.enumerated() where credential.username != agent.extensionNumber {
                issues.add("sip_credentials[\(index)].username", credential.username,
                           "must be the agent's extension \(agent.extensionNumber)")
            }
            for realm in Validate.duplicates(credentials.map(\.realm)) {
                issues.add("sip_credentials", realm, "lists the realm twice")
            }
            try issues.throwIfAny()
            try await replaceCredentials(tenant, id, credentials, on: db)
        }
    }

    /// The agent's stored HA1 credentials, by realm.
    public func sipCredentials(_ tenant: TenantID, _ id: AgentID) async throws -> [DigestHA1] {
        try await context.read("reading the SIP credentials of agent \(id)") { db in
            try await db.select().column("*").from("sip_credentials")
                .where("tenant_id", .equal, SQLBind(tenant.rawValue)).where("agent_id", .equal, SQLBind(id.rawValue))
                .orderBy("realm").all().map(Self.credential)
        }
    }

    /// The agent, or ``StoreError/notFound(kind:key:)``.
    public func get(_ tenant: TenantID, _ id: AgentID) async throws -> Agent {
        try await context.read("reading agent \(id)") { db in try await fetch(tenant, id, on: db) }
    }

    /// The agent with this work number (工号), if any.
    public func find(_ tenant: TenantID, workNumber: String) async throws -> Agent? {
        try await context.read("finding agent \(workNumber)") { db in
            guard let id = try await TenantRows.holder("agents", tenant, column: "work_number", value: workNumber, excluding: nil, on: db)
            else { return nil }
            return try await fetch(tenant, AgentID(rawValue: id), on: db)
        }
    }

    /// The agent with this extension, if any.
    public func find(_ tenant: TenantID, extensionNumber: String) async throws -> Agent? {
        try await context.read("finding extension \(extensionNumber)") { db in
            guard let id = try await TenantRows.holder("agents", tenant, column: "extension", value: extensionNumber, excluding: nil, on: db)
            else { return nil }
            return try await fetch(tenant, AgentID(rawValue: id), on: db)
        }
    }

    /// Every agent of the tenant, by work number.
    public func list(_ tenant: TenantID) async throws -> [Agent] {
        try await context.read("listing agents") { db in
            let rows = try await db.select().column("*").from("agents")
                .where("tenant_id", .equal, SQLBind(tenant.rawValue)).orderBy("work_number").all()
            let skills = try await db.select().column("*").from("agent_skills")
                .where("tenant_id", .equal, SQLBind(tenant.rawValue)).all()
            let queues = try await db.select().column("*").from("agent_queues")
                .where("tenant_id", .equal, SQLBind(tenant.rawValue)).all()
            var skillsByAgent: [String: [any SQLRow]] = [:]
            var queuesByAgent: [String: [any SQLRow]] = [:]
            for row in skills { skillsByAgent[try row.string("agent_id"), default: []].append(row) }
            for row in queues { queuesByAgent[try row.string("agent_id"), default: []].append(row) }
            return try rows.map { row in
                let id = try row.string("id")
                return try Self.agent(row, skills: skillsByAgent[id] ?? [], queues: queuesByAgent[id] ?? [])
            }
        }
    }

    /// The agents serving a queue.
    public func members(_ tenant: TenantID, of queue: QueueID) async throws -> [Agent] {
        try await list(tenant).filter { $0.queues.contains { $0.queueID == queue } }
    }

    /// Deletes an agent (its user account stays, unlinked). History and CDRs keep its id.
    public func delete(_ tenant: TenantID, _ id: AgentID) async throws {
        try await context.write("deleting agent \(id)") { db in
            try await TenantRows.require("agents", tenant, id: id.rawValue, kind: "agent", on: db)
            try await db.update("users").set("agent_id", to: SQLLiteral.null)
                .where("tenant_id", .equal, SQLBind(tenant.rawValue)).where("agent_id", .equal, SQLBind(id.rawValue)).run()
            try await TenantRows.delete("agents", tenant, id: id.rawValue, kind: "agent", on: db)
        }
    }

    // MARK: The call path's lookups (platform level: they find the tenant)

    /// The SIP account registered as `username` in `realm`, with its HA1 digests; `nil`
    /// when there is none or the agent is disabled. One indexed read.
    public func sipAccount(username: String, realm: String) async throws -> SIPAccount? {
        try await context.read("looking up a SIP account") { db in
            guard let row = try await db.select()
                .column(SQLColumn("realm", table: "c")).column(SQLColumn("username", table: "c"))
                .column(SQLColumn("tenant_id", table: "c")).column(SQLColumn("agent_id", table: "c"))
                .column(SQLColumn("ha1_md5", table: "c")).column(SQLColumn("ha1_sha256", table: "c"))
                .from(SQLAlias(SQLIdentifier("sip_credentials"), as: SQLIdentifier("c")))
                .join(SQLAlias(SQLIdentifier("agents"), as: SQLIdentifier("a")), method: SQLJoinMethod.inner,
                      on: SQLColumn("id", table: "a"), .equal, SQLColumn("agent_id", table: "c"))
                .where(SQLColumn("realm", table: "c"), .equal, SQLBind(realm))
                .where(SQLColumn("username", table: "c"), .equal, SQLBind(username))
                .where(SQLColumn("status", table: "a"), .equal, SQLBind(AgentStatus.active.rawValue))
                .first()
            else { return nil }
            return SIPAccount(tenantID: try row.id("tenant_id"), agentID: try row.id("agent_id"), credentials: try Self.credential(row))
        }
    }

    /// The SIP account and the agent's whole configuration (skills, queues, capacity,
    /// organization) for a softphone registering as `username` in `realm`.
    public func configuration(sipUsername username: String, realm: String) async throws -> AgentSIPConfiguration? {
        try await context.read("reading an agent's configuration by SIP user") { db in
            guard let row = try await db.select().column("*").from("sip_credentials")
                .where("realm", .equal, SQLBind(realm)).where("username", .equal, SQLBind(username)).first()
            else { return nil }
            let credential = try Self.credential(row)
            let tenant: TenantID = try row.id("tenant_id")
            let agent = try await fetch(tenant, try row.id("agent_id"), on: db)
            guard agent.status == .active else { return nil }
            return AgentSIPConfiguration(
                account: SIPAccount(tenantID: tenant, agentID: agent.id, credentials: credential), agent: agent)
        }
    }

    // MARK: Validation

    static func validate(_ definition: AgentDefinition, sipPassword: String?) throws {
        var issues = IssueCollector()
        if let reason = Validate.workNumber(definition.workNumber) { issues.add("work_number", definition.workNumber, reason) }
        if let reason = Validate.name(definition.displayName, limit: 100) { issues.add("name", definition.displayName, reason) }
        if let reason = Validate.extensionNumber(definition.extensionNumber) {
            issues.add("extension", definition.extensionNumber, reason)
        }
        if let phone = definition.pcPhoneNumber, let reason = Validate.phoneNumber(phone) {
            issues.add("pc_phone", phone, reason)
        }
        if let reason = Validate.within(definition.capacity.voice, 0...4) { issues.add("capacity.voice", String(definition.capacity.voice), reason) }
        if let reason = Validate.within(definition.capacity.chat, 0...20) { issues.add("capacity.chat", String(definition.capacity.chat), reason) }
        if let reason = Validate.within(definition.capacity.email, 0...50) { issues.add("capacity.email", String(definition.capacity.email), reason) }
        for (index, skill) in definition.skills.enumerated() {
            if let reason = Validate.within(skill.level, 1...10) { issues.add("skills[\(index)].level", String(skill.level), reason) }
        }
        for (index, membership) in definition.queues.enumerated() {
            if let reason = Validate.within(membership.tier, 1...9) { issues.add("queues[\(index)].tier", String(membership.tier), reason) }
        }
        for duplicate in Validate.duplicates(definition.skills.map(\.skillID)) {
            issues.add("skills[\(definition.skills.lastIndex { $0.skillID == duplicate }!)].skill", duplicate.rawValue, "is listed twice")
        }
        for duplicate in Validate.duplicates(definition.queues.map(\.queueID)) {
            issues.add("queues[\(definition.queues.lastIndex { $0.queueID == duplicate }!)].queue", duplicate.rawValue, "is listed twice")
        }
        if let sipPassword, let reason = checkPassword(sipPassword) { issues.add("password", nil, reason) }
        try issues.throwIfAny()
    }

    /// Why a SIP password is too weak to put on a phone reachable from the network.
    static func checkPassword(_ password: String) -> String? {
        password.count < 6 ? "must be at least 6 characters (SIP phones are scanned for weak passwords)" : nil
    }

    private func checkReferences(_ tenant: TenantID, _ id: AgentID, _ definition: AgentDefinition, on db: any SQLDatabase) async throws {
        var issues = IssueCollector()
        if try await TenantRows.holder("agents", tenant, column: "work_number", value: definition.workNumber, excluding: id.rawValue, on: db) != nil {
            issues.add("work_number", definition.workNumber, "another agent of the tenant has this work number")
        }
        if try await TenantRows.holder("agents", tenant, column: "extension", value: definition.extensionNumber, excluding: id.rawValue, on: db) != nil {
            issues.add("extension", definition.extensionNumber, "another agent of the tenant has this extension")
        }
        let missingSkills = try await TenantRows.missing("skills", tenant, ids: definition.skills.map(\.skillID.rawValue), on: db)
        for (index, skill) in definition.skills.enumerated() where missingSkills.contains(skill.skillID.rawValue) {
            issues.add("skills[\(index)].skill", skill.skillID.rawValue, "no such skill in this tenant")
        }
        let missingQueues = try await TenantRows.missing("queues", tenant, ids: definition.queues.map(\.queueID.rawValue), on: db)
        for (index, membership) in definition.queues.enumerated() where missingQueues.contains(membership.queueID.rawValue) {
            issues.add("queues[\(index)].queue", membership.queueID.rawValue, "no such queue in this tenant")
        }
        let organization: [(String, String, String?)] = [
            ("team", "teams", definition.teamID?.rawValue), ("site", "sites", definition.siteID?.rawValue),
            ("partner", "partners", definition.partnerID?.rawValue),
        ]
        for (field, table, value) in organization {
            if let value, try await !TenantRows.exists(table, tenant, id: value, on: db) {
                issues.add(field, value, "no such \(field) in this tenant")
            }
        }
        try issues.throwIfAny()
    }

    // MARK: Rows

    private func writeMemberships(_ tenant: TenantID, _ id: AgentID, _ definition: AgentDefinition, on db: any SQLDatabase) async throws {
        for skill in definition.skills {
            try await db.insert(into: "agent_skills").columns("tenant_id", "agent_id", "skill_id", "level")
                .values(SQLBind(tenant.rawValue), SQLBind(id.rawValue), SQLBind(skill.skillID.rawValue), SQLBind(skill.level))
                .run()
        }
        for membership in definition.queues {
            try await db.insert(into: "agent_queues").columns("tenant_id", "agent_id", "queue_id", "tier")
                .values(SQLBind(tenant.rawValue), SQLBind(id.rawValue), SQLBind(membership.queueID.rawValue), SQLBind(membership.tier))
                .run()
        }
    }

    private func replaceCredentials(_ tenant: TenantID, _ id: AgentID, _ credentials: [DigestHA1], on db: any SQLDatabase) async throws {
        for credential in credentials {
            if let holder = try await db.select().column("agent_id").from("sip_credentials")
                .where("realm", .equal, SQLBind(credential.realm)).where("username", .equal, SQLBind(credential.username))
                .where("agent_id", .notEqual, SQLBind(id.rawValue)).first(), try holder.string("agent_id") != id.rawValue {
                throw StoreError.invalid("extension", credential.username,
                                         "is already registered in realm \(credential.realm) by another agent")
            }
        }
        try await db.delete(from: "sip_credentials").where("tenant_id", .equal, SQLBind(tenant.rawValue))
            .where("agent_id", .equal, SQLBind(id.rawValue)).run()
        let now = context.nowMilliseconds
        for credential in credentials {
            try await db.insert(into: "sip_credentials")
                .columns("realm", "username", "tenant_id", "agent_id", "ha1_md5", "ha1_sha256", "updated_at")
                .values(SQLBind(credential.realm), SQLBind(credential.username), SQLBind(tenant.rawValue),
                        SQLBind(id.rawValue), SQLBind(credential.md5), SQLBind(credential.sha256), SQLBind(now))
                .run()
        }
    }

    func fetch(_ tenant: TenantID, _ id: AgentID, on db: any SQLDatabase) async throws -> Agent {
        guard let row = try await db.select().column("*").from("agents")
            .where("tenant_id", .equal, SQLBind(tenant.rawValue)).where("id", .equal, SQLBind(id.rawValue)).first()
        else { throw StoreError.notFound(kind: "agent", key: id.rawValue) }
        let skills = try await db.select().column("*").from("agent_skills")
            .where("tenant_id", .equal, SQLBind(tenant.rawValue)).where("agent_id", .equal, SQLBind(id.rawValue)).all()
        let queues = try await db.select().column("*").from("agent_queues")
            .where("tenant_id", .equal, SQLBind(tenant.rawValue)).where("agent_id", .equal, SQLBind(id.rawValue)).all()
        return try Self.agent(row, skills: skills, queues: queues)
    }

    static func credential(_ row: any SQLRow) throws -> DigestHA1 {
        try DigestHA1(realm: try row.string("realm"), username: try row.string("username"),
                      md5: try row.string("ha1_md5"), sha256: try row.string("ha1_sha256"))
    }

    static func agent(_ row: any SQLRow, skills: [any SQLRow], queues: [any SQLRow]) throws -> Agent {
        Agent(
            id: try row.id("id"), tenantID: try row.id("tenant_id"),
            definition: AgentDefinition(
                workNumber: try row.string("work_number"), displayName: try row.string("display_name"),
                extensionNumber: try row.string("extension"), pcPhoneNumber: try row.optionalString("pc_phone_number"),
                capacity: ChannelCapacity(voice: try row.int("voice_capacity"), chat: try row.int("chat_capacity"),
                                          email: try row.int("email_capacity")),
                autoAnswer: try row.bool("auto_answer"),
                status: AgentStatus(rawValue: try row.string("status")) ?? .disabled,
                skills: try skills.map { AgentSkill(skillID: try $0.id("skill_id"), level: try $0.int("level")) }
                    .sorted { $0.skillID < $1.skillID },
                queues: try queues.map { AgentQueueMembership(queueID: try $0.id("queue_id"), tier: try $0.int("tier")) }
                    .sorted { $0.queueID < $1.queueID },
                teamID: try row.optionalID("team_id"), siteID: try row.optionalID("site_id"),
                partnerID: try row.optionalID("partner_id")),
            createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
    }
}
