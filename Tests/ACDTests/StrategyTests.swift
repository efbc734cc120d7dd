// Scenarios for the agent-selection strategies of a queue.
import Testing
@testable import ACD

@Suite struct StrategyTests {
    @Test("longest idle: the agent free the longest gets the task (先闲先分配)")
    func longestIdle() throws {
        var s = try Scenario(Fixture.tenant(agents: Fixture.agents("1001", "1002", "1003")))
        s.send(.agentSignedIn("1002"), at: 0)
        s.send(.agentSignedIn("1001"), at: 5)
        s.send(.agentSignedIn("1003"), at: 10)
        s.arrive("t1", at: 20)
        #expect(s.last.offerPairs == ["t1→1002"])
        let trace = try #require(s.lastOffers.first?.trace)
        #expect(trace.reason == .longestIdle(idle: .seconds(20)))
        #expect(trace.candidates == 3)
        s.arrive("t2", at: 21)
        #expect(s.last.offerPairs == ["t2→1001"])
    }

    @Test("round robin: agents take turns in the queue's rotation")
    func roundRobin() throws {
        var s = try Scenario(Fixture.tenant(queues: [Fixture.queue(strategy: .roundRobin)],
                                            agents: Fixture.agents("1001", "1002", "1003")))
        s.signIn("1001", "1002", "1003", at: 0)
        var order: [AgentID] = []
        for index in 1...6 {
            let task = TaskID("t\(index)")
            s.arrive(task, at: Double(index * 10))
            let offer = try #require(s.lastOffers.first)
            order.append(offer.agent)
            s.answer(task)
            s.complete(task)
        }
        #expect(order == ["1001", "1002", "1003", "1001", "1002", "1003"])
    }

    @Test("fewest handled: the agent with the fewest completed tasks gets the next one")
    func fewestHandled() throws {
        var s = try Scenario(Fixture.tenant(queues: [Fixture.queue(strategy: .fewestHandled)],
                                            agents: Fixture.agents("1001", "1002")))
        s.signIn("1001", at: 0)
        for index in 1...3 {
            let task = TaskID("early\(index)")
            s.arrive(task, at: Double(index))
            s.answer(task)
            s.complete(task)
        }
        s.signIn("1002", at: 10)
        s.arrive("t1", at: 20)
        #expect(s.last.offerPairs == ["t1→1002"])
        #expect(s.lastOffers.first?.trace.reason == .fewestHandled(handled: 0))
    }

    @Test("ring-all: every eligible agent rings, the first to answer wins, the others are cancelled")
    func ringAll() throws {
        var s = try Scenario(Fixture.tenant(queues: [Fixture.queue(strategy: .ringAll)],
                                            agents: Fixture.agents("1001", "1002", "1003")))
        s.signIn("1001", "1002", "1003", at: 0)
        s.arrive("t1", at: 1)
        #expect(Set(s.last.offerPairs) == ["t1→1001", "t1→1002", "t1→1003"])
        #expect(s.state(of: "1002") == .reserved)
        let winner = try #require(s.last.offers.first { $0.agent == "1002" })
        s.send(.offerAccepted(winner.offer), at: 3)
        #expect(Set(s.last.cancellations.map(\.agent)) == ["1001", "1003"])
        #expect(s.last.cancellations.allSatisfy { $0.reason == .answeredElsewhere })
        #expect(s.state(of: "1002") == .busy)
        #expect(s.state(of: "1001") == .ready)
        #expect(s.task("t1")?.state == .connected("1002"))
    }

    @Test("random: the pick follows the seed, and every eligible agent gets picked")
    func random() throws {
        func picks(seed: UInt64) throws -> [AgentID] {
            var s = try Scenario(Fixture.tenant(queues: [Fixture.queue(strategy: .random)],
                                                agents: Fixture.agents("1001", "1002", "1003", "1004")), seed: seed)
            s.signIn("1001", "1002", "1003", "1004", at: 0)
            var picked: [AgentID] = []
            for index in 0..<40 {
                let task = TaskID("t\(index)")
                s.arrive(task, at: Double(index + 1))
                picked.append(try #require(s.lastOffers.first).agent)
                s.answer(task)
                s.complete(task)
            }
            return picked
        }
        let first = try picks(seed: 7)
        #expect(try picks(seed: 7) == first)
        #expect(try picks(seed: 8) != first)
        #expect(Set(first) == ["1001", "1002", "1003", "1004"])
    }

    @Test("best skill: the highest proficiency in the task's skill wins, then the longest idle")
    func bestSkill() throws {
        let agents = [
            AgentConfiguration(id: "1001", skills: ["billing": 4], queues: [QueueMembership("service")]),
            AgentConfiguration(id: "1002", skills: ["billing": 9], queues: [QueueMembership("service")]),
            AgentConfiguration(id: "1003", skills: ["billing": 9], queues: [QueueMembership("service")]),
        ]
        var s = try Scenario(Fixture.tenant(queues: [Fixture.queue(strategy: .bestSkill)], agents: agents))
        s.send(.agentSignedIn("1001"), at: 0)
        s.send(.agentSignedIn("1003"), at: 1)
        s.send(.agentSignedIn("1002"), at: 2)
        s.arrive("t1", skills: [SkillRequirement("billing", atLeast: 3)], at: 10)
        #expect(s.last.offerPairs == ["t1→1003"])
        #expect(s.lastOffers.first?.trace.reason == .bestSkill(proficiency: 9))
    }

    @Test("tiers: lower-tier agents get tasks first; a higher tier only when the lower are busy")
    func tiers() throws {
        let agents = [
            AgentConfiguration(id: "backup", queues: [QueueMembership("service", tier: 1)]),
            AgentConfiguration(id: "primary", queues: [QueueMembership("service", tier: 0)]),
        ]
        var s = try Scenario(Fixture.tenant(agents: agents))
        s.send(.agentSignedIn("backup"), at: 0)
        s.send(.agentSignedIn("primary"), at: 50)
        s.arrive("t1", at: 60)
        #expect(s.last.offerPairs == ["t1→primary"])
        s.arrive("t2", at: 61)
        #expect(s.last.offerPairs == ["t2→backup"])
    }

    @Test("an agent in two queues serves its lower-tier queue first, even when the other waited longer")
    func agentSideTiers() throws {
        let queues = [Fixture.queue("sales"), Fixture.queue("service")]
        let agents = [AgentConfiguration(id: "1001", queues: [QueueMembership("sales", tier: 1),
                                                              QueueMembership("service", tier: 0)])]
        var s = try Scenario(Fixture.tenant(queues: queues, agents: agents))
        s.arrive("old-sale", queue: "sales", at: 0)
        s.arrive("new-service", queue: "service", at: 10)
        s.signIn("1001", at: 20)
        #expect(s.last.offerPairs == ["new-service→1001"])
        #expect(s.lastOffers.first?.trace.reason == .firstInLine(queues: 2))
    }
}
