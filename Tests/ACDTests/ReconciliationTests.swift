// Scenarios for reconciliation: the call path's truth repairs every stuck task or agent.
import Testing
@testable import ACD

@Suite struct ReconciliationTests {
    static func tenant() -> ACDTenantConfiguration {
        var configuration = Fixture.tenant(queues: [Fixture.queue(wrapUp: 10, offerTimeout: 60)],
                                           agents: Fixture.agents("1001", "1002"))
        configuration.reconciliationGrace = .seconds(3)
        return configuration
    }

    /// The BYE never reached the ACD: the agent would stay busy forever. Reconciliation ends
    /// the task and the agent goes through wrap-up to ready.
    @Test("a call that ended without the engine knowing is ended; the agent is released")
    func lostHangUp() throws {
        var s = try Scenario(Self.tenant())
        s.signIn("1001", at: 0)
        s.arrive("t1", at: 1)
        s.answer("t1", at: 2)
        s.send(.reconcile(ACDLiveState(tasks: [])), at: 100)
        #expect(s.last.repairs.map(\.kind) == [.taskNotLive("t1")])
        #expect(s.last.endings.first?.outcome == .answered("1001"))
        #expect(s.state(of: "1001") == .wrapUp)
        s.wait(until: 110)
        #expect(s.state(of: "1001") == .ready)
    }

    @Test("an offer that is not ringing is withdrawn without penalty and the task requeued")
    func offerNotRinging() throws {
        var s = try Scenario(Self.tenant())
        s.signIn("1001", at: 0)
        s.arrive("t1", at: 1)
        s.send(.reconcile(ACDLiveState(tasks: [.init(id: "t1")])), at: 10)
        #expect(s.last.repairs.map(\.kind) == [.offerNotRinging("t1", "1001")])
        #expect(s.last.cancellations.first?.reason == .reconciliation)
        #expect(s.last.offerPairs == ["t1→1001"])
        #expect(s.state(of: "1001") == .reserved)
    }

    @Test("an answer the engine missed is applied")
    func missedAnswer() throws {
        var s = try Scenario(Self.tenant())
        s.signIn("1001", at: 0)
        s.arrive("t1", at: 1)
        s.send(.reconcile(ACDLiveState(tasks: [.init(id: "t1", connected: "1001")])), at: 10)
        #expect(s.last.repairs.map(\.kind) == [.answerMissed("t1", "1001")])
        #expect(s.task("t1")?.state == .connected("1001"))
        #expect(s.state(of: "1001") == .busy)
    }

    @Test("an agent the engine thinks is talking, but is not, is released and the caller requeued")
    func lostConnection() throws {
        var s = try Scenario(Self.tenant())
        s.signIn("1001", at: 0)
        s.arrive("t1", at: 1)
        s.answer("t1", at: 2)
        s.send(.reconcile(ACDLiveState(tasks: [.init(id: "t1")])), at: 30)
        #expect(s.last.repairs.map(\.kind) == [.connectionLost("t1", "1001")])
        #expect(s.last.offerPairs == ["t1→1001"])
    }

    @Test("unknown live tasks are reported; phone reachability is corrected")
    func unknownAndDevices() throws {
        var s = try Scenario(Self.tenant())
        s.signIn("1001", "1002", at: 0)
        s.send(.reconcile(ACDLiveState(tasks: [.init(id: "ghost")], reachableAgents: ["1001"])), at: 10)
        #expect(Set(s.last.repairs.map(\.kind)) == [.unknownLiveTask("ghost"), .deviceReachability("1002", reachable: false)])
        #expect(s.engine.agentStatus("1002")?.deviceReachable == false)
        s.arrive("t1", at: 11)
        s.arrive("t2", at: 12)
        #expect(s.history.offers.map(\.agent) == ["1001"])
    }

    @Test("nothing that changed within the grace period is touched")
    func grace() throws {
        var s = try Scenario(Self.tenant())
        s.signIn("1001", at: 0)
        s.arrive("t1", at: 10)
        s.send(.reconcile(ACDLiveState(tasks: [])), at: 11)
        #expect(s.last.repairs.isEmpty)
        #expect(s.task("t1")?.state == .offered(["1001"]))
        s.send(.reconcile(ACDLiveState(tasks: [])), at: 14)
        #expect(s.last.repairs.map(\.kind) == [.taskNotLive("t1")])
    }

    @Test("a consistent engine reports no repairs")
    func consistent() throws {
        var s = try Scenario(Self.tenant())
        s.signIn("1001", "1002", at: 0)
        s.arrive("t1", at: 1)
        s.answer("t1", at: 2)
        s.arrive("t2", at: 3)
        s.arrive("t3", at: 4)
        let live = ACDLiveState(tasks: [.init(id: "t1", connected: "1001"), .init(id: "t2", ringing: ["1002"]),
                                        .init(id: "t3")], reachableAgents: ["1001", "1002"])
        s.send(.reconcile(live), at: 30)
        #expect(s.last.isEmpty)
    }
}
