// Scenarios for supervisor commands and for the explanations supervisors read.
import Testing
@testable import ACD

@Suite struct SupervisorTests {
    static func tenant() -> ACDTenantConfiguration {
        Fixture.tenant(
            queues: [Fixture.queue("service"), Fixture.queue("expert")],
            agents: [
                AgentConfiguration(id: "1001", skills: ["billing": 2], queues: [QueueMembership("service")]),
                AgentConfiguration(id: "1002", queues: [QueueMembership("service")]),
                AgentConfiguration(id: "1003", skills: ["billing": 8], queues: [QueueMembership("service")]),
                AgentConfiguration(id: "2001", queues: [QueueMembership("expert")]),
            ])
    }

    @Test("a supervisor forces an agent not ready and back to ready")
    func forceState() throws {
        var s = try Scenario(Self.tenant())
        s.signIn("1001", at: 0)
        s.send(.supervisorForcedState("1001", .notReady("not-ready")), at: 1)
        #expect(s.state(of: "1001") == .notReady(.unspecified))
        #expect(s.last.stateChanges.first?.cause == .supervisor)
        s.arrive("t1", at: 2)
        #expect(s.last.offers.isEmpty)
        s.send(.supervisorForcedState("1001", .ready), at: 3)
        #expect(s.last.offerPairs == ["t1→1001"])
    }

    @Test("a supervisor moves a waiting task to another queue, where it keeps its place")
    func moveTask() throws {
        var s = try Scenario(Self.tenant())
        s.arrive("t1", at: 1)
        s.arrive("e1", queue: "expert", at: 5)
        s.send(.supervisorMovedTask("t1", to: "expert"), at: 10)
        #expect(s.last.contains(.taskMoved(ACDTaskMove(task: "t1", from: "service", to: "expert"))))
        #expect(s.engine.waitingTasks(in: "expert") == ["t1", "e1"])
        s.signIn("2001", at: 11)
        #expect(s.last.offerPairs == ["t1→2001"])
    }

    @Test("moving a ringing task withdraws the offer; moving an answered task is refused")
    func moveRingingAndAnswered() throws {
        var s = try Scenario(Self.tenant())
        s.signIn("1002", at: 0)
        s.arrive("t1", at: 1)
        s.send(.supervisorMovedTask("t1", to: "expert"), at: 2)
        #expect(s.last.cancellations.first?.reason == .taskMoved)
        #expect(s.state(of: "1002") == .ready)
        s.arrive("t2", at: 3)
        s.answer("t2", at: 4)
        s.send(.supervisorMovedTask("t2", to: "expert"), at: 5)
        #expect(s.last.rejections.first?.error == .taskAlreadyAnswered("t2"))
    }

    /// The issue's example: "task 812 went to agent 1003: queue Service, longest idle 94 s
    /// among … eligible; 1001 skipped: skill billing 2 < 3; 1002 skipped: wrap-up".
    @Test("the decision trace reads like a supervisor's explanation")
    func traceText() throws {
        var configuration = Self.tenant()
        configuration.queues[0].name = "Service"
        configuration.queues[0].wrapUpTime = .seconds(120)
        configuration.agents[1].skills = ["billing": 5]
        var s = try Scenario(configuration)
        s.signIn("1002", at: 0)
        s.signIn("1001", at: 0.5)
        s.arrive("811", at: 1)
        s.answer("811", by: "1002", at: 2)
        s.complete("811", at: 5)
        s.signIn("1003", at: 6)
        s.arrive("812", skills: [SkillRequirement("billing", atLeast: 3)], at: 100)
        let trace = try #require(s.lastOffers.first?.trace)
        #expect(trace.description
            == "task 812 went to agent 1003: queue Service, longest idle 1m34s among 1 eligible; "
            + "1001 skipped: skill billing 2 < 3; 1002 skipped: wrap-up")
    }

    @Test("explain says, for a waiting task, what keeps each member of its queue from it")
    func explain() throws {
        var s = try Scenario(Self.tenant())
        s.signIn("1001", "1003", at: 0)
        s.send(.agentStateChanged("1003", .notReady("not-ready")), at: 1)
        s.arrive("t1", skills: [SkillRequirement("billing", atLeast: 3)], at: 2)
        let explanation = try #require(s.engine.explain(task: "t1"))
        #expect(explanation.members.map(\.blockedBy) == [
            .skillTooLow("billing", has: 2, needs: 3), .signedOut, .notReady(.unspecified),
        ])
        #expect(explanation.estimate?.position == 1)
        #expect(explanation.estimate?.estimatedWait == nil)
        #expect(explanation.description.hasPrefix("task t1 in queue service: waiting, position 1, needs billing ≥ 3; "
                                                  + "1001: skill billing 2 < 3; 1002: signed out; 1003: not ready"))
    }
}
