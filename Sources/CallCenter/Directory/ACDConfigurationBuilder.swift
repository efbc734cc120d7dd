// Turns a tenant's stored queues, agents and skills into the ACD engine's configuration.

import ACD

/// Builds ``ACDTenantConfiguration`` from ``TenantRecord``: identifiers are the store's ids,
/// so the ACD, the CDRs and the API all name things the same way.
enum ACDConfigurationBuilder {
    /// How long an offer rings before the ACD gives up (RONA), unless configured otherwise.
    static let defaultOfferTimeout = ACDDuration.seconds(20)

    /// The ACD configuration of `record`.
    static func configuration(for record: TenantRecord, offerTimeout: ACDDuration = defaultOfferTimeout) -> ACDTenantConfiguration {
        let skills = record.skills.map { SkillDefinition(id: SkillID($0.key), name: $0.value) }.sorted { $0.id < $1.id }
        let queues = record.queues.map { queue in
            QueueConfiguration(
                id: QueueID(queue.id), name: queue.name, strategy: strategy(queue.strategy),
                requiredSkills: queue.skills.map { SkillRequirement(SkillID($0.skill), atLeast: $0.minimumLevel) },
                offerTimeout: offerTimeout,
                wrapUpTime: .seconds(queue.wrapUpSeconds),
                serviceLevelThreshold: .seconds(queue.serviceLevelSeconds),
                overflow: overflowRules(queue),
                announcementInterval: queue.announceIntervalSeconds.map { .seconds($0) })
        }
        let agents = record.agents.map { agent in
            AgentConfiguration(
                id: AgentID(agent.id), name: agent.name, team: agent.teamID.map { TeamID($0) },
                skills: Dictionary(agent.skills.map { (SkillID($0.skill), $0.level) }, uniquingKeysWith: max),
                queues: agent.queues.map { QueueMembership(QueueID($0.queue), tier: $0.tier - 1) })
        }
        let reasons = record.notReadyReasons.map { reason in
            NotReadyReasonConfiguration(
                id: NotReadyReasonID(reason.code), name: reason.name, maximumDuration: reason.maxDurationSeconds.map { .seconds($0) },
                maximumPerShift: reason.maxPerShift, maximumPerTeam: reason.maxConcurrentPerTeam)
        }
        return ACDTenantConfiguration(tenant: TenantID(record.id), skills: skills, queues: queues, agents: agents, notReadyReasons: reasons)
    }

    /// The ACD strategy for a stored strategy name.
    static func strategy(_ name: String) -> RoutingStrategy {
        switch name {
        case "ring_all": .ringAll
        case "round_robin": .roundRobin
        case "fewest_calls": .fewestHandled
        case "highest_skill": .bestSkill
        default: .longestIdle
        }
    }

    /// Overflow outside the service hours, after the maximum wait or at the maximum queue
    /// length: to the overflow queue when there is one, else out of the ACD (the flow's "no
    /// agent" branch).
    static func overflowRules(_ queue: QueueRecord) -> [OverflowRule] {
        let action: OverflowAction = queue.overflowQueueID.map { .queue(QueueID($0)) } ?? .ivrNode("noAgent")
        var rules: [OverflowRule] = []
        if !queue.businessHours.isEmpty { rules.append(OverflowRule(when: .closed, then: action)) }
        if let seconds = queue.maxWaitSeconds { rules.append(OverflowRule(when: .waitedLongerThan(.seconds(seconds)), then: action)) }
        if let waiting = queue.maxWaiting { rules.append(OverflowRule(when: .queueFull(waiting: waiting), then: action)) }
        return rules
    }
}
