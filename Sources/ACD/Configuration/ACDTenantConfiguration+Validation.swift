// Validation of a tenant configuration before the engine takes it.

extension ACDTenantConfiguration {
    /// Highest priority a task or nothing may have.
    static let priorityRange = 0...1000
    /// Valid proficiency levels.
    static let skillLevelRange = 1...10
    /// Valid tiers.
    static let tierRange = 0...1000
    /// Valid capacities per channel.
    static let capacityRange = 0...100

    /// Checks the configuration and throws every problem found at once.
    public func validate() throws(ACDConfigurationError) {
        var problems: [ACDConfigurationError.Problem] = []
        func problem(_ field: String, _ message: String) {
            problems.append(.init(field: field, message: message))
        }

        if tenant.rawValue.isEmpty { problem("tenant", "must not be empty") }
        var skillIDs = Set<SkillID>()
        for (index, skill) in skills.enumerated() {
            if skill.id.rawValue.isEmpty { problem("skills[\(index)].id", "must not be empty") }
            if !skillIDs.insert(skill.id).inserted {
                problem("skills[\(index)].id", "skill '\(skill.id)' is defined twice")
            }
        }
        func checkRequirements(_ requirements: [SkillRequirement], at field: String) {
            for (index, requirement) in requirements.enumerated() {
                if !skillIDs.contains(requirement.skill) {
                    problem("\(field)[\(index)].skill", "skill '\(requirement.skill)' is not defined in skills")
                }
                if !Self.skillLevelRange.contains(requirement.minimumLevel) {
                    problem("\(field)[\(index)].minimumLevel",
                            "\(requirement.minimumLevel) is outside 1...10")
                }
            }
        }
        func checkCapacity(_ capacity: [ChannelCapacity], at field: String) {
            var seen = Set<ACDChannel>()
            for (index, entry) in capacity.enumerated() {
                if !seen.insert(entry.channel).inserted {
                    problem("\(field)[\(index)].channel", "channel \(entry.channel) is listed twice")
                }
                if !Self.capacityRange.contains(entry.maximum) {
                    problem("\(field)[\(index)].maximum", "\(entry.maximum) is outside 0...100")
                }
            }
        }

        let queueIDs = Set(queues.map(\.id))
        var seenQueues = Set<QueueID>()
        for (index, queue) in queues.enumerated() {
            let field = "queues[\(index)]"
            if queue.id.rawValue.isEmpty { problem("\(field).id", "must not be empty") }
            if !seenQueues.insert(queue.id).inserted {
                problem("\(field).id", "queue '\(queue.id)' is defined twice")
            }
            if let aging = queue.priorityAging, aging.milliseconds <= 0 {
                problem("\(field).priorityAging", "must be more than 0 seconds (or absent for strict priority)")
            }
            checkRequirements(queue.requiredSkills, at: "\(field).requiredSkills")
            var previous = ACDDuration(milliseconds: -1)
            for (stepIndex, step) in queue.skillRelaxation.enumerated() {
                if step.after <= previous {
                    problem("\(field).skillRelaxation[\(stepIndex)].after",
                            "steps must be in increasing order of wait, each after a positive wait")
                }
                if step.after.milliseconds <= 0 {
                    problem("\(field).skillRelaxation[\(stepIndex)].after", "must be more than 0 seconds")
                }
                if !(0...10).contains(step.minimumLevel) {
                    problem("\(field).skillRelaxation[\(stepIndex)].minimumLevel",
                            "\(step.minimumLevel) is outside 0...10")
                }
                previous = step.after
            }
            if queue.offerTimeout.milliseconds <= 0 { problem("\(field).offerTimeout", "must be more than 0 seconds") }
            if queue.wrapUpTime.milliseconds < 0 { problem("\(field).wrapUpTime", "must not be negative") }
            if queue.serviceLevelThreshold.milliseconds <= 0 {
                problem("\(field).serviceLevelThreshold", "must be more than 0 seconds")
            }
            if queue.expectedHandleTime.milliseconds <= 0 {
                problem("\(field).expectedHandleTime", "must be more than 0 seconds")
            }
            if let interval = queue.announcementInterval, interval.milliseconds < 1000 {
                problem("\(field).announcementInterval", "must be at least 1 second (or absent)")
            }
            if let sticky = queue.sticky {
                if sticky.window.milliseconds <= 0 { problem("\(field).sticky.window", "must be more than 0 seconds") }
                if sticky.wait.milliseconds < 0 { problem("\(field).sticky.wait", "must not be negative") }
            }
            for (ruleIndex, rule) in queue.overflow.enumerated() {
                let ruleField = "\(field).overflow[\(ruleIndex)]"
                switch rule.condition {
                case .waitedLongerThan(let limit) where limit.milliseconds <= 0:
                    problem("\(ruleField).when.waitedLongerThan", "must be more than 0 seconds")
                case .queueFull(let waiting) where waiting < 0:
                    problem("\(ruleField).when.queueFull", "must not be negative")
                default: break
                }
                switch rule.action {
                case .queue(let target) where !queueIDs.contains(target):
                    problem("\(ruleField).then.queue", "queue '\(target)' is not defined")
                case .queue(let target) where target == queue.id:
                    problem("\(ruleField).then.queue", "a queue cannot overflow into itself")
                case .externalNumber(let number) where number.isEmpty:
                    problem("\(ruleField).then.externalNumber", "must not be empty")
                case .ivrNode(let node) where node.isEmpty:
                    problem("\(ruleField).then.ivrNode", "must not be empty")
                default: break
                }
            }
        }

        checkCapacity(defaultCapacity, at: "defaultCapacity")
        var seenAgents = Set<AgentID>()
        for (index, agent) in agents.enumerated() {
            let field = "agents[\(index)]"
            if agent.id.rawValue.isEmpty { problem("\(field).id", "must not be empty") }
            if !seenAgents.insert(agent.id).inserted {
                problem("\(field).id", "agent '\(agent.id)' is defined twice")
            }
            for (skill, level) in agent.skills.sorted(by: { $0.key < $1.key }) {
                if !skillIDs.contains(skill) {
                    problem("\(field).skills.\(skill)", "skill '\(skill)' is not defined in skills")
                }
                if !Self.skillLevelRange.contains(level) {
                    problem("\(field).skills.\(skill)", "level \(level) is outside 1...10")
                }
            }
            var memberOf = Set<QueueID>()
            for (membershipIndex, membership) in agent.queues.enumerated() {
                let membershipField = "\(field).queues[\(membershipIndex)]"
                if !queueIDs.contains(membership.queue) {
                    problem("\(membershipField).queue", "queue '\(membership.queue)' is not defined")
                }
                if !memberOf.insert(membership.queue).inserted {
                    problem("\(membershipField).queue", "queue '\(membership.queue)' is listed twice")
                }
                if !Self.tierRange.contains(membership.tier) {
                    problem("\(membershipField).tier", "\(membership.tier) is outside 0...1000")
                }
            }
            if let capacity = agent.capacity { checkCapacity(capacity, at: "\(field).capacity") }
            if let wrapUp = agent.wrapUpTime, wrapUp.milliseconds < 0 {
                problem("\(field).wrapUpTime", "must not be negative")
            }
        }

        var seenReasons = Set<NotReadyReasonID>()
        for (index, reason) in notReadyReasons.enumerated() {
            let field = "notReadyReasons[\(index)]"
            if reason.id.rawValue.isEmpty { problem("\(field).id", "must not be empty") }
            if !seenReasons.insert(reason.id).inserted {
                problem("\(field).id", "reason '\(reason.id)' is defined twice")
            }
            if let maximum = reason.maximumDuration, maximum.milliseconds <= 0 {
                problem("\(field).maximumDuration", "must be more than 0 seconds")
            }
            if let maximum = reason.maximumPerShift, maximum < 0 {
                problem("\(field).maximumPerShift", "must not be negative")
            }
            if let maximum = reason.maximumPerTeam, maximum < 0 {
                problem("\(field).maximumPerTeam", "must not be negative")
            }
        }
        if reconciliationGrace.milliseconds < 0 { problem("reconciliationGrace", "must not be negative") }
        if !(0...100).contains(traceSkippedLimit) { problem("traceSkippedLimit", "\(traceSkippedLimit) is outside 0...100") }

        if !problems.isEmpty { throw ACDConfigurationError(problems: problems) }
    }
}
