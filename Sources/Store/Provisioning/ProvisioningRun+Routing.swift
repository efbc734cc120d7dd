// Provisioning what routes a call: queues (two passes, so queues can overflow into queues
// the same file creates), flows (new versions published only when the document changed)
// and access numbers.
import Foundation

extension ProvisioningRun {
    // MARK: Queues

    func applyQueues(_ entry: ProvisioningDocument.TenantEntry, path: String, names: inout TenantNames) async throws {
        let t = names.tenant.id
        let queues = entry.queues ?? []
        let inFile = Set(queues.map(\.name))
        var deferred: [(index: Int, definition: QueueDefinition)] = []
        // First pass: every queue, overflowing only into queues that exist by then; queues
        // overflowing into one this file creates later get their overflow in the second pass.
        for (index, queue) in queues.enumerated() {
            let field = "\(path).queues[\(index)]"
            guard var definition = queueDefinition(queue, field: field, names: names, inFile: inFile) else {
                names.failed.insert("queue:\(queue.name)")
                continue
            }
            let existing = names.queues[queue.name]
            if let target = queue.overflow, definition.overflowQueueID == nil, names.queues[target] == nil || target == queue.name {
                deferred.append((index, definition))
                definition.overflowQueueID = existing?.overflowQueueID
            }
            let firstPass = definition
            let stored = try await upsert(
                "queue", "\(names.code)/\(queue.name)", path: field, existing: existing,
                isUnchanged: { $0.definition == firstPass.normalized() },
                create: { try await self.store.queues.create(t, firstPass) },
                update: { try await self.store.queues.update(t, $0.id, firstPass) })
            if let stored { names.queues[queue.name] = stored } else { names.failed.insert("queue:\(queue.name)") }
        }
        for (index, var definition) in deferred {
            let queue = queues[index]
            guard let stored = names.queues[queue.name], let target = names.queues[queue.overflow ?? ""] else { continue }
            definition.overflowQueueID = target.id
            guard stored.definition != definition.normalized() else { continue }
            do {
                names.queues[queue.name] = try await store.queues.update(t, stored.id, definition)
                markChanged("queue", "\(names.code)/\(queue.name)")
            } catch let error as StoreError {
                try collect(error, path: "\(path).queues[\(index)]")
            }
        }
    }

    func queueDefinition(
        _ queue: ProvisioningDocument.QueueEntry, field: String, names: TenantNames, inFile: Set<String>
    ) -> QueueDefinition? {
        let strategy = choice(QueueStrategy.self, queue.strategy, default: .longestIdle, field: "\(field).strategy")
        var missing = strategy == nil
        var hours: [BusinessHoursWindow] = []
        for (index, window) in (queue.businessHours ?? []).enumerated() {
            var days: [Weekday] = []
            for day in window.days {
                if let parsed = Weekday(rawValue: day) { days.append(parsed) } else {
                    issues.add("\(field).business_hours[\(index)].days", day, "must be one of: mon, tue, wed, thu, fri, sat, sun")
                    missing = true
                }
            }
            hours.append(BusinessHoursWindow(days: days, start: window.start, end: window.end))
        }
        var skills: [QueueSkillRequirement] = []
        for (index, requirement) in (queue.skills ?? []).enumerated() {
            switch resolve(requirement.skill, names.skills, kind: "skill", field: "\(field).skills[\(index)].skill", names: names) {
            case .found(let skill): skills.append(QueueSkillRequirement(skillID: skill.id, minimumLevel: requirement.minLevel ?? 1))
            case .missing: missing = true
            case .absent: break
            }
        }
        let music = resolve(queue.musicOnHold, names.prompts, kind: "prompt", field: "\(field).music_on_hold", names: names)
        var overflow: QueueID?
        if let target = queue.overflow {
            if let stored = names.queues[target], target != queue.name {
                overflow = stored.id
            } else if names.failed.contains("queue:\(target)") {
                missing = true
            } else if !inFile.contains(target) {
                issues.add("\(field).overflow", target, "no queue named '\(target)' in tenant \(names.code) (neither in this file nor in the store)")
                missing = true
            }
        }
        let definition = QueueDefinition(
            name: queue.name, displayName: queue.displayName ?? "", strategy: strategy ?? .longestIdle,
            priority: queue.priority ?? 0, serviceLevelSeconds: queue.serviceLevelSeconds ?? 20,
            wrapUpSeconds: queue.wrapUpSeconds ?? 10, maxWaitSeconds: queue.maxWaitSeconds, maxWaiting: queue.maxWaiting,
            overflowQueueID: overflow, businessHours: hours, musicOnHoldPromptID: music.value?.id,
            announceIntervalSeconds: queue.announceIntervalSeconds, callbackEnabled: queue.callback ?? false, skills: skills,
            surveyFlow: queue.surveyFlow)
        if missing || music.isMissing {
            // Still report what else is wrong with the queue, so one run lists everything.
            reportStatic(field: field) { try QueueRepository.validate(definition) }
            return nil
        }
        return definition
    }

