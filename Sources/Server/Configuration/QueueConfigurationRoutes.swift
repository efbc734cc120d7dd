// A tenant's queue definitions (strategy, service level, overflow, skills) and skills; the
// live queue status is `QueueRoutes`.

import Foundation
import Hummingbird
import Store

/// `/api/v1/config/queues...` and `/api/v1/config/skills...`.
struct QueueConfigurationRoutes {
    let services: ServerServices

    /// A queue as the API writes it; on update, missing fields keep their value.
    struct QueueInput: Decodable {
        struct SkillRequirement: Codable, Sendable {
            var skillId: String
            var minLevel: Int?
        }

        var name: String?
        var displayName: String?
        var strategy: String?
        var priority: Int?
        var serviceLevelSeconds: Int?
        var wrapUpSeconds: Int?
        var maxWaitSeconds: Int?
        var maxWaiting: Int?
        /// The queue calls overflow to; "" for none.
        var overflowQueueId: String?
        var callbackEnabled: Bool?
        var skills: [SkillRequirement]?
        /// The name of the flow whose survey node the queue's callers take; "" for none.
        var surveyFlow: String?

        func apply(to definition: inout QueueDefinition) throws {
            if let name { definition.name = name }
            if let displayName { definition.displayName = displayName }
            if let strategy { definition.strategy = try enumField(strategy, "strategy", as: QueueStrategy.self) }
            try checkRange(priority, "priority", 0...1_000)
            try checkRange(serviceLevelSeconds, "service_level_seconds", 1...3_600)
            try checkRange(wrapUpSeconds, "wrap_up_seconds", 0...3_600)
            try checkRange(maxWaitSeconds, "max_wait_seconds", 1...86_400)
            try checkRange(maxWaiting, "max_waiting", 1...100_000)
            if let priority { definition.priority = priority }
            if let serviceLevelSeconds { definition.serviceLevelSeconds = serviceLevelSeconds }
            if let wrapUpSeconds { definition.wrapUpSeconds = wrapUpSeconds }
            if let maxWaitSeconds { definition.maxWaitSeconds = maxWaitSeconds }
            if let maxWaiting { definition.maxWaiting = maxWaiting }
            if let overflowQueueId { definition.overflowQueueID = overflowQueueId.isEmpty ? nil : QueueID(rawValue: overflowQueueId) }
            if let callbackEnabled { definition.callbackEnabled = callbackEnabled }
            if let surveyFlow { definition.surveyFlow = surveyFlow.isEmpty ? nil : surveyFlow }
            if let skills {
                definition.skills = try skills.enumerated().map { index, requirement in
                    try checkRange(requirement.minLevel, "skills[\(index)].min_level", 1...10)
                    return QueueSkillRequirement(skillID: SkillID(rawValue: requirement.skillId), minimumLevel: requirement.minLevel ?? 1)
                }
            }
        }
    }

    struct QueueOutput: Encodable, Sendable {
        var id, name, displayName, strategy: String
        var priority, serviceLevelSeconds, wrapUpSeconds: Int
        var maxWaitSeconds, maxWaiting: Int?
        var overflowQueueId: String?
        var callbackEnabled: Bool
        var skills: [QueueInput.SkillRequirement]
        var surveyFlow: String?
        var createdAt, updatedAt: Date

        init(_ queue: Queue) {
            id = queue.id.rawValue
            name = queue.name
            displayName = queue.displayName
            strategy = queue.strategy.rawValue
            priority = queue.priority
            serviceLevelSeconds = queue.serviceLevelSeconds
            wrapUpSeconds = queue.wrapUpSeconds
            maxWaitSeconds = queue.maxWaitSeconds
            maxWaiting = queue.maxWaiting
            overflowQueueId = queue.overflowQueueID?.rawValue
            callbackEnabled = queue.callbackEnabled
            skills = queue.skills.map { .init(skillId: $0.skillID.rawValue, minLevel: $0.minimumLevel) }
            surveyFlow = queue.surveyFlow
            createdAt = queue.createdAt
            updatedAt = queue.updatedAt
        }
    }

    /// A skill as the API writes it.
    struct SkillInput: Decodable {
        var name: String?
        var description: String?
    }

    struct SkillOutput: Encodable, Sendable {
        var id, name, description: String
        var createdAt, updatedAt: Date

        init(_ skill: Skill) {
            id = skill.id.rawValue
            name = skill.name
            description = skill.description
            createdAt = skill.createdAt
            updatedAt = skill.updatedAt
        }
    }

