// Scenarios for skills: minimum levels, relaxation over the wait, queue-level skills.
import Testing
@testable import ACD

@Suite struct SkillTests {
    static let agents = [
        AgentConfiguration(id: "junior", skills: ["billing": 2], queues: [QueueMembership("service")]),
        AgentConfiguration(id: "middle", skills: ["billing": 4], queues: [QueueMembership("service")]),
        AgentConfiguration(id: "none", skills: ["english": 5], queues: [QueueMembership("service")]),
    ]

    @Test("a task needing billing ≥ 3 skips an agent with level 2 and says so in the trace")
    func minimumLevel() throws {
        var s = try Scenario(Fixture.tenant(agents: Self.agents))
        s.send(.agentSignedIn("junior"), at: 0)
        s.send(.agentSignedIn("middle"), at: 5)
        s.arrive("t1", skills: [SkillRequirement("billing", atLeast: 3)], at: 10)
        #expect(s.last.offerPairs == ["t1→middle"])
        let trace = try #require(s.lastOffers.first?.trace)
        #expect(trace.skipped.contains(ACDSkip(agent: "junior", task: nil,
                                               reason: .skillTooLow("billing", has: 2, needs: 3))))
        #expect(trace.description.contains("junior skipped: skill billing 2 < 3"))
    }

    /// A task needing billing 5 accepts level 2 or better after 30 s in the queue, and after
    /// 60 s needs no billing at all.
    @Test("skill requirements relax over the wait: after 30 s level 2 will do, after 60 s anyone")
    func relaxation() throws {
        var queue = Fixture.queue()
        queue.skillRelaxation = [SkillRelaxationStep(after: .seconds(30), minimumLevel: 2),
                                 SkillRelaxationStep(after: .seconds(60), minimumLevel: 0)]
        var s = try Scenario(Fixture.tenant(queues: [queue], agents: Self.agents))
        s.signIn("junior", "none", at: 0)
        s.arrive("t1", skills: [SkillRequirement("billing", atLeast: 5)], at: 10)
        #expect(s.last.offers.isEmpty)
        s.wait(until: 39.9)
        #expect(s.last.offers.isEmpty)
        s.wait(until: 40)
        #expect(s.last.offerPairs == ["t1→junior"])
        #expect(s.lastOffers.first?.trace.trigger == .skillRelaxed)
        #expect(s.lastOffers.first?.trace.waited == .seconds(30))

        s.answer("t1", at: 41)
        s.arrive("t2", skills: [SkillRequirement("billing", atLeast: 5)], at: 42)
        #expect(s.task("t2")?.requirements == [SkillRequirement("billing", atLeast: 5)])
        s.wait(until: 101.9)
        #expect(s.task("t2")?.requirements == [SkillRequirement("billing", atLeast: 2)])
        #expect(s.last.offers.isEmpty)
        s.wait(until: 102)
        #expect(s.last.offerPairs == ["t2→none"])
    }

    @Test("a queue's own required skills apply to every task, the higher level winning")
    func queueSkills() throws {
        var queue = Fixture.queue()
        queue.requiredSkills = [SkillRequirement("billing", atLeast: 3)]
        var s = try Scenario(Fixture.tenant(queues: [queue], agents: Self.agents))
        s.signIn("junior", "middle", "none", at: 0)
        s.arrive("t1", at: 1)
        #expect(s.last.offerPairs == ["t1→middle"])
        s.arrive("t2", skills: [SkillRequirement("billing", atLeast: 1)], at: 2)
        #expect(s.last.offers.isEmpty)
        #expect(s.task("t2")?.requirements == [SkillRequirement("billing", atLeast: 3)])
    }

    @Test("an agent that becomes available takes the first task it can, skipping ones it cannot")
    func agentSideSkills() throws {
        var s = try Scenario(Fixture.tenant(agents: Self.agents))
        s.arrive("hard", skills: [SkillRequirement("billing", atLeast: 9)], at: 1)
        s.arrive("easy", skills: [SkillRequirement("billing", atLeast: 1)], at: 2)
        s.signIn("junior", at: 3)
        #expect(s.last.offerPairs == ["easy→junior"])
        let trace = try #require(s.lastOffers.first?.trace)
        #expect(trace.skipped == [ACDSkip(agent: nil, task: "hard", reason: .skillTooLow("billing", has: 2, needs: 9))])
        #expect(trace.description.contains("task hard skipped: skill billing 2 < 9"))
    }

    @Test("tasks naming an undefined skill or a level outside 1...10 are refused with the reason")
    func invalidSkills() throws {
        var s = try Scenario(Fixture.tenant(agents: Self.agents))
        s.arrive("t1", skills: [SkillRequirement("plumbing")], at: 1)
        #expect(s.last.rejections.first?.error == .unknownSkill("plumbing"))
        s.arrive("t2", skills: [SkillRequirement("billing", atLeast: 11)], at: 2)
        #expect(s.last.rejections.first?.error == .invalidSkillLevel("billing", level: 11))
        #expect(s.last.rejections.first?.description == "taskArrived refused: skill 'billing' level 11 is outside 1...10")
        #expect(s.engine.taskStatus("t1") == nil)
    }
}
