// Work the agent starts without an offer (click-to-dial, a call to another extension): busy
// for its length whatever the agent chose, wrap-up after it, and no queue statistics.
import Testing
@testable import ACD

@Suite struct DirectTaskTests {
    @Test("a ready agent on a direct call is busy and offered nothing; after it, wrap-up, then the waiting call is offered")
    func busyThenWrapUp() throws {
        var s = try Scenario(Fixture.tenant(queues: [Fixture.queue(wrapUp: 5)], agents: Fixture.agents("1001")))
        s.signIn("1001", at: 0)
        s.send(.directTaskStarted(RoutingTask(id: "c2d", queue: "service"), agent: "1001"), at: 1)
        #expect(s.state(of: "1001") == .busy)
        s.arrive("call", at: 2)
        #expect(s.last.offers.isEmpty)
        s.complete("c2d", at: 10)
        #expect(s.state(of: "1001") == .wrapUp)
        #expect(s.last.offers.isEmpty)
        s.wait(until: 16)
        #expect(s.history.offerPairs == ["call→1001"])
        let counters = try #require(s.engine.queueStatus("service")).counters
        #expect(counters.entered == 1 && counters.completed == 0, "the direct task is in no queue statistics: \(counters)")
    }

    @Test("an agent not ready is busy during a direct call and not ready again after its wrap-up; an unknown agent or a duplicate task is refused")
    func notReadyAgentAndRefusals() throws {
        var s = try Scenario(Fixture.tenant(queues: [Fixture.queue(wrapUp: 2)], agents: Fixture.agents("1001"),
                                            reasons: [NotReadyReasonConfiguration(id: "rest")]))
        s.signIn("1001", at: 0)
        s.send(.agentStateChanged("1001", .notReady("rest")), at: 1)
        s.send(.directTaskStarted(RoutingTask(id: "ext", queue: "service"), agent: "1001"), at: 2)
        #expect(s.state(of: "1001") == .busy)
        s.send(.directTaskStarted(RoutingTask(id: "ext", queue: "service"), agent: "1001"), at: 3)
        #expect(s.last.rejections.map(\.error) == [.duplicateTask("ext")])
        s.send(.directTaskStarted(RoutingTask(id: "other", queue: "service"), agent: "9999"), at: 3)
        #expect(s.last.rejections.map(\.error) == [.unknownAgent("9999")])
        s.complete("ext", at: 4)
        s.wait(until: 7)
        #expect(s.state(of: "1001") == .notReady("rest"))
    }
}