    func register(on routes: APIRouteRecorder) {
        let queues = services.store.queues
        routes.add(.get, "/api/v1/config/queues") { _, context in
            let tenant = try context.require(.readConfiguration).requireTenant()
            return JSONResponse(ItemList(items: try await queues.list(tenant).map(QueueOutput.init)))
        }
        routes.add(.post, "/api/v1/config/queues") { request, context in
            let principal = try context.require(.configure)
            let tenant = try principal.requireTenant()
            let input = try await request.decodeJSON(as: QueueInput.self, context: context)
            guard input.name != nil else { throw APIError.invalid("name", "is required") }
            var definition = QueueDefinition(name: "")
            try input.apply(to: &definition)
            try await checkSurveyFlow(definition, tenant: tenant)
            let queue = try await queues.create(tenant, definition)
            try await services.configurationChanged(context, by: principal, scope: .tenant(tenant), action: "queue.create", kind: "queue",
                                                    id: queue.id.rawValue, detail: ["name": queue.name])
            return JSONResponse(QueueOutput(queue), status: .created)
        }
        routes.add(.get, "/api/v1/config/queues/{id}") { _, context in
            let tenant = try context.require(.readConfiguration).requireTenant()
            return JSONResponse(QueueOutput(try await queues.get(tenant, QueueID(rawValue: try context.pathParameter("id")))))
        }
        routes.add(.put, "/api/v1/config/queues/{id}") { request, context in
            let principal = try context.require(.configure)
            let tenant = try principal.requireTenant()
            let id = QueueID(rawValue: try context.pathParameter("id"))
            var definition = try await queues.get(tenant, id).definition
            try await request.decodeJSON(as: QueueInput.self, context: context).apply(to: &definition)
            try await checkSurveyFlow(definition, tenant: tenant)
            let queue = try await queues.update(tenant, id, definition)
            try await services.configurationChanged(context, by: principal, scope: .tenant(tenant), action: "queue.update", kind: "queue", id: id.rawValue)
            return JSONResponse(QueueOutput(queue))
        }
        routes.add(.delete, "/api/v1/config/queues/{id}") { _, context in
            let principal = try context.require(.configure)
            let tenant = try principal.requireTenant()
            let id = QueueID(rawValue: try context.pathParameter("id"))
            try await queues.delete(tenant, id)
            try await services.configurationChanged(context, by: principal, scope: .tenant(tenant), action: "queue.delete", kind: "queue", id: id.rawValue)
            return NoContent()
        }
        registerSkills(on: routes)
    }

    /// A queue's survey must name one of the tenant's flows (422 on `survey_flow` otherwise).
    private func checkSurveyFlow(_ definition: QueueDefinition, tenant: TenantID) async throws {
        guard let name = definition.surveyFlow else { return }
        let names = try await services.store.flows.list(tenant).map(\.definition.name)
        guard names.contains(name) else {
            throw APIError.invalid("survey_flow", "no flow named '\(name)' in your tenant (flows: \(names.sorted().joined(separator: ", ")))")
        }
    }

    private func registerSkills(on routes: APIRouteRecorder) {
        let skills = services.store.skills
        routes.add(.get, "/api/v1/config/skills") { _, context in
            let tenant = try context.require(.readConfiguration).requireTenant()
            return JSONResponse(ItemList(items: try await skills.list(tenant).map(SkillOutput.init)))
        }
        routes.add(.post, "/api/v1/config/skills") { request, context in
            let principal = try context.require(.configure)
            let tenant = try principal.requireTenant()
            let input = try await request.decodeJSON(as: SkillInput.self, context: context)
            guard let name = input.name else { throw APIError.invalid("name", "is required") }
            let skill = try await skills.create(tenant, SkillDefinition(name: name, description: input.description ?? ""))
            try await services.configurationChanged(context, by: principal, scope: .tenant(tenant), action: "skill.create", kind: "skill",
                                                    id: skill.id.rawValue, detail: ["name": skill.name])
            return JSONResponse(SkillOutput(skill), status: .created)
        }
        routes.add(.get, "/api/v1/config/skills/{id}") { _, context in
            let tenant = try context.require(.readConfiguration).requireTenant()
            return JSONResponse(SkillOutput(try await skills.get(tenant, SkillID(rawValue: try context.pathParameter("id")))))
        }
        routes.add(.put, "/api/v1/config/skills/{id}") { request, context in
            let principal = try context.require(.configure)
            let tenant = try principal.requireTenant()
            let id = SkillID(rawValue: try context.pathParameter("id"))
            var definition = try await skills.get(tenant, id).definition
            let input = try await request.decodeJSON(as: SkillInput.self, context: context)
            if let name = input.name { definition.name = name }
            if let description = input.description { definition.description = description }
            let skill = try await skills.update(tenant, id, definition)
            try await services.configurationChanged(context, by: principal, scope: .tenant(tenant), action: "skill.update", kind: "skill", id: id.rawValue)
            return JSONResponse(SkillOutput(skill))
        }
        routes.add(.delete, "/api/v1/config/skills/{id}") { _, context in
            let principal = try context.require(.configure)
            let tenant = try principal.requireTenant()
            let id = SkillID(rawValue: try context.pathParameter("id"))
            try await skills.delete(tenant, id)
            try await services.configurationChanged(context, by: principal, scope: .tenant(tenant), action: "skill.delete", kind: "skill", id: id.rawValue)
            return NoContent()
        }
    }
}
