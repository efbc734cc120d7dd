// Random tenant configurations for the property tests: every strategy and feature mixed.
@testable import ACD
import KefuTesting

enum RandomTenant {
    static let teams: [TeamID] = ["red", "blue"]

    /// A tenant of 2-3 queues and 3-8 agents with random strategies, aging, relaxation,
    /// sticky routing, overflow rules, tiers, skills and capacities.
    static func make(_ random: inout SeededRandom) -> ACDTenantConfiguration {
        let queueCount = Int.random(in: 2...3, using: &random)
        let queueIDs = (0..<queueCount).map { QueueID("q\($0)") }
        var queues: [QueueConfiguration] = []
        for (index, id) in queueIDs.enumerated() {
            var queue = QueueConfiguration(id: id)
            queue.strategy = RoutingStrategy.allCases.randomElement(using: &random)!
            queue.priorityAging = Bool.random(using: &random) ? nil : .seconds(Int.random(in: 20...120, using: &random))
            if Int.random(in: 0..<10, using: &random) < 4 {
                queue.skillRelaxation = [
                    SkillRelaxationStep(after: .seconds(20), minimumLevel: 3),
                    SkillRelaxationStep(after: .seconds(45), minimumLevel: Int.random(in: 0...1, using: &random)),
                ]
            }
            if Int.random(in: 0..<10, using: &random) < 2 {
                queue.requiredSkills = [SkillRequirement("english", atLeast: Int.random(in: 1...3, using: &random))]
            }
            queue.offerTimeout = .seconds(Int.random(in: 4...20, using: &random))
            queue.wrapUpTime = .seconds(Int.random(in: 0...15, using: &random))
            if Int.random(in: 0..<10, using: &random) < 3 {
                queue.sticky = StickyRouting(window: .hours(1), wait: .seconds(Int.random(in: 0...8, using: &random)))
            }
            if Int.random(in: 0..<10, using: &random) < 3 { queue.announcementInterval = .seconds(30) }
            var overflow: [OverflowRule] = []
            if Bool.random(using: &random) {
                let actions: [OverflowAction] = [.queue(queueIDs[(index + 1) % queueCount]), .voicemail, .callback]
                overflow.append(OverflowRule(when: .waitedLongerThan(.seconds(Int.random(in: 40...200, using: &random))),
                                             then: actions.randomElement(using: &random)!))
            }
            if Int.random(in: 0..<10, using: &random) < 3 {
                overflow.append(OverflowRule(when: .queueFull(waiting: Int.random(in: 3...10, using: &random)),
                                             then: .voicemail))
            }
            if Int.random(in: 0..<10, using: &random) < 3 {
                overflow.append(OverflowRule(when: .noAgentsSignedIn, then: .ivrNode("sorry")))
            }
            if Int.random(in: 0..<10, using: &random) < 3 {
                overflow.append(OverflowRule(when: .closed, then: .externalNumber("4000000000")))
            }
            overflow.shuffle(using: &random)
            queue.overflow = overflow
            queues.append(queue)
        }

        var agents: [AgentConfiguration] = []
        for index in 0..<Int.random(in: 3...8, using: &random) {
            var skills: [SkillID: Int] = [:]
            if Int.random(in: 0..<10, using: &random) < 8 { skills["billing"] = Int.random(in: 1...10, using: &random) }
            if Bool.random(using: &random) { skills["english"] = Int.random(in: 1...10, using: &random) }
            var memberships = queueIDs.filter { _ in Int.random(in: 0..<10, using: &random) < 7 }
                .map { QueueMembership($0, tier: Int.random(in: 0...2, using: &random)) }
            if memberships.isEmpty { memberships = [QueueMembership(queueIDs.randomElement(using: &random)!)] }
            var capacity: [ChannelCapacity]?
            if Int.random(in: 0..<10, using: &random) < 3 {
                capacity = [ChannelCapacity(.voice, maximum: 1, blocks: [.chat]),
                            ChannelCapacity(.chat, maximum: Int.random(in: 1...3, using: &random))]
            }
            agents.append(AgentConfiguration(
                id: AgentID("a\(index)"), team: teams.randomElement(using: &random)!, skills: skills,
                queues: memberships, capacity: capacity,
                wrapUpTime: Int.random(in: 0..<10, using: &random) < 2 ? .seconds(3) : nil))
        }
        let reasons = [
            NotReadyReasonConfiguration(id: "rest", maximumDuration: .seconds(60), maximumPerShift: 3, maximumPerTeam: 1,
                                        enforcement: Bool.random(using: &random) ? .alert : .refuse),
            NotReadyReasonConfiguration(id: "meeting"),
        ]
        return ACDTenantConfiguration(
            tenant: "random", skills: [SkillDefinition(id: "billing"), SkillDefinition(id: "english")],
            queues: queues, agents: agents, notReadyReasons: reasons, reconciliationGrace: .seconds(2),
            traceSkippedLimit: Int.random(in: 0...3, using: &random))
    }
}
