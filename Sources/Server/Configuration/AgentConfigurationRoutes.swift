// A tenant's agent definitions (工号, extension, skills, queues) with the SIP password
// write-only, held to the tenant's seat quota; live presence is `AgentRoutes`.

import Foundation
import Hummingbird
import Store

/// `/api/v1/config/agents...`.
struct AgentConfigurationRoutes {
    let services: ServerServices

    /// An agent as the API writes it; on update, missing fields keep their value.
    struct Input: Decodable {
        struct SkillLevel: Codable, Sendable {
            var skillId: String
            var level: Int
        }

        struct Membership: Codable, Sendable {
            var queueId: String
            var tier: Int?
        }

        var workNumber: String?
        var displayName: String?
        var extensionNumber: String?
        var autoAnswer: Bool?
        var status: String?
        var skills: [SkillLevel]?
        var queues: [Membership]?
        /// The SIP password of the agent's phone: write-only, stored as digest hashes.
        var sipPassword: String?

        func apply(to definition: inout AgentDefinition) throws {
            if let workNumber { definition.workNumber = workNumber }
            if let displayName { definition.displayName = displayName }
            if let extensionNumber { definition.extensionNumber = extensionNumber }
            if let autoAnswer { definition.autoAnswer = autoAnswer }
            if let status { definition.status = try enumField(status, "status", as: AgentStatus.self) }
            if let skills {
                definition.skills = try skills.enumerated().map { index, skill in
                    try checkRange(skill.level, "skills[\(index)].level", 1...10)
                    return AgentSkill(skillID: SkillID(rawValue: skill.skillId), level: skill.level)
                }
            }
            if let queues {
                definition.queues = try queues.enumerated().map { index, membership in
                    try checkRange(membership.tier, "queues[\(index)].tier", 1...10)
                    return AgentQueueMembership(queueID: QueueID(rawValue: membership.queueId), tier: membership.tier ?? 1)
                }
            }
        }
    }

    struct Output: Encodable, Sendable {
        var id, workNumber, displayName, extensionNumber, status: String
        var autoAnswer: Bool
        var skills: [Input.SkillLevel]
        var queues: [Input.Membership]
        var createdAt, updatedAt: Date

        init(_ agent: Agent) {
            id = agent.id.rawValue
            workNumber = agent.workNumber
            displayName = agent.displayName
            extensionNumber = agent.extensionNumber
            status = agent.status.rawValue
            autoAnswer = agent.autoAnswer
            skills = agent.skills.map { .init(skillId: $0.skillID.rawValue, level: $0.level) }
            queues = agent.queues.map { .init(queueId: $0.queueID.rawValue, tier: $0.tier) }
            createdAt = agent.createdAt
            updatedAt = agent.updatedAt
        }
    }

    func register(on routes: APIRouteRecorder) {
        let agents = services.store.agents
        routes.add(.get, "/api/v1/config/agents") { _, context in
            let tenant = try context.require(.readConfiguration).requireTenant()
            return JSONResponse(ItemList(items: try await agents.list(tenant).map(Output.init)))
        }
        routes.add(.post, "/api/v1/config/agents") { request, context in
            let principal = try context.require(.configure)
            let tenant = try principal.requireTenant()
            let input = try await request.decodeJSON(as: Input.self, context: context)
            for (field, value) in [("work_number", input.workNumber), ("display_name", input.displayName), ("extension_number", input.extensionNumber)]
            where value == nil {
                throw APIError.invalid(field, "is required")
            }
            let seats = try await services.store.tenants.get(tenant).quotas.seats
            guard try await agents.list(tenant).count < seats else {
                throw APIError(.conflict, code: "quota_exceeded", message: "the tenant's seat quota (\(seats)) is used up; ask the platform operator for more")
            }
            var definition = AgentDefinition(workNumber: "", displayName: "", extensionNumber: "")
            try input.apply(to: &definition)
            let agent = try await agents.create(tenant, definition)
            if let password = input.sipPassword { try await agents.setSIPPassword(tenant, agent.id, password) }
            try await services.configurationChanged(context, by: principal, scope: .tenant(tenant), action: "agent.create", kind: "agent",
                                                    id: agent.id.rawValue, detail: ["work_number": agent.workNumber])
            return JSONResponse(Output(agent), status: .created)
        }
        routes.add(.get, "/api/v1/config/agents/{id}") { _, context in
            let tenant = try context.require(.readConfiguration).requireTenant()
            return JSONResponse(Output(try await agents.get(tenant, AgentID(rawValue: try context.pathParameter("id")))))
        }
        routes.add(.put, "/api/v1/config/agents/{id}") { request, context in
            let principal = try context.require(.configure)
            let tenant = try principal.requireTenant()
            let id = AgentID(rawValue: try context.pathParameter("id"))
            var definition = try await agents.get(tenant, id).definition
            let input = try await request.decodeJSON(as: Input.self, context: context)
            try input.apply(to: &definition)
            let agent = try await agents.update(tenant, id, definition)
            if let password = input.sipPassword { try await agents.setSIPPassword(tenant, id, password) }
            try await services.configurationChanged(context, by: principal, scope: .tenant(tenant), action: "agent.update", kind: "agent", id: id.rawValue,
                                                    detail: input.sipPassword != nil ? ["sip_password": "changed"] : [:])
            return JSONResponse(Output(agent))
        }
        routes.add(.delete, "/api/v1/config/agents/{id}") { _, context in
            let principal = try context.require(.configure)
            let tenant = try principal.requireTenant()
            let id = AgentID(rawValue: try context.pathParameter("id"))
            try await agents.delete(tenant, id)
            try await services.configurationChanged(context, by: principal, scope: .tenant(tenant), action: "agent.delete", kind: "agent", id: id.rawValue)
            return NoContent()
        }
    }
}