    /// Collects the issues a repository's own checks find, for an object that will not be
    /// written because something else about it is already wrong.
    func reportStatic(field: String, _ check: () throws -> Void) {
        do { try check() } catch let error as StoreError { issues.add(contentsOf: error.issues, prefix: field) } catch {}
    }

    // MARK: Flows and numbers

    func applyFlows(_ entry: ProvisioningDocument.TenantEntry, path: String, names: inout TenantNames) async throws {
        let t = names.tenant.id
        for (index, flow) in (entry.flows ?? []).enumerated() {
            let field = "\(path).flows[\(index)]"
            guard let document = flow.document else {
                if flow.flowFile == nil { issues.add(field, flow.name, "give flow_file: PATH.json or document: {…}") }
                names.failed.insert("flow:\(flow.name)")
                continue
            }
            let definition = FlowDefinition(name: flow.name, description: flow.description ?? "")
            let existing = names.flows[flow.name]
            let published = try await existing.asyncMap { try await store.flows.publishedVersion(t, $0.id) } ?? nil
            let stored = try await upsert(
                "flow", "\(names.code)/\(flow.name)", path: field, existing: existing,
                isUnchanged: { $0.definition == definition && published?.document == document },
                create: {
                    let created = try await self.store.flows.create(t, definition)
                    try await self.publishFlow(t, created.id, document: document)
                    return try await self.store.flows.get(t, created.id)
                },
                update: { current in
                    if current.definition != definition { _ = try await self.store.flows.update(t, current.id, definition) }
                    if published?.document != document { try await self.publishFlow(t, current.id, document: document) }
                    return try await self.store.flows.get(t, current.id)
                })
            if let stored { names.flows[flow.name] = stored } else { names.failed.insert("flow:\(flow.name)") }
        }
    }

    func publishFlow(_ tenant: TenantID, _ flow: FlowID, document: JSONValue) async throws {
        let version = try await store.flows.addVersion(tenant, flow, document: document, createdBy: options.actor)
        if try await store.platformSettings.approvalRequired() {
            _ = try await store.flows.submit(tenant, version.id, by: options.actor)
            _ = try await store.flows.approve(tenant, version.id, by: options.actor, comment: "provisioned")
        }
        _ = try await store.flows.publish(tenant, version.id, by: options.actor)
    }

    func applyNumbers(_ entry: ProvisioningDocument.TenantEntry, path: String, names: TenantNames) async throws {
        let t = names.tenant.id
        let existing = Dictionary(try await store.accessNumbers.list(t).map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
        for (index, number) in (entry.numbers ?? []).enumerated() {
            let field = "\(path).numbers[\(index)]"
            let flow = resolve(number.flow, names.flows, kind: "flow", field: "\(field).flow", names: names)
            guard !flow.isMissing else { continue }
            if number.rules == nil, number.rulesFile != nil { continue }
            let definition = AccessNumberDefinition(
                number: number.number, purpose: number.purpose ?? "service", carrier: number.carrier ?? "",
                inbound: number.inbound ?? true, outbound: number.outbound ?? false, flowID: flow.value?.id,
                rules: number.rules ?? .emptyObject)
            _ = try await upsert(
                "number", "\(names.code)/\(number.number)", path: field, existing: existing[number.number],
                isUnchanged: { $0.definition == definition },
                create: { try await self.store.accessNumbers.create(t, definition) },
                update: { try await self.store.accessNumbers.update(t, $0.id, definition) })
        }
    }
}
